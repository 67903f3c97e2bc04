// The TypeScript the event schema generates: the event types, the per-type field checks of validation and the
// batch codec's layout.
import { fingerprint, maxLengthOf, pascal, presence, type EventEntry, type EventField, type FieldSpec } from './spec.js';

export const GENERATED_NOTE = 'Generated from exporters/trading/schema/events.ts by `npm run schema:generate -w @vigil/trading-exporter`: do not edit.';
const header = (what: string) => `// ${what}\n// ${GENERATED_NOTE}\n`;
const str = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** A doc note as a JSDoc line (no comment terminator can get in). */
const jsdoc = (indent: string, text: string | undefined) => (text ? `${indent}/** ${text.replace(/\*\//g, '* /')} */\n` : '');

function tsType(f: FieldSpec): string {
  switch (f.type) {
    case 'text':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'enum':
      return f.values.map(str).join(' | ');
    default:
      return 'number';
  }
}

/** src/generated/events.ts: the event types after validation (epoch-ms `ts`, defaults filled in). */
export function renderEvents(entries: readonly EventEntry[]): string {
  const out = [header('The trading events of POST /v1/events after validation: `ts` in epoch ms, defaults filled in.')];
  out.push(`/** Every event type; the index is the batch codec's type code. */\nexport const EVENT_TYPES = [\n${entries.map((e) => `  ${str(e.type)},\n`).join('')}] as const;\n`);
  out.push('export type EventType = (typeof EVENT_TYPES)[number];\n');
  out.push(`/** Identifies the schema; the native scanner is used only when built from the same one. */\nexport const EVENT_SCHEMA_FINGERPRINT = ${str(fingerprint(entries))};\n`);
  for (const e of entries) {
    const fields = e.fields.map((f) => {
      const optional = presence(f.spec) === 'optional' || f.spec.when !== undefined;
      return `${jsdoc('  ', f.spec.doc)}  ${f.name}${optional ? '?' : ''}: ${tsType(f.spec)};\n`;
    });
    out.push(`${jsdoc('', e.doc)}export interface ${pascal(e.type)} {\n  type: ${str(e.type)};\n  /** Epoch milliseconds. */\n  ts: number;\n${fields.join('')}}\n`);
  }
  out.push(`export type TradingEvent =\n${entries.map((e) => `  | ${pascal(e.type)}`).join('\n')};\n`);
  return out.join('\n');
}

const enumConst = (e: EventEntry, f: EventField) => `${e.type.replace('.', '_')}_${f.name}`.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

/** One field's check, reading the field with a literal property name (field-reader.ts says why). */
function check(e: EventEntry, f: EventField): string {
  const { name, spec } = f;
  const p = presence(spec);
  const v = `o.${name}`;
  const q = str(name);
  const setTo = (call: string) => `r.set(${q}, ${v}, ${call});`;
  switch (spec.type) {
    case 'text': {
      const max = `, ${maxLengthOf(spec)}${spec.format === 'traceId' ? ', true' : ''}`;
      if (p === 'required') return `r.text(${q}, ${v}${max});`;
      if (p === 'optional') return setTo(`r.maybeText(${q}, ${v}${max})`);
      return setTo(`r.optText(${q}, ${v}, ${str(spec.default!)}${max})`);
    }
    case 'number': {
      const bounds = spec.greaterThan !== undefined ? `, ${spec.greaterThan}, true` : spec.min !== undefined ? `, ${spec.min}` : '';
      const own = p === 'required' ? `r.number(${q}, ${v}${bounds});` : setTo(`r.maybeNumber(${q}, ${v}${bounds})`);
      return spec.notBelow === undefined ? own : `${own}\n      r.notBelow(${q}, ${v}, ${str(spec.notBelow)}, o.${spec.notBelow});`;
    }
    case 'seconds':
      return p === 'required' ? `r.seconds(${q}, ${v}, ${spec.below});` : setTo(`r.maybeSeconds(${q}, ${v}, ${spec.below})`);
    case 'ratio':
      return p === 'required' ? `r.ratio(${q}, ${v});` : setTo(`r.maybeRatio(${q}, ${v})`);
    case 'boolean':
      return p === 'required' ? `r.boolean(${q}, ${v});` : setTo(`r.maybeBoolean(${q}, ${v})`);
    case 'enum': {
      const values = enumConst(e, f);
      if (p === 'required') return `r.oneOf(${q}, ${v}, ${values});`;
      if (p === 'optional') return setTo(`r.maybeOneOf(${q}, ${v}, ${values})`);
      return setTo(`r.optOneOf(${q}, ${v}, ${values}, ${str(spec.default!)})`);
    }
  }
}

/** A type's checks, consecutive fields with the same condition under one `if`. */
function checks(e: EventEntry): string[] {
  const lines: string[] = [];
  let open: string | undefined;
  for (const f of e.fields) {
    const cond = f.spec.when ? `o.${f.spec.when.field} === ${str(f.spec.when.equals)}` : undefined;
    if (open !== undefined && cond !== open) lines.push('      }');
    if (cond !== undefined && cond !== open) lines.push(`      if (${cond}) {`);
    open = cond;
    lines.push(`${cond ? '        ' : '      '}${check(e, f)}`);
  }
  if (open !== undefined) lines.push('      }');
  return lines;
}

/** src/generated/validate-fields.ts: every type's field checks (types with the same checks share a case). */
export function renderValidateFields(entries: readonly EventEntry[]): string {
  const consts = entries.flatMap((e) =>
    e.fields.flatMap((f) => (f.spec.type === 'enum' ? [`const ${enumConst(e, f)} = [${f.spec.values.map(str).join(', ')}] as const;\n`] : [])),
  );
  const cases = new Map<string, string[]>();
  for (const e of entries) {
    const body = checks(e).join('\n');
    cases.set(body, [...(cases.get(body) ?? []), e.type]);
  }
  const switchBody = [...cases].map(([body, types]) => `${types.map((t) => `    case ${str(t)}:\n`).join('')}${body}\n      break;\n`).join('');
  return `${header('The field checks of validateEvent (src/ingest/validate.ts), per event type, after `type` and `ts`.')}import type { Raw, Reader } from '../ingest/field-reader.js';
import type { EventType } from './events.js';

${consts.join('')}
/** Checks the fields of an event of type \`t\` in place: defaults filled in, null optionals made undefined. */
export function checkFields(r: Reader, o: Raw, t: EventType): void {
  switch (t) {
${switchBody}  }
}
`;
}

/** How the batch codec writes a field's slot. */
export function slotKind(f: FieldSpec): 'number' | 'string' | 'key' | 'id' | 'boolean' {
  if (f.type === 'text') return f.codec === 'orderKey' ? 'key' : f.codec === 'unique' ? 'id' : 'string';
  if (f.type === 'enum') return 'string';
  return f.type === 'boolean' ? 'boolean' : 'number';
}

/** src/generated/batch-layout.ts: the slots of each type after `ts`. */
export function renderBatchLayout(entries: readonly EventEntry[]): string {
  const types = entries.map((e) => `  ${str(e.type)}: [\n${e.fields.map((f) => `    [${str(f.name)}, ${str(slotKind(f.spec))}],\n`).join('')}  ],\n`);
  return `${header("The batch codec's layout (src/ingest/batch-codec.ts).")}import type { Layout } from '../ingest/batch-codec.js';
import type { EventType } from './events.js';

/** Every field of every event type after \`type\` and \`ts\`, in slot order, with how its slot is written. */
export const BATCH_LAYOUT: { readonly [T in EventType]: Layout<T> } = {
${types.join('')}};
`;
}
