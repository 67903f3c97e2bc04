// README links the way Grafana's plugin validator reads them (its brokenlinks pass): every `[text](target)` in
// the file, code included, must be absolute (https://, http://), an anchor (#...) or mailto:. The catalog and
// Grafana's plugin page show the README away from the repository, so a relative link there is dead.
import { posix } from 'node:path';

export interface MarkdownLink {
  image: boolean;
  target: string;
  /** Where the whole `[text](target)` starts and ends in the text. */
  start: number;
  end: number;
  targetStart: number;
}

// The validator's own pattern, with the `!` of images captured in front.
const LINK = /(!?)\[.+?\]\((.+?)\)/g;

export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const m of markdown.matchAll(LINK)) {
    const whole = m[0];
    const inner = m[2];
    const target = inner.trim().split(/\s+/)[0] ?? '';
    const targetStart = (m.index ?? 0) + whole.length - 1 - inner.length + inner.indexOf(target);
    links.push({ image: m[1] === '!', target, start: m.index ?? 0, end: (m.index ?? 0) + whole.length, targetStart });
  }
  return links;
}

export function isAbsoluteLink(target: string): boolean {
  return /^https?:\/\//i.test(target) || target.startsWith('#') || /^mailto:/i.test(target);
}

export interface RepositoryLinks {
  /** e.g. https://github.com/your-org/vigil */
  url: string;
  /** the plugin's folder in it, e.g. plugins/slo-burnrate-panel */
  directory: string;
  /** branch or tag the links point at */
  ref: string;
}

/** Where a file of the repository is shown (links) or served raw (images). */
export function repositoryFileUrl(repo: RepositoryLinks, repoPath: string, image: boolean): string {
  return `${repo.url}/${image ? 'raw' : 'blob'}/${repo.ref}/${repoPath}`;
}

/**
 * The path a file of the plugin's folder has in the release archive: src/ is what the build copies to dist/
 * (src/img/x.png → img/x.png); other files keep their place. Undefined for files outside the plugin's folder.
 */
export function archivePathOf(repo: RepositoryLinks, repoPath: string): string | undefined {
  const prefix = repo.directory ? `${repo.directory}/` : '';
  if (!repoPath.startsWith(prefix)) return undefined;
  const inPlugin = repoPath.slice(prefix.length);
  return inPlugin.startsWith('src/') ? inPlugin.slice('src/'.length) : inPlugin;
}

/** The repository path an absolute link of this repository points at (blob/raw at the ref), if it is one. */
export function repoPathOfUrl(repo: RepositoryLinks, url: string): string | undefined {
  for (const kind of ['raw', 'blob', 'tree']) {
    const prefix = `${repo.url}/${kind}/${repo.ref}/`;
    if (url.startsWith(prefix)) return decodeURI(url.slice(prefix.length).split('#')[0]);
  }
  return undefined;
}

export interface AbsoluteReadme {
  markdown: string;
  /** Images of the plugin's folder the README shows: repository path → path in the archive. */
  images: Map<string, string>;
}

/** Rewrites every relative link of a plugin README into an absolute link to the repository at `ref`. */
export function absoluteReadme(markdown: string, repo: RepositoryLinks): AbsoluteReadme {
  const images = new Map<string, string>();
  let out = '';
  let last = 0;
  for (const link of markdownLinks(markdown)) {
    if (isAbsoluteLink(link.target)) continue;
    const [path, anchor] = link.target.split('#', 2) as [string, string | undefined];
    const repoPath = posix.normalize(posix.join(repo.directory, path));
    if (repoPath.startsWith('..')) throw new Error(`README link ${link.target} leaves the repository`);
    const url = repositoryFileUrl(repo, repoPath, link.image) + (anchor === undefined ? '' : `#${anchor}`);
    if (link.image) {
      const inArchive = archivePathOf(repo, repoPath);
      if (inArchive) images.set(repoPath, inArchive);
    }
    out += markdown.slice(last, link.targetStart) + url;
    last = link.targetStart + link.target.length;
  }
  return { markdown: out + markdown.slice(last), images };
}
