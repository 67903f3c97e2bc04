// The compact form ingest workers hand validated batches over in: every event type, with and without its
// optional fields, must come back exactly as validation left it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { decodeBatch, encodeBatch } from '../src/ingest/batch-codec.js';
import { validateBatch } from '../src/ingest/validate.js';
import { EVENT_TYPES, type TradingEvent } from '../src/events.js';
import { Simulator } from '../src/sim/simulator.js';
import { FULL, MINIMAL } from './event-fixtures.js';
import { T0 } from './helpers.js';

/** Drops keys whose value is undefined: decoding writes every field of a type, present or not. */
function defined(e: TradingEvent): Record<string, unknown> {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));
}

const roundTrip = (events: TradingEvent[]) => decodeBatch(structuredClone(encodeBatch(events))).map(defined);
const validated = (raw: unknown[]) => validateBatch(structuredClone(raw), { now: T0 + 60_000, maxFutureMs: 300_000 });

describe('batch codec', () => {
  it('covers every event type', () => {
    assert.deepEqual(new Set(FULL.map((e) => e.type)), new Set(EVENT_TYPES));
  });

  it('round-trips every type with all its fields, and with only the required ones', () => {
    for (const raw of [FULL, MINIMAL]) {
      const events = validated(raw);
      assert.deepEqual(roundTrip(events), events.map(defined));
    }
  });

  it('keeps the order of events and gives repeated labels and order ids one table entry', () => {
    const events = validated([...FULL, ...MINIMAL, ...FULL]);
    const batch = encodeBatch(events);
    assert.deepEqual(roundTrip(events), events.map(defined));
    const table = batch.strings.split('\n');
    assert.equal(table.filter((s) => s === 'binance').length, 1);
    // Order ids are interned (the events of one order share an entry); fill ids, unique to their event, are
    // not looked up: each occurrence has its own entry.
    assert.equal(table.filter((s) => s === 'o-1').length, 1);
    const fillIds = events.flatMap((e) => (e.type === 'order.filled' && e.fillId !== undefined ? [e.fillId] : []));
    assert.ok(fillIds.length >= 2);
    for (const id of new Set(fillIds)) assert.equal(table.filter((s) => s === id).length, fillIds.filter((f) => f === id).length, id);
  });

  it('round-trips simulator traffic, incidents included', () => {
    const sim = new Simulator({ seed: 7, ordersPerSecond: 200 });
    const raw: unknown[] = [];
    for (let t = T0 - 30_000; t < T0; t += 100) raw.push(...sim.tick(t));
    const events = validated(raw);
    assert.ok(events.length > 10_000);
    assert.deepEqual(roundTrip(events), events.map(defined));
  });

  it('round-trips arbitrary valid text and numbers', () => {
    // Text as validation allows it: 1..128 characters without control characters, any script.
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => s.length <= 128 && ![...s].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127));
    const positive = fc.double({ min: 1e-9, max: 1e12, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.record({ orderId: text, venue: text, symbol: text, strategy: text, quantity: positive, price: positive, fee: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: undefined }) }), { minLength: 1, maxLength: 30 }), (orders) => {
        const raw = orders.flatMap((o, i) => [
          { type: 'order.submitted', ts: T0 + i, orderId: o.orderId, venue: o.venue, symbol: o.symbol, strategy: o.strategy, side: 'buy', orderType: 'limit', quantity: o.quantity, limitPrice: o.price },
          { type: 'order.filled', ts: T0 + i, orderId: o.orderId, fillQuantity: o.quantity, fillPrice: o.price, fee: o.fee },
        ]);
        const events = validated(raw);
        assert.deepEqual(roundTrip(events), events.map(defined));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a string that would split the table (text that skipped validation)', () => {
    const e = { type: 'order.acknowledged', ts: T0, orderId: 'a\nb' } as TradingEvent;
    assert.throws(() => encodeBatch([e]), /line feed/);
  });

  it('decodes ids that do not keep their batch\'s string table alive', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // 200 batches of 2,000 acks with UUID-like ids (table ≈ 90 KB each); one id of each is kept, as a resting
    // order's id is. Pinned tables would hold about 18 MB; owned copies about 20 KB.
    const kept: string[] = [];
    gc();
    const base = process.memoryUsage().heapUsed;
    for (let b = 0; b < 200; b++) {
      const events = Array.from({ length: 2_000 }, (_, i) => ({ type: 'order.acknowledged', ts: T0, orderId: `3f1c2a7e-9b4d-4c1e-8f3a-${b}-${i}` })) as TradingEvent[];
      const decoded = decodeBatch(structuredClone(encodeBatch(events)));
      kept.push((decoded[7] as { orderId: string }).orderId);
    }
    gc();
    const grown = process.memoryUsage().heapUsed - base;
    assert.equal(kept.length, 200);
    assert.ok(grown < 4 * 1024 * 1024, `heap grew ${(grown / 1e6).toFixed(1)} MB for 200 kept ids`);
  });
});
