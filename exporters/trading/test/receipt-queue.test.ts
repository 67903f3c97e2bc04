// The receipt-order queue behind capacity eviction and TTL expiry: oldest live order first, ended orders
// stepped over once, and memory bounded by the live orders even when an old order rests at the head.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OpenOrder } from '../src/orders/open-order.js';
import { OrderNumbers } from '../src/orders/order-numbers.js';
import { ReceiptQueue } from '../src/orders/receipt-queue.js';
import { TradingState } from '../src/trading-state.js';
import { applyRaw, filled, parseSamples, render, sample, submitted, T0 } from './helpers.js';

const numbers = new OrderNumbers();
const order = (id: string) => new OpenOrder(numbers, id, undefined as never, T0, 1, 1, 100, T0);

describe('ReceiptQueue', () => {
  it('gives the oldest order still in the table, stepping over ended ones', () => {
    const q = new ReceiptQueue();
    const [a, b, c] = ['a', 'b', 'c'].map(order);
    [a, b, c].forEach((o) => q.push(o));
    assert.equal(q.oldest(), a);
    a.gone = true;
    b.gone = true;
    assert.equal(q.oldest(), c);
    c.gone = true;
    assert.equal(q.oldest(), undefined);
  });

  it('walks live orders oldest first until told to stop', () => {
    const q = new ReceiptQueue();
    const all = ['a', 'b', 'c', 'd', 'e'].map(order);
    all.forEach((o) => q.push(o));
    all[1].gone = true;
    const seen: string[] = [];
    q.walk((o) => (seen.push(o.id), o.id !== 'd'));
    assert.deepEqual(seen, ['a', 'c', 'd']);
  });

  it('stays bounded by the live orders when an old one rests at the head', () => {
    const q = new ReceiptQueue();
    const resting = order('resting');
    q.push(resting);
    for (let i = 0; i < 50_000; i++) {
      const o = order(`o${i}`);
      q.push(o);
      o.gone = true;
      q.compact(1);
    }
    assert.ok(q.held <= 2 * 1 + 1024 + 1, `held ${q.held}`);
    assert.equal(q.oldest(), resting);
  });
});

describe('bounded open-order table with ended orders ahead of the oldest', () => {
  it('evicts the oldest live order at capacity and expires by TTL after many orders ended behind it', () => {
    const HOUR = 3_600_000;
    const s = new TradingState({ orders: { maxOrders: 3, ttlMs: HOUR, graceMs: 1000 } });
    // 'rest' stays open; 1,500 orders fill, one per batch, and are finalized behind it.
    applyRaw(s, [submitted('rest', T0)], T0);
    let t = T0;
    for (let i = 0; i < 1500; i++) {
      t = T0 + 1 + i * 1001;
      applyRaw(s, [submitted(`f${i}`, t, { quantity: 1 }), filled(`f${i}`, t, `x${i}`, 1, 100)], t);
    }
    t += 1001;
    applyRaw(s, [submitted('p', t), submitted('q', t)], t);
    let m = parseSamples(render(s, t));
    assert.equal(sample(m, 'trading_orders_completed_total', { final_status: 'filled' }), 1500);
    assert.equal(sample(m, 'trading_open_orders'), 3);
    assert.ok(s.orders.receipts.held <= 2 * 3 + 1024, `the queue holds ${s.orders.receipts.held} for 3 live orders`);
    // One more: the oldest live order is 'rest', however many ended orders came after it.
    applyRaw(s, [submitted('r', t + 1)], t + 1);
    applyRaw(s, [filled('rest', t + 2, 'late', 1, 100)], t + 2);
    m = parseSamples(render(s, t + 2));
    assert.equal(sample(m, 'trading_orders_evicted_total', { reason: 'capacity' }), 1);
    assert.equal(sample(m, 'trading_pending_events'), 1, "the evicted order's late fill waits for a submit");
    // TTL: p, q and r expire an hour after they arrived.
    applyRaw(s, [submitted('s', t + HOUR + 2)], t + HOUR + 2);
    m = parseSamples(render(s, t + HOUR + 2));
    assert.equal(sample(m, 'trading_orders_evicted_total', { reason: 'ttl' }), 3);
    assert.equal(sample(m, 'trading_open_orders'), 1);
  });
});
