// Which trace a latency or slippage bucket's exemplar names when every batch is traced: a batch's sampled trace
// replaces a bucket's exemplar at most once per BATCH_EXEMPLAR_REFRESH_MS window of the series (busy buckets keep
// one a second, what a scrape can carry anyway), a rare (tail) bucket takes it at once, and the desk's own
// traceId of an order always becomes the exemplar of that order's observations and holds its bucket against
// batch traces for the refresh time, whatever other desk-traced orders land in other buckets meanwhile. Read from the OpenMetrics rendering, what Prometheus stores (exemplars.test.ts checks that end to
// end with a real Prometheus).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderOpenMetrics } from '@vigil/exporter-kit';
import { BATCH_EXEMPLAR_REFRESH_MS } from '../src/orders/order-tracker.js';
import { TradingState } from '../src/trading-state.js';
import { T0, applyRaw, filled, submitted } from './helpers.js';

const trace = (c: string) => c.repeat(32);
const BATCH_1 = trace('1');
const BATCH_2 = trace('2');
const BATCH_3 = trace('3');
const BATCH_4 = trace('4');
const DESK = trace('d');

/** One order acknowledged after ackMs and filled at bp basis points of adverse slippage (the desk's traceId in extra). */
function order(id: string, ackMs: number, bp: number, extra: Record<string, unknown> = {}): Record<string, unknown>[] {
  const t = T0 - 5000;
  return [submitted(id, t, extra), { type: 'order.acknowledged', ts: t + ackMs, orderId: id }, filled(id, t + ackMs + 10, `${id}-f`, 2, 100 * (1 + bp / 10_000))];
}

/** le → trace id of the exemplar of each bucket of `family` (one series: every order here has the same labels). */
function exemplars(state: TradingState, family: string): Map<string, string> {
  const text = renderOpenMetrics(state.orderMetrics.families());
  const out = new Map<string, string>();
  for (const m of text.matchAll(new RegExp(`^${family}_bucket\\{[^}]*le="([^"]+)"\\} \\d+ # \\{trace_id="([0-9a-f]+)"\\}`, 'gm'))) out.set(m[1], m[2]);
  return out;
}

describe('exemplars of order observations under batch traces', () => {
  it('a busy bucket keeps a batch trace for the refresh time; a tail bucket takes the next batch trace at once', () => {
    const state = new TradingState();
    applyRaw(state, [...order('a1', 30, 4), ...order('a2', 30, 4)], T0, BATCH_1);
    applyRaw(state, [...order('b1', 30, 4), ...order('b2', 3000, 45)], T0 + 10, BATCH_2);
    let ack = exemplars(state, 'trading_order_ack_duration_seconds');
    assert.equal(ack.get('0.05'), BATCH_1, 'busy bucket: the first batch trace held');
    assert.equal(ack.get('5'), BATCH_2, 'tail bucket right after a busy-bucket observation');
    const slip = exemplars(state, 'trading_order_slippage_adverse_ratio');
    assert.equal(slip.get('0.0005'), BATCH_1);
    assert.equal(slip.get('0.005'), BATCH_2);
    applyRaw(state, order('c1', 30, 4), T0 + BATCH_EXEMPLAR_REFRESH_MS, BATCH_3);
    ack = exemplars(state, 'trading_order_ack_duration_seconds');
    assert.equal(ack.get('0.05'), BATCH_3, 'refreshed once the exemplar is the refresh time old');
    assert.equal(ack.get('5'), BATCH_2);
  });

  it("the desk's own traceId becomes the exemplar within the refresh time, and holds the bucket against batch traces", () => {
    const state = new TradingState();
    applyRaw(state, order('a1', 30, 4), T0, BATCH_1);
    applyRaw(state, order('d1', 30, 4, { traceId: DESK }), T0 + 5, BATCH_2);
    applyRaw(state, order('b1', 30, 4), T0 + 10, BATCH_3);
    for (const family of ['trading_order_ack_duration_seconds', 'trading_order_slippage_adverse_ratio']) {
      const ex = exemplars(state, family);
      assert.equal(ex.get(family.includes('ack') ? '0.05' : '0.0005'), DESK, family);
    }
    // Finalized after the grace period: the order's completion is observed in a sweep, its own trace kept too.
    state.sweep(T0 + 6000);
    const done = exemplars(state, 'trading_order_completion_duration_seconds');
    assert.ok([...done.values()].includes(DESK), `completion exemplars: ${[...done.values()].join(', ')}`);
    applyRaw(state, order('e1', 30, 4), T0 + 5 + BATCH_EXEMPLAR_REFRESH_MS, BATCH_4);
    assert.equal(exemplars(state, 'trading_order_ack_duration_seconds').get('0.05'), BATCH_4, 'a batch trace replaces it after the refresh time');
  });

  it("two desks' traces in different buckets each hold their own bucket, and leave the batch throttling as it was", () => {
    const DESK_2 = trace('e');
    const state = new TradingState();
    applyRaw(state, order('d1', 30, 4, { traceId: DESK }), T0, BATCH_1);
    applyRaw(state, order('d2', 3000, 45, { traceId: DESK_2 }), T0 + 2, BATCH_2);
    applyRaw(state, order('b1', 30, 4), T0 + 5, BATCH_3);
    applyRaw(state, order('b2', 3000, 45), T0 + 6, BATCH_4);
    const ack = exemplars(state, 'trading_order_ack_duration_seconds');
    assert.equal(ack.get('0.05'), DESK, 'the first desk trace held against a batch trace 5 ms later');
    assert.equal(ack.get('5'), DESK_2);
  });
});
