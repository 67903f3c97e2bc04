// Fill markouts: the mid price at 1 s, 5 s, 30 s and 60 s after each fill, signed so positive = adverse, from
// market.quote events; measured once horizon + grace has passed since the fill arrived; unmeasured without a
// recent enough quote; bounded pending queue. Expected values are computed by hand in the comments.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderText } from '@vigil/exporter-kit';
import { TradingState } from '../src/trading-state.js';
import { T0, applyRaw, filled, parseSamples, quote, render, sample, signedSum, submitted } from './helpers.js';

const GRACE = 1000;
const newState = (markouts: Record<string, unknown> = {}) => new TradingState({ orders: { graceMs: GRACE }, markouts });
const M = { venue: 'binance', symbol: 'BTC/USDT' };
const close = (a: number | undefined, b: number, what: string) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${what}: ${a} != ${b}`);

describe('fill markouts', () => {
  it('measures each horizon against the last quote before it, signed so the market moving against the fill is positive', () => {
    const s = newState();
    applyRaw(
      s,
      [
        submitted('b', T0, { quantity: 1 }),
        filled('b', T0, 'b1', 1, 100, { liquidity: 'maker' }),
        submitted('s', T0, { side: 'sell', quantity: 1 }),
        filled('s', T0, 's1', 1, 200, { liquidity: 'taker' }),
        quote(T0 + 900, 99.8, 100), // mid 99.9
        quote(T0 + 4000, 100.1, 100.3), // mid 100.2
        quote(T0 + 59_500, 99.4, 99.6), // mid 99.5
        quote(T0 + 900, 200.9, 201.1, { symbol: 'BTC/USDT' }), // same book: the later-sorted quote of T0+900 (higher mid) wins
      ],
      T0,
    );
    const m = parseSamples(render(s, T0 + 60_000 + GRACE));
    const buy = { ...M, side: 'buy', liquidity: 'maker' };
    const sell = { ...M, side: 'sell', liquidity: 'taker' };
    // Buy at 100, mid 201 at +1 s (the quote of T0+900 with the higher mid): (100 − 201) / 100 = −1.01 (favourable).
    close(signedSum(m, 'trading_fill_markout', { ...buy, horizon: '1s' }), -1.01, 'buy 1s');
    // Its parts, counters that only grow: the favourable one holds the magnitude, the adverse one nothing.
    close(sample(m, 'trading_fill_markout_favorable_ratio_total', { ...buy, horizon: '1s' }), 1.01, 'buy 1s favorable');
    assert.equal(sample(m, 'trading_fill_markout_adverse_ratio_total', { ...buy, horizon: '1s' }), 0);
    assert.equal(sample(m, 'trading_fill_markout_ratio_sum'), undefined, 'no _sum: a signed sum falls, and rate() reads a fall as a reset');
    // +5 s: mid 100.2 → (100 − 100.2) / 100 = −0.002.
    close(signedSum(m, 'trading_fill_markout', { ...buy, horizon: '5s' }), -0.002, 'buy 5s');
    // +30 s: the last quote (T0+4 s) is 26 s old, beyond the 2 s allowed: unmeasured.
    assert.equal(sample(m, 'trading_fill_markout_ratio_count', { ...buy, horizon: '30s' }), 0);
    assert.equal(sample(m, 'trading_fill_markouts_unmeasured_total', { ...buy, horizon: '30s' }), 1);
    // +60 s: mid 99.5 → (100 − 99.5) / 100 = 0.005 (adverse: the price fell after the buy).
    close(signedSum(m, 'trading_fill_markout', { ...buy, horizon: '60s' }), 0.005, 'buy 60s');
    // Sell at 200, mid 201 at +1 s: −1 × (200 − 201) / 200 = 0.005 (adverse: the price rose after the sell).
    close(signedSum(m, 'trading_fill_markout', { ...sell, horizon: '1s' }), 0.005, 'sell 1s');
    // Sell at 200, mid 100.2 at +5 s: −1 × (200 − 100.2) / 200 = −0.499.
    close(signedSum(m, 'trading_fill_markout', { ...sell, horizon: '5s' }), -0.499, 'sell 5s');
    assert.equal(sample(m, 'trading_fill_markout_ratio_bucket', { ...sell, horizon: '1s', le: '0.005' }), 1);
    assert.equal(sample(m, 'trading_fill_markout_ratio_bucket', { ...sell, horizon: '1s', le: '0.002' }), 0);
    assert.equal(sample(m, 'trading_fill_markouts_pending'), 0);
  });

  it('waits for horizon + grace after the fill arrived, so a late quote within the grace period still counts', () => {
    const s = newState();
    applyRaw(s, [submitted('b', T0, { quantity: 1 }), filled('b', T0, 'b1', 1, 100), quote(T0 - 100, 99, 99)], T0);
    let m = parseSamples(render(s, T0 + 1000 + GRACE - 1));
    assert.equal(sample(m, 'trading_fill_markout_ratio_count', { horizon: '1s' }), 0, 'not measured before horizon + grace');
    assert.equal(sample(m, 'trading_fill_markouts_pending'), 1);
    // The quote of T0+800 arrives 1.5 s after the fill, within the grace period: it is the mid at +1 s.
    applyRaw(s, [quote(T0 + 800, 100.9, 101.1)], T0 + 1500);
    m = parseSamples(render(s, T0 + 1000 + GRACE));
    // (100 − 101) / 100 = −0.01; liquidity unknown without the field.
    close(signedSum(m, 'trading_fill_markout', { ...M, side: 'buy', liquidity: 'unknown', horizon: '1s' }), -0.01, 'late quote');
    assert.equal(sample(m, 'trading_fill_markout_ratio_count', { horizon: '5s' }), 0);
  });

  it('counts fills with no quote at all, or on a venue or symbol folded into other, as unmeasured', () => {
    const s = new TradingState({ orders: { graceMs: GRACE }, limits: { venues: 1 } });
    applyRaw(
      s,
      [
        submitted('a', T0, { quantity: 1 }),
        filled('a', T0, 'a1', 1, 100),
        submitted('k', T0, { venue: 'kraken', quantity: 1 }),
        filled('k', T0, 'k1', 1, 100),
        quote(T0 + 500, 99, 101, { venue: 'kraken' }),
      ],
      T0,
    );
    const m = parseSamples(render(s, T0 + 60_000 + GRACE));
    assert.equal(sample(m, 'trading_fill_markouts_unmeasured_total', { venue: 'binance' }), 4, 'binance: four horizons, no quote');
    assert.equal(sample(m, 'trading_fill_markouts_unmeasured_total', { venue: 'other' }), 4, 'a folded venue has no book');
    assert.equal(sample(m, 'trading_market_quotes_dropped_total', { reason: 'folded' }), 1);
    assert.equal(sample(m, 'trading_fill_markout_ratio_count'), 0);
  });

  it('bounds the pending queue: fills past it are counted, not tracked, and room comes back as horizons pass', () => {
    const s = newState({ maxPending: 2 });
    const fills = (from: number, n: number, at: number) =>
      Array.from({ length: n }, (_, i) => [submitted(`o${from + i}`, at, { quantity: 1 }), filled(`o${from + i}`, at, `f${from + i}`, 1, 100)]).flat();
    applyRaw(s, [...fills(0, 3, T0), quote(T0, 100, 100)], T0);
    let m = parseSamples(render(s, T0));
    assert.equal(sample(m, 'trading_fill_markouts_dropped_total'), 1);
    assert.equal(sample(m, 'trading_fill_markouts_pending'), 2);
    // After the 60 s horizon and the grace period both pending fills are done; two more fit.
    applyRaw(s, [...fills(3, 2, T0 + 61_000), quote(T0 + 61_000, 100, 100)], T0 + 61_000);
    m = parseSamples(render(s, T0 + 61_000));
    assert.equal(sample(m, 'trading_fill_markouts_dropped_total'), 1);
    assert.equal(sample(m, 'trading_fill_markouts_pending'), 2);
    assert.equal(sample(m, 'trading_fill_markout_ratio_count', { horizon: '1s' }), 2);
    m = parseSamples(render(s, T0 + 122_000 + GRACE));
    assert.equal(sample(m, 'trading_fill_markout_ratio_count', { horizon: '1s' }), 4);
  });

  it('keeps many pending fills in arrival order as the queue grows', () => {
    const s = newState();
    const events: Record<string, unknown>[] = [];
    for (let i = 0; i < 3000; i++) events.push(submitted(`o${i}`, T0 + i, { quantity: 1 }), filled(`o${i}`, T0 + i, `f${i}`, 1, 100 + (i % 2)));
    applyRaw(s, events, T0 + 3000);
    // Quotes stream in as time passes (mid 100), the horizons coming due along the way.
    for (let t = 0; t <= 66_000; t += 500) applyRaw(s, [quote(T0 + t, 99.9, 100.1)], T0 + Math.max(t, 3000));
    const m = parseSamples(render(s, T0 + 63_000 + GRACE));
    // Half the buys at 100 (markout 0), half at 101 ((101 − 100) / 101 each).
    for (const horizon of ['1s', '5s', '30s', '60s']) {
      assert.equal(sample(m, 'trading_fill_markout_ratio_count', { horizon }), 3000, horizon);
      close(signedSum(m, 'trading_fill_markout', { horizon }), (1500 * 1) / 101, horizon);
    }
  });

  it('keeps pending fills in order when the queue grows after wrapping around', () => {
    const s = newState();
    const fills = (from: number, n: number, at: number) =>
      Array.from({ length: n }, (_, i) => [submitted(`o${from + i}`, at, { quantity: 1 }), filled(`o${from + i}`, at, `f${from + i}`, 1, 100 + ((from + i) % 2))]).flat();
    // 800 fills measured and done; then 1,400 pending from sequence 800 on: past the first 1,024 slots (the queue
    // wrapped), and more than they hold (it grew with the wrapped part in place).
    applyRaw(s, [...fills(0, 800, T0), quote(T0, 99.9, 100.1)], T0);
    const later = T0 + 61_000 + GRACE;
    applyRaw(s, [quote(later - 1000, 99.9, 100.1)], later);
    applyRaw(s, [...fills(800, 700, later)], later);
    applyRaw(s, [...fills(1500, 700, later + 1)], later + 1);
    let m = parseSamples(render(s, later + 1));
    assert.equal(sample(m, 'trading_fill_markouts_pending'), 1400);
    for (let t = later; t <= later + 62_000; t += 500) applyRaw(s, [quote(t, 99.9, 100.1)], t);
    m = parseSamples(render(s, later + 62_000 + GRACE));
    // Against mid 100: half the fills at 100 (markout 0), half at 101 ((101 − 100) / 101 each). The first 800 had
    // only the quote of T0, recent enough for their 1 s horizon alone; the 1,400 every horizon.
    assert.equal(sample(m, 'trading_fill_markout_ratio_count', { horizon: '1s' }), 2200);
    close(signedSum(m, 'trading_fill_markout', { horizon: '1s' }), 1100 / 101, '1s');
    for (const horizon of ['5s', '30s', '60s']) {
      assert.equal(sample(m, 'trading_fill_markout_ratio_count', { horizon }), 1400, horizon);
      assert.equal(sample(m, 'trading_fill_markouts_unmeasured_total', { horizon }), 800, horizon);
      close(signedSum(m, 'trading_fill_markout', { horizon }), 700 / 101, horizon);
    }
  });

  it('a pending fill of an evicted label set counts nowhere, not in the set that reuses its numbers', () => {
    // One markout label set at a time, evicted after 1 s idle: kraken's fill evicts binance's set while binance's
    // fill is still pending, and kraken's set takes over its block in the store.
    const s = new TradingState({ orders: { graceMs: GRACE }, budgets: { others: { limit: 1, idleMs: 1000 } } });
    applyRaw(s, [submitted('b', T0, { quantity: 1 }), filled('b', T0, 'b1', 1, 100), quote(T0 + 500, 99, 101)], T0);
    const K = { venue: 'kraken', symbol: 'ETH/USDT' };
    applyRaw(s, [submitted('k', T0 + 1500, { ...K, quantity: 1 }), filled('k', T0 + 1500, 'k1', 1, 50), quote(T0 + 2000, 50.9, 51.1, K)], T0 + 1500);
    // Both 1 s horizons are due (binance's at T0 + 2 s, kraken's at T0 + 3.5 s); measured without the idle sweep,
    // which would evict kraken's set too.
    const now = T0 + 1500 + 1000 + GRACE;
    s.markouts.sweep(now);
    const m = parseSamples(renderText(s.markoutMetrics.families(s.markouts.pending)));
    // Kraken: bought at 50, mid 51 at +1 s: (50 − 51) / 50 = −0.02, one observation only.
    assert.equal(sample(m, 'trading_fill_markout_ratio_count', { ...K, horizon: '1s' }), 1);
    close(signedSum(m, 'trading_fill_markout', { ...K, horizon: '1s' }), -0.02, 'kraken 1s');
    assert.equal(sample(m, 'trading_fill_markout_ratio_count', { venue: 'binance' }), undefined, 'binance set evicted');
    assert.equal(sample(m, 'trading_fill_markouts_unmeasured_total'), 0);
  });

  it('tracks nothing when turned off; quotes are still validated and counted', () => {
    const s = newState({ enabled: false });
    applyRaw(s, [submitted('b', T0, { quantity: 1 }), filled('b', T0, 'b1', 1, 100), quote(T0, 99, 101)], T0);
    const m = parseSamples(render(s, T0 + 60_000 + GRACE));
    assert.equal(sample(m, 'trading_fill_markout_ratio_count'), undefined);
    assert.equal(sample(m, 'trading_fill_markouts_unmeasured_total'), undefined);
    assert.equal(sample(m, 'trading_events_received_total', { type: 'market.quote' }), 1);
  });
});
