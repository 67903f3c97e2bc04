// The small landing page at "/", as node_exporter serves one.
export interface LandingLink {
  href: string;
  text: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function landingPage(name: string, description: string, version: string, links: LandingLink[]): string {
  const items = links.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a></li>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(name)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:48rem}h1{font-size:1.4rem}code{background:#eee;padding:0 .2em}</style>
</head>
<body>
<h1>${escapeHtml(name)}</h1>
<p>${escapeHtml(description)}</p>
<p>Version <code>${escapeHtml(version)}</code></p>
<ul>
${items}
</ul>
</body>
</html>
`;
}
