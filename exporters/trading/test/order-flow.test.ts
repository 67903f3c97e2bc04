// Lifecycle transitions (the flow diagram's links) and implementation shortfall, both recorded when an order's
// final figures are: every path of the state machine by hand, and shortfall figures computed by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ORDER_TRANSITIONS, orderPath } from '../src/orders/order-path.js';
import { TradingState } from '../src/trading-state.js';
import { T0, applyRaw, filled, parseSamples, render, sample, signedSum, submitted } from './helpers.js';

const GRACE = 1000;
const L = { venue: 'binance', symbol: 'BTC/USDT', side: 'buy', order_type: 'limit', strategy: 'momentum' };
const ack = (orderId: string, ts: number) => ({ type: 'order.acknowledged', ts, orderId });
const ended = (kind: 'canceled' | 'rejected' | 'expired', orderId: string, ts: number) => ({ type: `order.${kind}`, ts, orderId, reason: 'r' });

/** Transitions of one order from its events, as `from>to` strings, read from the exposition (the ones taken: the
 * others are there at 0, see below). */
function transitions(events: Record<string, unknown>[]): Record<string, number> {
  const s = new TradingState({ orders: { graceMs: GRACE } });
  applyRaw(s, events, T0 + 100);
  const m = parseSamples(render(s, T0 + 100 + GRACE));
  const out: Record<string, number> = {};
  for (const [key, v] of m) {
    if (!key.startsWith('trading_order_transitions_total{')) continue;
    const from = /from_state="([^"]+)"/.exec(key)![1];
    const to = /to_state="([^"]+)"/.exec(key)![1];
    if (v > 0) out[`${from}>${to}`] = v;
    const qty = sample(m, 'trading_order_transition_quantity_total', { from_state: from, to_state: to });
    assert.equal(qty, v * 2, 'quantity = requested quantity (2) per order');
  }
  return out;
}

