// The native scanner's tables the event schema generates (packages/trading-native-scanner/src): the keys, and
// per type its fields with their checks, read by batch-scanner.cc through event-layout.h.
import { GENERATED_NOTE, slotKind } from './render-ts.js';
import { fingerprint, maxLengthOf, pascal, presence, type EventEntry, type EventField } from './spec.js';

const header = (what: string) => `// ${what}\n// ${GENERATED_NOTE}\n`;
/** A C++ string literal; the schema allows printable ASCII only in what reaches here. */
const cstr = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const keyName = (field: string) => `k${pascal(field)}`;
const cnum = (n: number) => (n === Infinity ? 'kInf' : n === -Infinity ? '-kInf' : String(n));
const PRESENCE = { required: 'Presence::Required', optional: 'Presence::Optional', defaulted: 'Presence::Defaulted' } as const;
const SLOT = { number: 'Slot::Number', string: 'Slot::String', key: 'Slot::Key', id: 'Slot::Id', boolean: 'Slot::Boolean' } as const;

/** Every key any type reads, `type` and `ts` first, in first-seen order. */
export function keysOf(entries: readonly EventEntry[]): string[] {
  return [...new Set(['type', 'ts', ...entries.flatMap((e) => e.fields.map((f) => f.name))])];
}

/** src/event-schema.generated.h: the keys and sizes batch-scanner.cc is compiled with. */
export function renderSchemaHeader(entries: readonly EventEntry[]): string {
  const keys = keysOf(entries);
  return `${header('The keys of the trading events and the sizes the scanner is compiled with.')}#pragma once
#include <cstddef>
#include <cstdint>

namespace vigil {

/** Every key any event type reads. A key outside this list makes the scanner unsure. */
enum Key : uint8_t {
${keys.map((k) => `  ${keyName(k)},\n`).join('')}  kKeyCount
};

/** One more than the longest key. */
constexpr std::size_t kMaxKeyLength = ${Math.max(...keys.map((k) => k.length)) + 1};
/** The most fields of one event type after type and ts. */
constexpr std::size_t kMaxFields = ${Math.max(...entries.map((e) => e.fields.length))};
/** Identifies the schema; the addon exports it and the exporter uses the addon only when it matches its own. */
constexpr const char kSchemaFingerprint[] = ${cstr(fingerprint(entries))};

}  // namespace vigil
`;
}

const valuesName = (e: EventEntry, f: EventField) => `k${pascal(e.type)}${pascal(f.name)}Values`;

function fieldInit(e: EventEntry, f: EventField): string {
  const { spec } = f;
  const key = keyName(f.name);
  const p = PRESENCE[presence(spec)];
  let init: string;
  switch (spec.type) {
    case 'text':
      init = `text(${key}, ${SLOT[slotKind(spec)]}, ${p}, ${maxLengthOf(spec)}${spec.default !== undefined ? `, ${cstr(spec.default)}` : ''})`;
      if (spec.format === 'traceId') init = `traceIdFormat(${init})`;
      break;
    case 'number': {
      const [min, exclusive] = spec.greaterThan !== undefined ? [spec.greaterThan, true] : [spec.min ?? -Infinity, false];
      init = `number(${key}, ${p}, ${cnum(min)}, ${exclusive}, kInf, false)`;
      if (spec.notBelow !== undefined) init = `notBelow(${init}, ${e.fields.find((g) => g.name === spec.notBelow)!.index})`;
      break;
    }
    case 'seconds':
      init = `number(${key}, ${p}, 0, false, ${cnum(spec.below)}, true)`;
      break;
    case 'ratio':
      init = `number(${key}, ${p}, 0, false, 1, false)`;
      break;
    case 'boolean':
      init = `boolean(${key}, ${p})`;
      break;
    case 'enum':
      init = `oneOf(${key}, ${p}, ${valuesName(e, f)}${spec.default !== undefined ? `, ${cstr(spec.default)}` : ''})`;
      break;
  }
  if (!spec.when) return init;
  const on = e.fields.find((g) => g.name === spec.when!.field)!;
  return `when(${init}, ${on.index}, ${cstr(spec.when.equals)})`;
}

/** src/event-layout.generated.cc: the key names and every type's fields (types with the same fields share a table). */
export function renderLayoutSource(entries: readonly EventEntry[]): string {
  const values = entries.flatMap((e) =>
    e.fields.flatMap((f) => (f.spec.type === 'enum' ? [`const char* const ${valuesName(e, f)}[] = {${f.spec.values.map(cstr).join(', ')}};\n`] : [])),
  );
  const tables = new Map<string, string>();
  const tableOf = new Map<string, string>();
  for (const e of entries) {
    const body = e.fields.map((f) => `  ${fieldInit(e, f)},\n`).join('');
    if (!tables.has(body)) tables.set(body, `k${pascal(e.type)}`);
    tableOf.set(e.type, tables.get(body)!);
  }
  const arrays = [...tables].map(([body, name]) => `const Field ${name}[] = {\n${body}};\n`);
  return `${header('The tables declared in event-layout.h: per event type its fields in slot order and their checks.')}#include "event-layout.h"

namespace vigil {

const char* const kKeyNames[kKeyCount] = {
${keysOf(entries).map((k) => `  ${cstr(k)},\n`).join('')}};

namespace {

${values.join('')}
${arrays.join('\n')}
}  // namespace

const EventLayout kLayouts[] = {
${entries.map((e) => `  layout(${cstr(e.type)}, ${tableOf.get(e.type)}),\n`).join('')}};
const uint8_t kTypeCount = sizeof(kLayouts) / sizeof(kLayouts[0]);

}  // namespace vigil
`;
}
