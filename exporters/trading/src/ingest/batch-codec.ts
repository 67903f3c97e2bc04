// A validated batch in a compact, transferable form: how an ingest worker hands its result to the main thread.
// Structured-cloning the event objects would cost the main thread about twice what JSON.parse did; instead
// every event becomes a type code and a run of float64 slots (numbers, booleans as 0/1, strings as indexes
// into a per-batch table of distinct strings, NaN for an absent optional), and the table travels as one
// newline-joined string (validated text never holds control characters). Both ArrayBuffers are transferred,
// not copied. Decoding on the main thread is about a tenth of JSON.parse: one object literal per event,
// built by a function compiled from the layout (generated from the event schema), so each type gets one fixed
// shape. Ids (which live as long as their order) are copied out of the table; label values are copied when a
// label guard admits them.
import { EVENT_TYPES, type EventType, type TradingEvent } from '../events.js';
import { BATCH_LAYOUT } from '../generated/batch-layout.js';
import { ownString } from '../own-string.js';

/**
 * `id`: a string unique to its event (fill ids), put in the table without looking for a copy. `key`: an order
 * id, shared by the order's events: interned like a label value, so the events of one order in a batch
 * decode to one string object (copied once, hashed once by the order table's Map, compared by identity).
 */
export type SlotKind = 'number' | 'string' | 'key' | 'id' | 'boolean';
type EventOf<T extends EventType> = Extract<TradingEvent, { type: T }>;
/** A type's fields after `type` and `ts` in slot order (src/generated/batch-layout.ts, from the event schema). */
export type Layout<T extends EventType> = readonly (readonly [Exclude<keyof EventOf<T>, 'type' | 'ts'> & string, SlotKind])[];

export interface EncodedBatch {
  /** Index into EVENT_TYPES per event. */
  types: Uint8Array;
  /** Per event: ts, then one slot per layout field. */
  slots: Float64Array;
  /** The distinct strings of the batch, joined with "\n". */
  strings: string;
}

const TABLE_SEPARATOR = '\n';
const layouts = EVENT_TYPES.map((t) => BATCH_LAYOUT[t] as Layout<EventType>);
const typeCode = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));
// A field name is an identifier from the event schema, so it can be written into generated code as is.
const safe = (key: string): string => {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(key)) throw new Error(`batch codec: bad field name ${key}`);
  return key;
};

type Encoder = (e: Record<string, unknown>, slots: Float64Array, at: number, str: (s: unknown) => number, id: (s: unknown) => number) => void;
/** `own(i)`: table entry i copied out of the table, once per batch; `copy`: ownString, for unique ids. */
type Decoder = (slots: Float64Array, at: number, strings: readonly string[], type: EventType, own: (index: number) => string, copy: (s: string) => string) => TradingEvent;


// Literal property reads and one object literal per type keep every access site monomorphic; a loop over the
// layout with keyed reads and writes measured three times slower to decode.
const encoders: Encoder[] = layouts.map((layout) => {
  const body = layout.map(([key, kind], j) => {
    const at = `at + ${j + 1}`;
    const v = `e.${safe(key)}`;
    if (kind === 'string' || kind === 'key') return `s[${at}] = str(${v});`;
    if (kind === 'id') return `s[${at}] = id(${v});`;
    if (kind === 'boolean') return `s[${at}] = ${v} === undefined ? NaN : ${v} ? 1 : 0;`;
    return `s[${at}] = ${v} === undefined ? NaN : ${v};`;
  });
  return new Function('e', 's', 'at', 'str', 'id', `s[at] = e.ts;\n${body.join('\n')}`) as Encoder;
});
const decoders: Decoder[] = layouts.map((layout) => {
  const fields = layout.map(([key, kind], j) => {
    const v = `s[at + ${j + 1}]`;
    if (kind === 'id') return `${safe(key)}: ${v} !== ${v} ? undefined : copy(t[${v}])`;
    if (kind === 'key') return `${safe(key)}: ${v} !== ${v} ? undefined : own(${v})`;
    if (kind === 'string') return `${safe(key)}: ${v} !== ${v} ? undefined : t[${v}]`;
    if (kind === 'boolean') return `${safe(key)}: ${v} !== ${v} ? undefined : ${v} === 1`;
    return `${safe(key)}: ${v} !== ${v} ? undefined : ${v}`;
  });
  return new Function('s', 'at', 't', 'type', 'own', 'copy', `return { type, ts: s[at], ${fields.join(', ')} };`) as Decoder;
});

export function encodeBatch(events: readonly TradingEvent[]): EncodedBatch {
  const types = new Uint8Array(events.length);
  let size = 0;
  for (let i = 0; i < events.length; i++) {
    const code = typeCode.get(events[i].type)!;
    types[i] = code;
    size += 1 + layouts[code].length;
  }
  const slots = new Float64Array(size);
  const table: string[] = [];
  const index = new Map<string, number>();
  const str = (s: unknown): number => {
    if (s === undefined) return NaN;
    let i = index.get(s as string);
    if (i === undefined) {
      i = id(s);
      index.set(s as string, i);
    }
    return i;
  };
  function id(s: unknown): number {
    if (s === undefined) return NaN;
    // Validation refuses control characters in text; a field that skipped it must not split the table.
    if ((s as string).includes(TABLE_SEPARATOR)) throw new Error('batch codec: a string holds a line feed');
    return table.push(s as string) - 1;
  }
  let at = 0;
  for (let i = 0; i < events.length; i++) {
    encoders[types[i]](events[i] as unknown as Record<string, unknown>, slots, at, str, id);
    at += 1 + layouts[types[i]].length;
  }
  return { types, slots, strings: table.join(TABLE_SEPARATOR) };
}

export function decodeBatch(batch: EncodedBatch): TradingEvent[] {
  const { types, slots } = batch;
  const table = batch.strings.split(TABLE_SEPARATOR);
  const owned: Array<string | undefined> = [];
  const own = (i: number): string => (owned[i] ??= ownString(table[i]));
  const out = new Array<TradingEvent>(types.length);
  let at = 0;
  for (let i = 0; i < types.length; i++) {
    const code = types[i];
    out[i] = decoders[code](slots, at, table, EVENT_TYPES[code], own, ownString);
    at += 1 + layouts[code].length;
  }
  return out;
}

/** The ArrayBuffers to transfer with a batch. */
export function transferList(batch: EncodedBatch): ArrayBuffer[] {
  return [batch.types.buffer as ArrayBuffer, batch.slots.buffer as ArrayBuffer];
}
