// The checks validation applies to one field of an event, each refusal naming the event index and the field.
// The per-type list of which check applies to which field is generated from the event schema
// (src/generated/validate-fields.ts); the timestamp check, common to every type, is here.
import type { ValidateOptions } from './validate.js';
import { badEvent } from './ingest-error.js';

export type Raw = Record<string, unknown>;

// Epoch milliseconds before 1973 are almost certainly epoch seconds sent by mistake.
const MIN_EPOCH_MS = 1e11;
const TRACE_ID = /^[0-9a-fA-F]{32}$/;
const ZERO_TRACE_ID = /^0{32}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** True when s holds a control character (a loop: cheaper than a regex on short label values). */
function hasControlChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 127) return true;
  }
  return false;
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return Array.isArray(v) ? 'an array' : 'an object';
  return String(v);
}

/** `"a" or "b"`, `"a", "b" or "c"`. */
function either(values: readonly string[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

// Every check takes the value its caller read with a literal property name (`o.orderId`), not `o[field]`:
// each read site then sees the few shapes of one event type and stays fast, where one shared keyed read over
// every field of every type went megamorphic (about a fifth of validation time, measured in process).
export class Reader {
  constructor(
    readonly o: Raw,
    readonly index: number,
  ) {}

  /** Writes a normalised value back only when it differs (no shape change for fields already right). */
  set(field: string, old: unknown, value: unknown): void {
    if (old !== value) this.o[field] = value;
  }

  private missing(field: string, expected: string): never {
    throw badEvent('missing_field', this.index, field, `required field is missing (expected ${expected})`);
  }

  private invalid(field: string, expected: string, v: unknown): never {
    throw badEvent('invalid_field', this.index, field, `expected ${expected}, got ${describe(v)}`);
  }

  text(field: string, v: unknown, maxLength: number, traceId = false): string {
    if (v === undefined || v === null) this.missing(field, 'a non-empty string');
    return this.checkText(field, v, maxLength, traceId);
  }

  optText(field: string, v: unknown, fallback: string, maxLength: number): string {
    return v === undefined || v === null ? fallback : this.checkText(field, v, maxLength, false);
  }

  maybeText(field: string, v: unknown, maxLength: number, traceId = false): string | undefined {
    return v === undefined || v === null ? undefined : this.checkText(field, v, maxLength, traceId);
  }

  private checkText(field: string, v: unknown, maxLength: number, traceId: boolean): string {
    if (traceId) {
      if (typeof v !== 'string' || !TRACE_ID.test(v) || ZERO_TRACE_ID.test(v)) this.invalid(field, 'a W3C trace id (32 hex digits, not all zero)', v);
    } else if (typeof v !== 'string' || v.length === 0 || v.length > maxLength || hasControlChar(v)) {
      this.invalid(field, `a non-empty string of at most ${maxLength} characters without control characters`, v);
    }
    return v;
  }

  /** A finite number; `min` is inclusive unless `exclusive`. */
  number(field: string, v: unknown, min = -Infinity, exclusive = false): number {
    if (v === undefined || v === null) this.missing(field, 'a number');
    return this.checkNumber(field, v, min, exclusive);
  }

  maybeNumber(field: string, v: unknown, min = -Infinity, exclusive = false): number | undefined {
    return v === undefined || v === null ? undefined : this.checkNumber(field, v, min, exclusive);
  }

  private checkNumber(field: string, v: unknown, min: number, exclusive: boolean): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.invalid(field, 'a finite number', v);
    if (exclusive ? !(v > min) : !(v >= min)) {
      this.invalid(field, min === 0 ? (exclusive ? 'a number greater than 0' : 'a number >= 0') : `a number ${exclusive ? '>' : '>='} ${min}`, v);
    }
    return v;
  }

  /** A number not below another field of the event (both already checked); skipped when either is absent. */
  notBelow(field: string, v: unknown, other: string, bound: unknown): void {
    if (typeof v === 'number' && typeof bound === 'number' && v < bound) this.invalid(field, `a number >= ${other} (${bound})`, v);
  }

  /** A duration in seconds, 0 <= v < max. */
  seconds(field: string, raw: unknown, max: number): number {
    return this.checkSeconds(field, this.number(field, raw, 0), max);
  }

  maybeSeconds(field: string, raw: unknown, max: number): number | undefined {
    const v = this.maybeNumber(field, raw, 0);
    return v === undefined ? v : this.checkSeconds(field, v, max);
  }

  private checkSeconds(field: string, v: number, max: number): number {
    if (!(v < max)) this.invalid(field, `a number of seconds >= 0 and < ${max}`, v);
    return v;
  }

  ratio(field: string, raw: unknown): number {
    return this.checkRatio(field, this.number(field, raw));
  }

  maybeRatio(field: string, raw: unknown): number | undefined {
    const v = this.maybeNumber(field, raw);
    return v === undefined ? v : this.checkRatio(field, v);
  }

  private checkRatio(field: string, v: number): number {
    if (v > 1 || v < 0) this.invalid(field, 'a ratio between 0 and 1', v);
    return v;
  }

  boolean(field: string, v: unknown): boolean {
    if (v === undefined || v === null) this.missing(field, 'true or false');
    return this.checkBoolean(field, v);
  }

  maybeBoolean(field: string, v: unknown): boolean | undefined {
    return v === undefined || v === null ? undefined : this.checkBoolean(field, v);
  }

  private checkBoolean(field: string, v: unknown): boolean {
    if (typeof v !== 'boolean') this.invalid(field, 'true or false', v);
    return v;
  }

  oneOf<T extends string>(field: string, v: unknown, values: readonly T[]): T {
    if (v === undefined || v === null) this.missing(field, either(values));
    return this.checkOneOf(field, v, values);
  }

  optOneOf<T extends string>(field: string, v: unknown, values: readonly T[], fallback: T): T {
    return v === undefined || v === null ? fallback : this.checkOneOf(field, v, values);
  }

  maybeOneOf<T extends string>(field: string, v: unknown, values: readonly T[]): T | undefined {
    return v === undefined || v === null ? undefined : this.checkOneOf(field, v, values);
  }

  private checkOneOf<T extends string>(field: string, v: unknown, values: readonly T[]): T {
    for (let i = 0; i < values.length; i++) if (values[i] === v) return v as T;
    return this.invalid(field, either(values), v);
  }

  ts(v: unknown, opts: ValidateOptions): number {
    if (v === undefined || v === null) this.missing('ts', 'an RFC 3339 timestamp or epoch milliseconds');
    let ms: number;
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || v < MIN_EPOCH_MS) {
        throw badEvent('invalid_timestamp', this.index, 'ts', `expected epoch milliseconds (after 1973), got ${describe(v)}`);
      }
      ms = v;
    } else if (typeof v === 'string' && RFC3339.test(v)) {
      ms = Date.parse(v);
      if (Number.isNaN(ms)) throw badEvent('invalid_timestamp', this.index, 'ts', `not a valid date: ${describe(v)}`);
    } else {
      throw badEvent('invalid_timestamp', this.index, 'ts', `expected an RFC 3339 timestamp or epoch milliseconds, got ${describe(v)}`);
    }
    if (ms > opts.now + opts.maxFutureMs) {
      throw badEvent('future_timestamp', this.index, 'ts', `${describe(v)} is more than ${opts.maxFutureMs / 1000}s in the future`);
    }
    return ms;
  }
}
