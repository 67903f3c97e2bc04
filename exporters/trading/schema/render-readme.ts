// The README's table of event fields, generated from the event schema between two marker comments.
import { DEFAULT_MAX_LENGTH, maxLengthOf, presence, type EventEntry, type EventField } from './spec.js';

export const README_BEGIN = '<!-- event-fields: generated from schema/events.ts by `npm run schema:generate`; do not edit -->';
export const README_END = '<!-- /event-fields -->';

const code = (s: string | number) => `\`${s}\``;
const num = (n: number) => (n < 0 ? `−${-n}` : String(n));

function describeField({ name, spec }: EventField): string {
  const p = presence(spec);
  let s = code(name) + (p === 'required' ? '' : '?');
  const notes: string[] = [];
  switch (spec.type) {
    case 'text':
      if (spec.default !== undefined) s += ` = ${code(spec.default)}`;
      if (spec.format === 'traceId') notes.push('32 hex digits, not all zero');
      else if (maxLengthOf(spec) !== DEFAULT_MAX_LENGTH) notes.push(`≤ ${maxLengthOf(spec)} chars`);
      break;
    case 'number':
      if (spec.greaterThan !== undefined) s += ` > ${num(spec.greaterThan)}`;
      if (spec.min !== undefined) s += ` ≥ ${num(spec.min)}`;
      if (spec.notBelow !== undefined) s += ` ≥ ${code(spec.notBelow)}`;
      break;
    case 'seconds':
      s += ` ≥ 0 and < ${num(spec.below)} s`;
      break;
    case 'ratio':
      s += ' 0..1';
      break;
    case 'boolean':
      notes.push('true/false');
      break;
    case 'enum':
      s += ` ${spec.values.map(code).join('/')}${spec.default !== undefined ? ` = ${code(spec.default)}` : ''}`;
      break;
  }
  if (spec.when) notes.push(`${p === 'required' ? 'required' : 'checked'} only when ${code(spec.when.field)} is ${code(spec.when.equals)}`);
  if (spec.doc) notes.push(spec.doc);
  if (notes.length) s += ` (${notes.join('; ')})`;
  return s.replace(/\|/g, '\\|');
}

/** The table, with its legend. */
export function renderFieldTable(entries: readonly EventEntry[]): string {
  const rows = entries.map((e) => `| ${code(e.type)} | ${e.doc.replace(/\|/g, '\\|')} | ${e.fields.map(describeField).join(', ')} |`);
  return [
    `Every event has \`type\` and \`ts\` (RFC 3339 or epoch milliseconds). \`?\`: optional; \`= x\`: the value when absent or null. Text is 1–${DEFAULT_MAX_LENGTH} characters without control characters unless a length is shown; numbers are finite.`,
    '',
    '| type | what | fields |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The README with the table between the markers replaced; throws when the markers are missing. */
export function spliceReadme(readme: string, entries: readonly EventEntry[]): string {
  const begin = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END);
  if (begin < 0 || end < begin) throw new Error(`README.md: the markers ${README_BEGIN} and ${README_END} are missing`);
  return `${readme.slice(0, begin + README_BEGIN.length)}\n${renderFieldTable(entries)}\n${readme.slice(end)}`;
}
