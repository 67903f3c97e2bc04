// marketDataQuality with a fixed clock: staleness at scrape time, time and sequence gaps, every out-of-range
// check, bounded symbols, and the exposition clean under promtool.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { assertMetricsClean } from '@vigil/test-support';
import { marketDataQuality } from '../src/index.js';
import { sample } from './helpers.js';

const T0 = Date.parse('2026-12-02T14:00:00Z');

function setup(extra: Partial<Parameters<typeof marketDataQuality>[0]> = {}) {
  const registry = new Registry();
  let clock = T0;
  const q = marketDataQuality({ registry, service: 'pricer', staleAfterSeconds: 5, maxGapSeconds: 10, now: () => clock, ...extra });
  return { registry, q, at: (ms: number) => (clock = ms) };
}

test('clean quotes raise nothing; staleness is the age of the newest exchange time at scrape', async () => {
  const { registry, q, at } = setup();
  const quote = (dt: number, seq: number) => q.observe({ venue: 'binance', symbol: 'BTC-USDT', ts: T0 + dt, bid: 64000, ask: 64001, seq });
  assert.deepEqual(quote(0, 1), []);
  assert.deepEqual(quote(500, 2), []);
  at(T0 + 2500);
  let text = await registry.metrics();
  const L = 'venue="binance",symbol="BTC-USDT"';
  assert.equal(sample(text, 'market_data_updates_total', L), 2);
  assert.equal(sample(text, 'market_data_staleness_seconds', L), 2);
  assert.equal(sample(text, 'market_data_stale', L), 0);
  assert.equal(sample(text, 'market_data_last_update_timestamp_seconds', L), (T0 + 500) / 1000);
  at(T0 + 6000);
  text = await registry.metrics();
  assert.equal(sample(text, 'market_data_staleness_seconds', L), 5.5);
  assert.equal(sample(text, 'market_data_stale', L), 1, 'past the 5 s threshold');
  assertMetricsClean(text, 'market data quality');
});

test('gaps: updates too far apart, skipped sequence numbers (with the count missed), replays out of order', async () => {
  const { registry, q } = setup();
  const tick = (dt: number, seq: number) => q.observe({ venue: 'okx', symbol: 'ETH-USDT', ts: T0 + dt, price: 3000, seq });
  tick(0, 10);
  assert.deepEqual(tick(15_000, 11), ['time_gap']);
  assert.deepEqual(tick(15_100, 15), ['sequence_gap']);
  assert.deepEqual(tick(15_200, 15), ['out_of_order'], 'a duplicate sequence number');
  assert.deepEqual(tick(14_000, 16), ['out_of_order'], 'time going backwards');
  const text = await registry.metrics();
  assert.equal(sample(text, 'market_data_gaps_total', 'kind="time"'), 1);
  assert.equal(sample(text, 'market_data_gaps_total', 'kind="sequence"'), 1);
  assert.equal(sample(text, 'market_data_missed_messages_total', 'symbol="ETH-USDT"'), 3);
  assert.equal(sample(text, 'market_data_out_of_range_total', 'check="out_of_order"'), 2);
  assert.equal(sample(text, 'market_data_last_update_timestamp_seconds', 'symbol="ETH-USDT"'), (T0 + 15_200) / 1000, 'a late tick does not move time back');
});

test('out-of-range values: non-finite, non-positive, crossed, too wide, jumps (once), outside bounds', async () => {
  const { registry, q } = setup({ maxJumpRatio: 0.05, maxSpreadRatio: 0.01, priceBounds: { 'SOL-USDT': { min: 1, max: 10_000 } } });
  const at = (i: number, u: { bid?: number; ask?: number; price?: number }, symbol = 'BTC-USDT') => q.observe({ venue: 'binance', symbol, ts: T0 + i * 100, ...u });
  assert.deepEqual(at(0, { bid: 64000, ask: 64010 }), []);
  assert.deepEqual(at(1, { bid: NaN, ask: 64010 }), ['non_finite']);
  assert.deepEqual(at(2, { price: 0 }), ['non_positive_price']);
  assert.deepEqual(at(3, { bid: 64020, ask: 64000 }), ['crossed_book']);
  assert.deepEqual(at(4, { bid: 63000, ask: 65000 }), ['wide_spread']);
  // The bad ticks above did not move the reference price: back at 64,005 is not a jump.
  assert.deepEqual(at(5, { bid: 64000, ask: 64010 }), []);
  assert.deepEqual(at(6, { price: 70_000 }), ['price_jump']);
  assert.deepEqual(at(7, { price: 70_100 }), [], 'a real move is flagged once, then it is the new level');
  assert.deepEqual(at(8, { price: 20_000 }, 'SOL-USDT'), ['outside_bounds']);
  assert.deepEqual(at(9, { price: 150 }, 'SOL-USDT'), []);
  const text = await registry.metrics();
  for (const check of ['non_finite', 'non_positive_price', 'crossed_book', 'wide_spread', 'price_jump']) {
    assert.equal(sample(text, 'market_data_out_of_range_total', `check="${check}",symbol="BTC-USDT"`), 1, check);
  }
  assert.equal(sample(text, 'market_data_out_of_range_total', 'check="outside_bounds",symbol="SOL-USDT"'), 1);
  assertMetricsClean(text, 'out-of-range counters');
});

test('symbols past the cap fold into "other", counted, and get no staleness series of their own', async () => {
  const { registry, q } = setup({ maxSeries: 2 });
  for (const symbol of ['BTC-USDT', 'ETH-USDT', 'PEPE-USDT', 'WIF-USDT']) q.observe({ venue: 'binance', symbol, ts: T0, price: 1 });
  const text = await registry.metrics();
  assert.equal(sample(text, 'market_data_updates_total', 'symbol="other"'), 2);
  assert.equal(sample(text, 'instrument_label_values_folded_total', 'label="symbol"'), 2);
  assert.equal(sample(text, 'market_data_staleness_seconds', 'symbol="other"'), undefined);
  assert.ok(!text.includes('PEPE'));
});
