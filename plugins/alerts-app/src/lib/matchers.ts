// Alertmanager's matcher syntax and semantics: `severity=critical venue=~"binance|okx"` (also inside braces and
// comma-separated, as amtool and Alertmanager's UI write them). Operators =, !=, =~, !~; values bare or
// double-quoted with \" \\ \n escapes; regexes fully anchored; a missing label is the empty string.
import type { AmMatcher, Labels } from '../types';

export type MatcherOp = '=' | '!=' | '=~' | '!~';

export class MatcherSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number
  ) {
    super(message);
  }
}

const NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;

export function opOf(m: AmMatcher): MatcherOp {
  return m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
}

function fromOp(name: string, op: MatcherOp, value: string): AmMatcher {
  return { name, value, isRegex: op.endsWith('~'), isEqual: !op.startsWith('!') };
}

/** Anchored like Alertmanager: the whole value must match. */
export function compileRegex(value: string): RegExp {
  return new RegExp(`^(?:${value})$`);
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      return { value, end: i + 1 };
    }
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined) {
        break;
      }
      value += next === 'n' ? '\n' : next;
      i++;
    } else {
      value += c;
    }
  }
  throw new MatcherSyntaxError(`unterminated quoted value starting at column ${start + 1}`, start);
}

/** Parses a whole filter; throws MatcherSyntaxError naming the column of the first problem. */
export function parseMatchers(input: string): AmMatcher[] {
  let text = input.trim();
  let offset = input.indexOf(text);
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) {
      throw new MatcherSyntaxError('missing closing }', offset + text.length);
    }
    text = text.slice(1, -1);
    offset += 1;
  }
  const out: AmMatcher[] = [];
  let i = 0;
  const skip = () => {
    while (i < text.length && /[\s,]/.test(text[i])) {
      i++;
    }
  };
  skip();
  while (i < text.length) {
    NAME.lastIndex = i;
    const name = NAME.exec(text)?.[0];
    if (!name) {
      throw new MatcherSyntaxError(`expected a label name at column ${offset + i + 1}`, offset + i);
    }
    i += name.length;
    const op = (['=~', '!~', '!=', '='] as const).find((o) => text.startsWith(o, i));
    if (!op) {
      throw new MatcherSyntaxError(`expected =, !=, =~ or !~ after "${name}" at column ${offset + i + 1}`, offset + i);
    }
    i += op.length;
    let value: string;
    if (text[i] === '"') {
      const q = readQuoted(text, i);
      value = q.value;
      i = q.end;
    } else {
      const start = i;
      while (i < text.length && !/[\s,]/.test(text[i])) {
        i++;
      }
      value = text.slice(start, i);
    }
    if (op.endsWith('~')) {
      try {
        compileRegex(value);
      } catch (err) {
        throw new MatcherSyntaxError(`invalid regular expression for "${name}": ${(err as Error).message}`, offset + i);
      }
    }
    out.push(fromOp(name, op, value));
    if (i < text.length && !/[\s,]/.test(text[i])) {
      throw new MatcherSyntaxError(`expected a space or comma at column ${offset + i + 1}`, offset + i);
    }
    skip();
  }
  return out;
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

export function formatMatcher(m: AmMatcher): string {
  const bare = /^[A-Za-z0-9_.:/-]+$/.test(m.value);
  return `${m.name}${opOf(m)}${bare ? m.value : quote(m.value)}`;
}

export function formatMatchers(ms: AmMatcher[]): string {
  return ms.map(formatMatcher).join(' ');
}

export function matcherMatches(m: AmMatcher, labels: Labels): boolean {
  const value = labels[m.name] ?? '';
  let hit: boolean;
  if (m.isRegex) {
    try {
      hit = compileRegex(m.value).test(value);
    } catch {
      return false;
    }
  } else {
    hit = value === m.value;
  }
  return m.isEqual ? hit : !hit;
}

export function matchesAll(ms: AmMatcher[], labels: Labels): boolean {
  return ms.every((m) => matcherMatches(m, labels));
}

/** Equality matchers on every label: what "silence this alert" starts from. */
export function matchersForLabels(labels: Labels, only?: string[]): AmMatcher[] {
  return Object.keys(labels)
    .filter((k) => !only || only.includes(k))
    .sort()
    .map((name) => ({ name, value: labels[name], isRegex: false, isEqual: true }));
}
