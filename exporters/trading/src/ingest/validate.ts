// Validation of one event of a batch into the typed model. Pure: nothing here touches state, so a batch
// can be checked whole before any of it is applied. Every refusal names the event index and the field.
import {
  EVENT_TYPES,
  type EventType,
  type Side,
  type TradingEvent,
} from '../events.js';
import { badEvent } from './ingest-error.js';

export interface ValidateOptions {
  /** Current time, epoch ms. */
  now: number;
  /** How far in the future a timestamp may be (clock skew between the desk and the exporter). */
  maxFutureMs: number;
}

const KNOWN_TYPES = new Set<string>(EVENT_TYPES);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_LABEL_LENGTH = 128;
const MAX_TEXT_LENGTH = 512;
// Epoch milliseconds before 1973 are almost certainly epoch seconds sent by mistake.
const MIN_EPOCH_MS = 1e11;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

type Raw = Record<string, unknown>;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return Array.isArray(v) ? 'an array' : 'an object';
  return String(v);
}

class Reader {
  constructor(
    readonly o: Raw,
    readonly index: number,
  ) {}

  private missing(field: string, expected: string): never {
    throw badEvent('missing_field', this.index, field, `required field is missing (expected ${expected})`);
  }

  private invalid(field: string, expected: string, v: unknown): never {
    throw badEvent('invalid_field', this.index, field, `expected ${expected}, got ${describe(v)}`);
  }

  text(field: string, maxLength = MAX_LABEL_LENGTH): string {
    const v = this.o[field];
    if (v === undefined || v === null) this.missing(field, 'a non-empty string');
    return this.checkText(field, v, maxLength);
  }

  optText(field: string, fallback: string, maxLength = MAX_LABEL_LENGTH): string {
    const v = this.o[field];
    return v === undefined || v === null ? fallback : this.checkText(field, v, maxLength);
  }

  maybeText(field: string, maxLength = MAX_LABEL_LENGTH): string | undefined {
    const v = this.o[field];
    return v === undefined || v === null ? undefined : this.checkText(field, v, maxLength);
  }

  private checkText(field: string, v: unknown, maxLength: number): string {
    if (typeof v !== 'string' || v.length === 0 || v.length > maxLength || CONTROL_CHARS.test(v)) {
      this.invalid(field, `a non-empty string of at most ${maxLength} characters without control characters`, v);
    }
    return v;
  }

  /** A finite number; `min` is inclusive unless `exclusive`. */
  number(field: string, min = -Infinity, exclusive = false): number {
    const v = this.o[field];
    if (v === undefined || v === null) this.missing(field, 'a number');
    return this.checkNumber(field, v, min, exclusive);
  }

  maybeNumber(field: string, min = -Infinity, exclusive = false): number | undefined {
    const v = this.o[field];
    return v === undefined || v === null ? undefined : this.checkNumber(field, v, min, exclusive);
  }

