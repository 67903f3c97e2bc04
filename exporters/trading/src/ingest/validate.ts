// Validation of one event of a batch into the typed model. Pure: nothing here touches state, so a batch
// can be checked whole before any of it is applied. Every refusal names the event index and the field.
// Which check applies to which field of which type is generated from the event schema (schema/events.ts).
import { EVENT_TYPES, type EventType, type TradingEvent } from '../events.js';
import { checkFields } from '../generated/validate-fields.js';
import { describe, Reader, type Raw } from './field-reader.js';
import { badEvent } from './ingest-error.js';

export interface ValidateOptions {
  /** Current time, epoch ms. */
  now: number;
  /** How far in the future a timestamp may be (clock skew between the desk and the exporter). */
  maxFutureMs: number;
}

// Maps a parsed type to the interned constant, so later switches compare by identity.
const KNOWN_TYPES = new Map<string, EventType>(EVENT_TYPES.map((t) => [t, t]));
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Refuses prototype-polluting keys and nested values (events are flat records). */
function checkShape(o: Raw, index: number): void {
  for (const key in o) {
    // The three forbidden keys are 9 to 11 characters long; the length test spares most keys the set lookup.
    if (key.length >= 9 && key.length <= 11 && FORBIDDEN_KEYS.has(key)) throw badEvent('forbidden_key', index, key, `the key ${JSON.stringify(key)} is not allowed`);
    const v = o[key];
    if (v !== null && typeof v === 'object') {
      throw badEvent('too_deep', index, key, `expected a scalar value, got ${describe(v)} (events are flat objects)`);
    }
  }
}

export function validateEvent(raw: unknown, index: number, opts: ValidateOptions): TradingEvent {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw badEvent('not_an_object', index, '', `expected an event object, got ${describe(raw)}`);
  }
  const o = raw as Raw;
  checkShape(o, index);
  const type = o.type;
  if (type === undefined) throw badEvent('missing_field', index, 'type', 'required field is missing');
  const t = typeof type === 'string' ? KNOWN_TYPES.get(type) : undefined;
  if (t === undefined) {
    throw badEvent('unknown_type', index, 'type', `unknown event type ${describe(type)}; expected one of ${EVENT_TYPES.join(', ')}`);
  }
  // Checked in place rather than copied: the parsed object becomes the event (defaults filled in, null
  // optionals made undefined, the timestamp made epoch ms), which saves an allocation per event on ingest.
  const r = new Reader(o, index);
  o.type = t;
  r.set('ts', o.ts, r.ts(o.ts, opts));
  checkFields(r, o, t);
  return o as unknown as TradingEvent;
}

/** Validates a whole batch; throws the first problem (IngestError) so nothing of a bad batch is applied. */
export function validateBatch(items: unknown[], opts: ValidateOptions): TradingEvent[] {
  const out = new Array<TradingEvent>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = validateEvent(items[i], i, opts);
  return out;
}