describe('order transitions', () => {
  it('follows every path of the lifecycle in event-time order', () => {
    const o = (ts: number) => submitted('o', ts);
    const cases: Array<[string, Record<string, unknown>[], Record<string, number>]> = [
      ['acked, partly then fully filled', [o(T0), ack('o', T0 + 1), filled('o', T0 + 2, 'f1', 1, 100), filled('o', T0 + 3, 'f2', 1, 100)], { 'submitted>acknowledged': 1, 'acknowledged>partially_filled': 1, 'partially_filled>filled': 1 }],
      ['acked, filled at once', [o(T0), ack('o', T0 + 1), filled('o', T0 + 2, 'f1', 2, 100)], { 'submitted>acknowledged': 1, 'acknowledged>filled': 1 }],
      ['rejected before any ack', [o(T0), ended('rejected', 'o', T0 + 1)], { 'submitted>rejected': 1 }],
      ['acked, then rejected', [o(T0), ack('o', T0 + 1), ended('rejected', 'o', T0 + 2)], { 'submitted>acknowledged': 1, 'acknowledged>rejected': 1 }],
      ['acked, part filled, canceled', [o(T0), ack('o', T0 + 1), filled('o', T0 + 2, 'f1', 1, 100), ended('canceled', 'o', T0 + 3)], { 'submitted>acknowledged': 1, 'acknowledged>partially_filled': 1, 'partially_filled>canceled': 1 }],
      ['expired with no ack', [o(T0), ended('expired', 'o', T0 + 5)], { 'submitted>expired': 1 }],
      // The venue filled before it acknowledged (event time): the ack is left out, states only move forward.
      ['filled before the ack', [o(T0), filled('o', T0 + 1, 'f1', 1, 100), ack('o', T0 + 2), filled('o', T0 + 3, 'f2', 1, 100)], { 'submitted>partially_filled': 1, 'partially_filled>filled': 1 }],
      // An ack stamped after the cancel is a straggler.
      ['ack after the cancel', [o(T0), ended('canceled', 'o', T0 + 2), ack('o', T0 + 3)], { 'submitted>canceled': 1 }],
      // The fill that completes the quantity at the same time as a cancel wins (fills sort before final events).
      ['fill and cancel at one time', [o(T0), ack('o', T0 + 1), filled('o', T0 + 2, 'f1', 2, 100), ended('canceled', 'o', T0 + 2)], { 'submitted>acknowledged': 1, 'acknowledged>filled': 1 }],
    ];
    for (const [what, events, expected] of cases) assert.deepEqual(transitions(events), expected, what);
  });

  it('creates every flow series of a label set at 0 with its first order, so increase() counts a later first cancel on both sides', () => {
    assert.equal(ORDER_TRANSITIONS.length, 15, 'submitted→{acknowledged, partially_filled}, acknowledged→partially_filled, and each of the three into the 4 final states');
    const s = new TradingState({ orders: { graceMs: GRACE } });
    // A fresh label set: its first order is still open at the first scrape.
    applyRaw(s, [submitted('a', T0)], T0 + 10);
    const first = parseSamples(render(s, T0 + 10));
    const flowSeries = (m: Map<string, number>) => [...m.keys()].filter((k) => /^trading_(order_transitions_total|order_transition_quantity_total|orders_completed_total)\{/.test(k));
    assert.equal(flowSeries(first).length, 15 * 2 + 4, flowSeries(first).join('\n'));
    for (const k of flowSeries(first)) assert.equal(first.get(k), 0, k);
    // Minutes later the label set's first cancel: Prometheus' increase() only counts a series from its first sample,
    // so both sides of the panel's balance at canceled must have been scraped before it (at 0), or one side loses it.
    applyRaw(s, [ack('a', T0 + 20), ended('canceled', 'a', T0 + 120_000)], T0 + 120_000);
    const later = parseSamples(render(s, T0 + 120_000 + GRACE));
    const seenIncrease = (name: string, labels: Record<string, string>) => {
      let sum = 0;
      for (const [k, v] of later) {
        if (!k.startsWith(`${name}{`) || !Object.entries(labels).every(([l, x]) => k.includes(`${l}="${x}"`))) continue;
        const before = first.get(k);
        if (before !== undefined) sum += v - before; // a series absent at the first scrape adds nothing, as in increase()
      }
      return sum;
    };
    assert.equal(seenIncrease('trading_order_transitions_total', { to_state: 'canceled' }), 1);
    assert.equal(seenIncrease('trading_orders_completed_total', { final_status: 'canceled' }), 1);
  });

  it('sends every final order into exactly one final state, matching trading_orders_completed_total', () => {
    const s = new TradingState({ orders: { graceMs: GRACE } });
    const events: Record<string, unknown>[] = [];
    const kinds = ['filled', 'canceled', 'rejected', 'expired'] as const;
    for (let i = 0; i < 40; i++) {
      const id = `o${i}`;
      const kind = kinds[i % 4];
      events.push(submitted(id, T0, { quantity: 1 + (i % 3) }));
      if (i % 5 !== 0) events.push(ack(id, T0 + 1));
      if (kind === 'filled') events.push(filled(id, T0 + 2, `${id}f`, 1 + (i % 3), 100));
      else events.push(ended(kind, id, T0 + 3));
    }
    applyRaw(s, events, T0 + 10);
    const m = parseSamples(render(s, T0 + 10 + GRACE));
    for (const k of kinds) {
      assert.equal(sample(m, 'trading_order_transitions_total', { to_state: k }), sample(m, 'trading_orders_completed_total', { final_status: k }), k);
      assert.equal(sample(m, 'trading_order_transitions_total', { to_state: k }), 10, k);
    }
    assert.equal(sample(m, 'trading_order_transitions_total', { from_state: 'submitted' }), 40, 'every order leaves submitted once');
    // Quantity conserved: what leaves submitted is what was requested.
    assert.equal(sample(m, 'trading_order_transition_quantity_total', { from_state: 'submitted' }), sample(m, 'trading_order_quantity_requested_total'));
  });

  it('orderPath: an ack without fills before the end counts, NaN times never do', () => {
    assert.deepEqual(orderPath({ final: 'canceled', endTs: 10, ackTs: 5, firstFillTs: NaN, partiallyFilled: false }), ['submitted', 'acknowledged', 'canceled']);
    assert.deepEqual(orderPath({ final: 'canceled', endTs: 10, ackTs: NaN, firstFillTs: NaN, partiallyFilled: false }), ['submitted', 'canceled']);
    assert.deepEqual(orderPath({ final: 'filled', endTs: 10, ackTs: 10, firstFillTs: 10, partiallyFilled: false }), ['submitted', 'acknowledged', 'filled']);
  });
});

describe('implementation shortfall', () => {
  it('keeps costs and gains apart in two counters that only grow; the histogram has no _sum', () => {
    const s = new TradingState({ orders: { graceMs: GRACE } });
    applyRaw(
      s,
      [
        submitted('cost', T0, { quantity: 1, decisionPrice: 100 }),
        filled('cost', T0 + 1, 'c1', 1, 101.5),
        submitted('gain', T0, { quantity: 1, decisionPrice: 100 }),
        filled('gain', T0 + 1, 'g1', 1, 99.5),
      ],
      T0 + 10,
    );
    const m = parseSamples(render(s, T0 + 10 + GRACE));
    const at = { ...L, benchmark: 'decision' };
    const near = (a: number | undefined, b: number, what: string) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${what}: ${a} != ${b}`);
    // Buys against 100: 101.5 costs 0.015, 99.5 gains 0.005 (shortfall −0.005).
    near(sample(m, 'trading_order_implementation_shortfall_adverse_ratio_total', at), 0.015, 'adverse');
    near(sample(m, 'trading_order_implementation_shortfall_favorable_ratio_total', at), 0.005, 'favorable');
    assert.equal(sample(m, 'trading_order_implementation_shortfall_ratio_count', at), 2);
    assert.equal(sample(m, 'trading_order_implementation_shortfall_ratio_bucket', { ...at, le: '0' }), 1, 'the gain is below 0');
    assert.equal(sample(m, 'trading_order_implementation_shortfall_ratio_sum'), undefined);
  });

  it('compares the average fill price with the decision and the arrival price, signed so positive is a cost', () => {
    const s = new TradingState({ orders: { graceMs: GRACE } });
    applyRaw(
      s,
      [
        submitted('b', T0, { quantity: 2, decisionPrice: 100, arrivalPrice: 100.5 }),
        filled('b', T0 + 1, 'b1', 1, 101),
        filled('b', T0 + 2, 'b2', 1, 102),
        submitted('s', T0, { side: 'sell', quantity: 4, decisionPrice: 100, arrivalPrice: undefined }),
        filled('s', T0 + 1, 's1', 1, 99),
        ended('canceled', 's', T0 + 2),
        submitted('n', T0, { quantity: 1, decisionPrice: 100 }),
        ended('canceled', 'n', T0 + 1), // no fills: no shortfall
      ],
      T0 + 10,
    );
    const m = parseSamples(render(s, T0 + 10 + GRACE));
    const near = (a: number | undefined, b: number, what: string) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${what}: ${a} != ${b}`);
    // Buy, average (101 + 102) / 2 = 101.5: against decision (101.5 − 100) / 100 = 0.015, against arrival 1 / 100.5.
    near(signedSum(m, 'trading_order_implementation_shortfall', { ...L, benchmark: 'decision' }), 0.015, 'buy decision');
    near(signedSum(m, 'trading_order_implementation_shortfall', { ...L, benchmark: 'arrival' }), 1 / 100.5, 'buy arrival');
    assert.equal(sample(m, 'trading_order_implementation_shortfall_ratio_count', { ...L, benchmark: 'decision' }), 1, 'the unfilled order adds nothing');
    // Sell, partly filled at 99 then canceled: −1 × (99 − 100) / 100 = 0.01 against decision; no arrival price sent.
    near(signedSum(m, 'trading_order_implementation_shortfall', { ...L, side: 'sell', benchmark: 'decision' }), 0.01, 'sell decision');
    assert.equal(sample(m, 'trading_order_implementation_shortfall_ratio_count', { ...L, side: 'sell', benchmark: 'arrival' }), undefined);
    assert.equal(sample(m, 'trading_order_implementation_shortfall_ratio_sum'), undefined, 'no _sum: a signed sum falls');
    assert.equal(sample(m, 'trading_order_implementation_shortfall_ratio_bucket', { ...L, benchmark: 'decision', le: '0.01' }), 0);
    assert.equal(sample(m, 'trading_order_implementation_shortfall_ratio_bucket', { ...L, benchmark: 'decision', le: '+Inf' }), 1, '150 bp is past the last bound, 100 bp');
  });
});