  private checkNumber(field: string, v: unknown, min: number, exclusive: boolean): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.invalid(field, 'a finite number', v);
    if (exclusive ? !(v > min) : !(v >= min)) {
      this.invalid(field, min === 0 ? (exclusive ? 'a number greater than 0' : 'a number >= 0') : `a number ${exclusive ? '>' : '>='} ${min}`, v);
    }
    return v;
  }

  ratio(field: string): number {
    const v = this.number(field);
    if (v > 1 || v < 0) this.invalid(field, 'a ratio between 0 and 1', v);
    return v;
  }

  boolean(field: string): boolean {
    const v = this.o[field];
    if (v === undefined || v === null) this.missing(field, 'true or false');
    if (typeof v !== 'boolean') this.invalid(field, 'true or false', v);
    return v;
  }

  outcome(): 'succeeded' | 'failed' {
    const v = this.o.outcome;
    if (v === undefined || v === null) return 'succeeded';
    if (v !== 'succeeded' && v !== 'failed') this.invalid('outcome', '"succeeded" or "failed"', v);
    return v;
  }

  side(): Side {
    const v = this.o.side;
    if (v === undefined || v === null) this.missing('side', '"buy" or "sell"');
    if (v !== 'buy' && v !== 'sell') this.invalid('side', '"buy" or "sell"', v);
    return v;
  }

  ts(opts: ValidateOptions): number {
    const v = this.o.ts;
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

/** Refuses prototype-polluting keys and nested values (events are flat records). */
function checkShape(o: Raw, index: number): void {
  for (const key in o) {
    if (FORBIDDEN_KEYS.has(key)) throw badEvent('forbidden_key', index, key, `the key ${JSON.stringify(key)} is not allowed`);
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
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) {
    throw badEvent('unknown_type', index, 'type', `unknown event type ${describe(type)}; expected one of ${EVENT_TYPES.join(', ')}`);
  }
  const r = new Reader(o, index);
  const ts = r.ts(opts);
  const t = type as EventType;
  switch (t) {
    case 'order.submitted':
      return {
        type: 'order.submitted',
        ts,
        orderId: r.text('orderId'),
        venue: r.text('venue'),
        symbol: r.text('symbol'),
        account: r.optText('account', 'default'),
        strategy: r.optText('strategy', 'none'),
        side: r.side(),
        orderType: r.text('orderType'),
        quantity: r.number('quantity', 0, true),
        limitPrice: r.maybeNumber('limitPrice', 0, true),
        arrivalPrice: r.maybeNumber('arrivalPrice', 0, true),
        decisionPrice: r.maybeNumber('decisionPrice', 0, true),
      };
    case 'order.acknowledged':
      return { type: 'order.acknowledged', ts, orderId: r.text('orderId') };
    case 'order.filled':
      return {
        type: 'order.filled',
        ts,
        orderId: r.text('orderId'),
        fillId: r.maybeText('fillId'),
        fillQuantity: r.number('fillQuantity', 0, true),
        fillPrice: r.number('fillPrice', 0, true),
        fee: r.maybeNumber('fee'),
        feeCurrency: r.maybeText('feeCurrency', 16),
        liquidity: r.maybeText('liquidity', 16),
      };
    case 'order.canceled':
    case 'order.expired':
      return { type: t, ts, orderId: r.text('orderId'), reason: r.maybeText('reason', MAX_TEXT_LENGTH) };
    case 'order.rejected':
      return { type: t, ts, orderId: r.text('orderId'), reason: r.text('reason', MAX_TEXT_LENGTH) };
    case 'position.snapshot':
      return {
        type: t,
        ts,
        venue: r.text('venue'),
        symbol: r.text('symbol'),
        account: r.optText('account', 'default'),
        strategy: r.optText('strategy', 'none'),
        quantity: r.number('quantity'),
        avgPrice: r.number('avgPrice', 0),
        markPrice: r.number('markPrice', 0, true),
        unrealizedPnl: r.number('unrealizedPnl'),
        realizedPnl: r.number('realizedPnl'),
      };
    case 'balance.snapshot':
      return {
        type: t,
        ts,
        venue: r.text('venue'),
        account: r.optText('account', 'default'),
        currency: r.text('currency', 16),
        free: r.number('free', 0),
        used: r.number('used', 0),
        portfolioValue: r.maybeNumber('portfolioValue', 0),
      };
    case 'model.prediction':
      return { type: t, ts, model: r.text('model'), version: r.text('version'), latencySeconds: r.number('latencySeconds', 0) };
    case 'model.outcome':
      return { type: t, ts, model: r.text('model'), version: r.text('version'), correct: r.boolean('correct') };
    case 'strategy.signal':
      return { type: t, ts, strategy: r.text('strategy'), signalType: r.text('signalType'), confidence: r.ratio('confidence') };
    case 'backtest.completed': {
      const outcome = r.outcome();
      const strategy = r.text('strategy');
      if (outcome === 'failed') return { type: t, ts, strategy, outcome };
      return { type: t, ts, strategy, outcome, sharpe: r.number('sharpe'), maxDrawdown: r.ratio('maxDrawdown'), totalReturn: r.number('totalReturn', -1) };
    }
  }
}

/** Validates a whole batch; throws the first problem (IngestError) so nothing of a bad batch is applied. */
export function validateBatch(items: unknown[], opts: ValidateOptions): TradingEvent[] {
  const out = new Array<TradingEvent>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = validateEvent(items[i], i, opts);
  return out;
}
