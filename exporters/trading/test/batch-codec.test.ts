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
import { T0 } from './helpers.js';

/** Drops keys whose value is undefined: decoding writes every field of a type, present or not. */
function defined(e: TradingEvent): Record<string, unknown> {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));
}

const roundTrip = (events: TradingEvent[]) => decodeBatch(structuredClone(encodeBatch(events))).map(defined);
const validated = (raw: unknown[]) => validateBatch(structuredClone(raw), { now: T0 + 60_000, maxFutureMs: 300_000 });

// Every field of every type set, then only the required ones.
const FULL: Record<string, unknown>[] = [
  { type: 'order.submitted', ts: T0, orderId: 'o-1', venue: 'binance', symbol: 'BTC/USDT', account: 'desk-1', strategy: 'momentum', side: 'buy', orderType: 'limit', quantity: 0.5, limitPrice: 65000.5, arrivalPrice: 64999, decisionPrice: 64990 },
  { type: 'order.acknowledged', ts: T0 + 1, orderId: 'o-1' },
  { type: 'order.filled', ts: T0 + 2, orderId: 'o-1', fillId: 'f-1', fillQuantity: 0.25, fillPrice: 65001, fee: -0.3, feeCurrency: 'USDT', liquidity: 'maker' },
  { type: 'order.canceled', ts: T0 + 3, orderId: 'o-2', reason: 'user asked' },
  { type: 'order.rejected', ts: T0 + 4, orderId: 'o-3', reason: 'insufficient margin' },
  { type: 'order.expired', ts: T0 + 5, orderId: 'o-4', reason: 'GTD' },
  { type: 'position.snapshot', ts: T0, venue: 'okx', symbol: 'ETH/USDT', account: 'a', strategy: 's', quantity: -2, avgPrice: 3000, markPrice: 3010, unrealizedPnl: -20, realizedPnl: 15.5 },
  { type: 'balance.snapshot', ts: T0, venue: 'okx', account: 'a', currency: 'USDT', free: 1e6, used: 2.5e5, portfolioValue: 1.25e6 },
  { type: 'model.prediction', ts: T0, model: 'fill-prob', version: 'v3', latencySeconds: 0.0042 },
  { type: 'model.outcome', ts: T0, model: 'fill-prob', version: 'v3', correct: false },
  { type: 'strategy.signal', ts: T0, strategy: 'mean-rev', signalType: 'entry', confidence: 0.7, executionSeconds: 0.012 },
  { type: 'backtest.completed', ts: T0, strategy: 'mean-rev', outcome: 'succeeded', sharpe: 1.4, maxDrawdown: 0.12, totalReturn: 0.31 },
];
const MINIMAL: Record<string, unknown>[] = [
  { type: 'order.submitted', ts: '2026-11-24T12:00:00.250Z', orderId: 'o-9', venue: 'kraken', symbol: 'XBT/EUR', side: 'sell', orderType: 'market', quantity: 1 },
  { type: 'order.filled', ts: T0, orderId: 'o-9', fillQuantity: 1, fillPrice: 60000 },
  { type: 'order.canceled', ts: T0, orderId: 'o-10' },
  { type: 'balance.snapshot', ts: T0, venue: 'kraken', currency: 'EUR', free: 0, used: 0 },
  { type: 'model.outcome', ts: T0, model: 'm', version: '1', correct: true },
  { type: 'strategy.signal', ts: T0, strategy: 's', signalType: 'exit', confidence: 0 },
  { type: 'backtest.completed', ts: T0, strategy: 's', outcome: 'failed' },
];

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

  it('keeps the order of events and gives repeated labels one table entry', () => {
    const events = validated([...FULL, ...MINIMAL, ...FULL]);
    const batch = encodeBatch(events);
    assert.deepEqual(roundTrip(events), events.map(defined));
    const table = batch.strings.split('\n');
    assert.equal(table.filter((s) => s === 'binance').length, 1);
    // Ids are not looked up for copies: each of the 6 occurrences (3 per copy of FULL) has its own entry.
    assert.equal(table.filter((s) => s === 'o-1').length, 6);
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
