// Grafana renders a plugin route's `url` and header `content` as Go templates over the app's settings
// ({{ .JsonData.journalUrl }}, {{ .SecureJsonData.journalApiKey }}, {{ (index .JsonData.alertmanagers 0).url }}).
// This renders that subset: field paths, `index` with integer or quoted keys, and parentheses. Anything else, or a
// setting that is not there, is an error naming the setting, never a half-rendered URL.
export interface TemplateData {
  JsonData: Record<string, unknown>;
  SecureJsonData: Record<string, string>;
}

export class RouteTemplateError extends Error {}

type Token = { kind: 'path'; text: string } | { kind: 'word'; text: string } | { kind: 'open' } | { kind: 'close' };

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\()|(\))|((?:\.[A-Za-z_][\w]*)+|\.)|("(?:[^"\\]|\\.)*"|-?\d+|[A-Za-z_]\w*))/y;
  let at = 0;
  while (at < expr.length) {
    if (/^\s*$/.test(expr.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(expr);
    if (!m) throw new RouteTemplateError(`cannot read "${expr.slice(at)}" in {{${expr}}}`);
    at = re.lastIndex;
    if (m[1]) tokens.push({ kind: 'open' });
    else if (m[2]) tokens.push({ kind: 'close' });
    else if (m[3]) tokens.push({ kind: 'path', text: m[3] });
    else tokens.push({ kind: 'word', text: m[4] });
  }
  return tokens;
}

function field(value: unknown, name: string, where: string): unknown {
  if (value === null || typeof value !== 'object' || !(name in (value as object))) {
    throw new RouteTemplateError(`${where}.${name} is not set`);
  }
  return (value as Record<string, unknown>)[name];
}

/** Evaluates one {{ … }} action against the settings; `where` names the value for error messages. */
function evaluate(tokens: Token[], data: TemplateData): { value: unknown; where: string } {
  let pos = 0;
  const operand = (): { value: unknown; where: string } => {
    const t = tokens[pos++];
    if (!t) throw new RouteTemplateError('expected a value');
    if (t.kind === 'open') {
      const inner = call();
      if (tokens[pos++]?.kind !== 'close') throw new RouteTemplateError('expected )');
      return withPath(inner);
    }
    if (t.kind === 'path') {
      let cur: { value: unknown; where: string } = { value: data, where: '' };
      for (const name of t.text.split('.').filter(Boolean)) {
        const where = cur.where ? `${cur.where}.${name}` : name;
        cur = { value: field(cur.value, name, cur.where || 'settings'), where };
      }
      return cur;
    }
    if (t.kind === 'word' && /^-?\d+$/.test(t.text)) return { value: Number(t.text), where: t.text };
    if (t.kind === 'word' && t.text.startsWith('"')) return { value: JSON.parse(t.text) as string, where: t.text };
    throw new RouteTemplateError(`unsupported "${t.kind === 'word' ? t.text : ')'}"`);
  };
  // A parenthesised value may be followed by .field accessors: (index .JsonData.alertmanagers 0).url
  const withPath = (base: { value: unknown; where: string }) => {
    let cur = base;
    while (tokens[pos]?.kind === 'path') {
      for (const name of (tokens[pos] as { text: string }).text.split('.').filter(Boolean)) {
        cur = { value: field(cur.value, name, cur.where), where: `${cur.where}.${name}` };
      }
      pos++;
    }
    return cur;
  };
  const call = (): { value: unknown; where: string } => {
    const t = tokens[pos];
    if (t?.kind === 'word' && t.text === 'index') {
      pos++;
      let cur = operand();
      while (pos < tokens.length && tokens[pos].kind !== 'close') {
        const key = operand().value;
        const where = `${cur.where}[${JSON.stringify(key)}]`;
        const v = cur.value as Record<string | number, unknown> | unknown[] | null;
        const found =
          Array.isArray(v) && typeof key === 'number'
            ? v[key]
            : v && typeof v === 'object' && !Array.isArray(v)
              ? (v as Record<string, unknown>)[String(key)]
              : undefined;
        if (found === undefined) throw new RouteTemplateError(`${where} is not set`);
        cur = { value: found, where };
      }
      return cur;
    }
    return operand();
  };
  const out = call();
  if (pos !== tokens.length) throw new RouteTemplateError('unexpected text after the value');
  return out;
}

/** Renders a route template; throws RouteTemplateError naming the missing setting or the unsupported syntax. */
export function renderRouteTemplate(template: string, data: TemplateData): string {
  return template.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_all, expr: string) => {
    const { value, where } = evaluate(tokenize(expr), data);
    if (value === null || value === undefined || value === '' || typeof value === 'object') {
      throw new RouteTemplateError(`${where} is ${value === '' ? 'empty' : 'not a text value'}`);
    }
    return String(value);
  });
}
