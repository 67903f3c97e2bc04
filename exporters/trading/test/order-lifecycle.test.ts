// The order state machine: fills, final statuses, durations, slippage, duplicates, out-of-order events,
// orphans and the bounded table (capacity and TTL evictions).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TradingState } from '../src/trading-state.js';
import { T0, applyRaw, filled, parseSamples, render, sample, submitted } from './helpers.js';

const GRACE = 1000;
const newState = (orders: Record<string, number> = {}) => new TradingState({ orders: { graceMs: GRACE, ...orders } });
const L = { venue: 'binance', symbol: 'BTC/USDT', side: 'buy', order_type: 'limit', strategy: 'momentum' };

describe('order lifecycle', () => {
  it('records a fully filled order: counts, quantities, durations, fill ratio, fees', () => {
    const s = newState();
    applyRaw(
      s,
      [
        submitted('o1', T0),
        { type: 'order.acknowledged', ts: T0 + 20, orderId: 'o1' },
        filled('o1', T0 + 100, 'f1', 0.5, 100.1, { fee: 0.05, feeCurrency: 'USDT' }),
        filled('o1', T0 + 300, 'f2', 1.5, 100.2, { fee: 0.15, feeCurrency: 'USDT' }),
      ],
      T0 + 300,
    );
    let m = parseSamples(render(s, T0 + 300));
    assert.equal(sample(m, 'trading_orders_completed_total'), 0, 'final metrics wait for the grace period (their series exist at 0)');
    assert.equal(sample(m, 'trading_order_quantity_filled_total', L), 2);
    m = parseSamples(render(s, T0 + 300 + GRACE));
    assert.equal(sample(m, 'trading_orders_submitted_total', L), 1);
    assert.equal(sample(m, 'trading_orders_completed_total', { ...L, final_status: 'filled' }), 1);
    assert.equal(sample(m, 'trading_order_quantity_requested_total', L), 2);
    assert.equal(sample(m, 'trading_order_ack_duration_seconds_sum', L), 0.02);
    assert.equal(sample(m, 'trading_order_first_fill_duration_seconds_sum', L), 0.1);
    assert.equal(sample(m, 'trading_order_completion_duration_seconds_sum', L), 0.3);
    assert.equal(sample(m, 'trading_order_completion_duration_seconds_bucket', { ...L, le: '0.25' }), 0);
    assert.equal(sample(m, 'trading_order_completion_duration_seconds_bucket', { ...L, le: '0.5' }), 1);
    assert.equal(sample(m, 'trading_order_fill_ratio_sum', L), 1);
    assert.ok(Math.abs(sample(m, 'trading_fees_paid_total', { ...L, currency: 'USDT' })! - 0.2) < 1e-12);
    assert.equal(sample(m, 'trading_open_orders'), 0);
  });

  it('observes both slippage histograms on every fill so the signed mean is (adverse − favourable) / count', () => {
    const s = newState();
    applyRaw(
      s,
      [
        submitted('b', T0, { quantity: 3 }),
        filled('b', T0 + 1, 'f1', 1, 100.1), // buy above arrival: 10 bp adverse
        filled('b', T0 + 2, 'f2', 1, 99.95), // buy below arrival: 5 bp favourable
        filled('b', T0 + 3, 'f3', 1, 100), // at arrival
        submitted('s', T0, { side: 'sell', quantity: 1 }),
        filled('s', T0 + 1, 'g1', 1, 99.8), // sell below arrival: 20 bp adverse
      ],
      T0,
    );
    const m = parseSamples(render(s, T0 + GRACE));
    const buy = L;
    const sell = { ...L, side: 'sell' };
    assert.equal(sample(m, 'trading_order_slippage_adverse_ratio_count', buy), 3);
    assert.equal(sample(m, 'trading_order_slippage_favorable_ratio_count', buy), 3);
    const adv = sample(m, 'trading_order_slippage_adverse_ratio_sum', buy)!;
    const fav = sample(m, 'trading_order_slippage_favorable_ratio_sum', buy)!;
    assert.ok(Math.abs(adv - 0.001) < 1e-9, `adverse sum ${adv}`);
    assert.ok(Math.abs(fav - 0.0005) < 1e-9, `favourable sum ${fav}`);
    assert.ok(Math.abs((adv - fav) / 3 - 0.0005 / 3) < 1e-9);
    assert.ok(Math.abs(sample(m, 'trading_order_slippage_adverse_ratio_sum', sell)! - 0.002) < 1e-9);
    // The 10 bp fill sits in le=0.001, not below it.
    assert.equal(sample(m, 'trading_order_slippage_adverse_ratio_bucket', { ...buy, le: '0.00075' }), 2);
    assert.equal(sample(m, 'trading_order_slippage_adverse_ratio_bucket', { ...buy, le: '0.001' }), 3);
  });

  it('records cancels with partial fills, rejects by reason, and expiries', () => {
    const s = newState();
    applyRaw(
      s,
      [
        submitted('c', T0, { quantity: 4 }),
        filled('c', T0 + 10, 'f', 1, 100),
        { type: 'order.canceled', ts: T0 + 500, orderId: 'c' },
        submitted('r', T0),
        { type: 'order.rejected', ts: T0 + 5, orderId: 'r', reason: 'insufficient_margin' },
        submitted('e', T0),
        { type: 'order.expired', ts: T0 + 60_000, orderId: 'e' },
      ],
      T0 + 60_000,
    );
    const m = parseSamples(render(s, T0 + 60_000 + GRACE));
    assert.equal(sample(m, 'trading_orders_completed_total', { final_status: 'canceled' }), 1);
    assert.equal(sample(m, 'trading_orders_completed_total', { final_status: 'rejected' }), 1);
    assert.equal(sample(m, 'trading_orders_completed_total', { final_status: 'expired' }), 1);
    assert.equal(sample(m, 'trading_order_rejects_total', { reason: 'insufficient_margin' }), 1);
    assert.equal(sample(m, 'trading_order_fill_ratio_sum'), 0.25);
    assert.equal(sample(m, 'trading_order_fill_ratio_count'), 3);
    assert.equal(sample(m, 'trading_order_fill_ratio_bucket', { le: '0' }), 2);
    assert.equal(sample(m, 'trading_order_quantity_requested_total'), 8);
  });

  it('ignores duplicate fills (same fillId), duplicate submits and acks, and counts them', () => {
    const s = newState();
    applyRaw(
      s,
      [
        submitted('d', T0),
        submitted('d', T0),
        { type: 'order.acknowledged', ts: T0 + 1, orderId: 'd' },
        { type: 'order.acknowledged', ts: T0 + 2, orderId: 'd' },
        filled('d', T0 + 10, 'f1', 1, 100),
        filled('d', T0 + 10, 'f1', 1, 100),
      ],
      T0,
    );
    applyRaw(s, [filled('d', T0 + 10, 'f1', 1, 100)], T0 + 5);
    const m = parseSamples(render(s, T0 + 10));
    assert.equal(sample(m, 'trading_order_quantity_filled_total'), 1);
    assert.equal(sample(m, 'trading_orders_submitted_total'), 1);
    assert.equal(sample(m, 'trading_events_ignored_total', { reason: 'duplicate_fill' }), 2);
    assert.equal(sample(m, 'trading_events_ignored_total', { reason: 'duplicate_submit' }), 1);
    assert.equal(sample(m, 'trading_events_ignored_total', { reason: 'duplicate_ack' }), 1);
    assert.equal(sample(m, 'trading_open_orders'), 1);
  });

  it('holds a fill that arrives before its submit, then applies it', () => {
    const s = newState();
    applyRaw(s, [filled('late', T0 + 50, 'f1', 2, 100.05)], T0);
    let m = parseSamples(render(s, T0 + 10));
    assert.equal(sample(m, 'trading_pending_events'), 1);
    applyRaw(s, [submitted('late', T0)], T0 + 200);
    m = parseSamples(render(s, T0 + 200 + GRACE));
    assert.equal(sample(m, 'trading_pending_events'), 0);
    assert.equal(sample(m, 'trading_orders_completed_total', { final_status: 'filled' }), 1);
    assert.equal(sample(m, 'trading_order_first_fill_duration_seconds_sum'), 0.05);
    assert.ok(Math.abs(sample(m, 'trading_order_slippage_adverse_ratio_sum')! - 0.0005) < 1e-9);
  });

  it('counts events whose order never comes as orphaned after the grace period', () => {
    const s = newState();
    applyRaw(s, [filled('ghost', T0, 'f', 1, 100), { type: 'order.canceled', ts: T0, orderId: 'ghost' }], T0);
    let m = parseSamples(render(s, T0 + GRACE - 1));
    assert.equal(sample(m, 'trading_events_orphaned_total'), 0);
    m = parseSamples(render(s, T0 + GRACE));
    assert.equal(sample(m, 'trading_events_orphaned_total'), 2);
    assert.equal(sample(m, 'trading_pending_events'), 0);
    assert.equal(sample(m, 'trading_order_quantity_filled_total'), undefined);
  });

  it('keeps the open-order table bounded: the oldest goes past max size, stale ones past the TTL', () => {
    const s = newState({ maxOrders: 3, ttlMs: 60_000 });
    applyRaw(s, ['a', 'b', 'c', 'd'].map((id, i) => submitted(id, T0 + i)), T0);
    let m = parseSamples(render(s, T0));
    assert.equal(sample(m, 'trading_open_orders'), 3);
    assert.equal(sample(m, 'trading_orders_evicted_total', { reason: 'capacity' }), 1);
    // 'a' was evicted: its fill is held and then orphaned.
    applyRaw(s, [filled('a', T0 + 5, 'f', 2, 100)], T0 + 1);
    applyRaw(s, [submitted('e', T0 + 30_000)], T0 + 30_000);
    m = parseSamples(render(s, T0 + 60_000));
    assert.equal(sample(m, 'trading_orders_evicted_total', { reason: 'capacity' }), 2);
    assert.equal(sample(m, 'trading_orders_evicted_total', { reason: 'ttl' }), 2);
    assert.equal(sample(m, 'trading_open_orders'), 1);
    assert.equal(sample(m, 'trading_events_orphaned_total'), 1);
  });

  it('takes the earliest final event in event time, and a fill that completes the order first wins', () => {
    const s = newState();
    applyRaw(
      s,
      [
        submitted('x', T0, { quantity: 1 }),
        { type: 'order.canceled', ts: T0 + 900, orderId: 'x' },
        filled('x', T0 + 400, 'f', 1, 100),
        submitted('y', T0, { quantity: 1 }),
        { type: 'order.expired', ts: T0 + 900, orderId: 'y' },
        { type: 'order.canceled', ts: T0 + 300, orderId: 'y' },
        { type: 'order.expired', ts: T0 + 950, orderId: 'y' },
      ],
      T0,
    );
    const m = parseSamples(render(s, T0 + GRACE));
    assert.equal(sample(m, 'trading_orders_completed_total', { final_status: 'filled' }), 1);
    assert.equal(sample(m, 'trading_orders_completed_total', { final_status: 'canceled' }), 1);
    assert.equal(sample(m, 'trading_orders_completed_total', { final_status: 'expired' }), 0);
    assert.equal(sample(m, 'trading_order_completion_duration_seconds_sum'), 0.7);
    assert.equal(sample(m, 'trading_events_ignored_total', { reason: 'after_final' }), 1);
  });
});
