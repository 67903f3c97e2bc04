// One order's own bookkeeping: fills kept in place for the first two and appended after, event-time answers
// (first fill, the fill that completed the quantity) whatever order the fills came in, fill-id dedup from the
// first id to many, and the shared number store (runs reused after release, kept across growth).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OpenOrder } from '../src/orders/open-order.js';
import { OrderNumbers } from '../src/orders/order-numbers.js';

const T0 = 1_700_000_000_000;
const numbers = new OrderNumbers();
const order = (quantity: number, nums = numbers) => new OpenOrder(nums, 'o-1', undefined as never, T0, quantity, 1, 100, T0);

describe('OpenOrder', () => {
  it('starts with no fills', () => {
    const o = order(3);
    assert.equal(o.fillCount, 0);
    assert.equal(o.filled, 0);
    assert.equal(o.fullyFilled, false);
    assert.equal(o.filledAt(), Infinity);
    assert.ok(Number.isNaN(o.firstFillTs()));
    assert.ok(Number.isNaN(o.ackTs));
    assert.equal(o.submitTs, T0);
  });

  it('counts fills in and past the two in-place slots, in event time whatever the arrival order', () => {
    const o = order(5);
    // Arrival order differs from event time; five fills take the slots and grow the array.
    const fills: Array<[number, number]> = [
      [T0 + 40, 1],
      [T0 + 10, 1],
      [T0 + 50, 1],
      [T0 + 20, 1],
      [T0 + 30, 1],
    ];
    fills.forEach(([ts, q], i) => {
      o.addFill(ts, q, 100);
      assert.equal(o.fillCount, i + 1);
      assert.equal(o.filled, i + 1);
    });
    assert.equal(o.firstFillTs(), T0 + 10);
    assert.equal(o.fullyFilled, true);
    assert.equal(o.filledAt(), T0 + 50, 'the quantity was complete with the last fill in event time');
    // Fields next to the fills are untouched by them.
    assert.equal(o.quantity, 5);
    assert.equal(o.arrival, 100);
    assert.equal(o.finalizeAt, 0);
    assert.ok(Number.isNaN(o.terminalTs));
  });

  it('knows when the quantity was reached before the last fill in event time', () => {
    const o = order(2);
    o.addFill(T0 + 30, 0.5, 101);
    o.addFill(T0 + 10, 1, 100);
    o.addFill(T0 + 20, 1, 102);
    assert.equal(o.filled, 2.5, 'over-fills are counted as sent');
    assert.equal(o.filledAt(), T0 + 20, '1 at +10 and 1 at +20 complete the 2; the fill at +30 came after');
    // (0.5 × 101 + 1 × 100 + 1 × 102) / 2.5 = 252.5 / 2.5
    assert.equal(o.averageFillPrice, 101);
    assert.equal(o.hasFillBefore(T0 + 10, false), false);
    assert.equal(o.hasFillBefore(T0 + 10, true), true);
  });

  it('refuses a fill id it has seen, from the first id to many', () => {
    const o = order(10);
    assert.equal(o.addFillId('f-1'), true);
    assert.equal(o.addFillId('f-1'), false);
    assert.equal(o.addFillId('f-2'), true);
    assert.equal(o.addFillId('f-1'), false);
    assert.equal(o.addFillId('f-2'), false);
    for (let i = 3; i <= 20; i++) assert.equal(o.addFillId(`f-${i}`), true);
    for (let i = 1; i <= 20; i++) assert.equal(o.addFillId(`f-${i}`), false, `f-${i}`);
    // An equal id built separately (not the same string object) is still a duplicate.
    assert.equal(o.addFillId(['f', '7'].join('-')), false);
  });

  it('keeps the numbers of each order apart in the shared store, across growth and reuse of released runs', () => {
    const nums = new OrderNumbers();
    const before = nums.bytes;
    // Past the initial capacity, so the store grows (and copies) while orders hold runs in it.
    const orders = Array.from({ length: 3000 }, (_, i) => {
      const o = new OpenOrder(nums, `o-${i}`, undefined as never, T0 + i, i + 1, i % 2 ? 1 : -1, 100 + i, T0 + 2 * i);
      o.addFill(T0 + i + 1, 0.5, 100);
      o.ackTs = T0 + i + 0.25;
      return o;
    });
    assert.ok(nums.bytes > before, 'the store grew');
    // Release every other order and submit new ones into the freed runs.
    orders.filter((_, i) => i % 2 === 0).forEach((o) => o.release());
    const fresh = Array.from({ length: 1500 }, (_, i) => new OpenOrder(nums, `n-${i}`, undefined as never, T0 - i, 7, 1, 50, T0));
    assert.ok(orders[0].gone);
    orders.forEach((o, i) => {
      if (i % 2 === 0) return;
      assert.deepEqual(
        [o.submitTs, o.quantity, o.sign, o.arrival, o.receivedAt, o.ackTs, o.filled, o.fillCount, o.firstFillTs()],
        [T0 + i, i + 1, 1, 100 + i, T0 + 2 * i, T0 + i + 0.25, 0.5, 1, T0 + i + 1],
        `o-${i}`,
      );
    });
    fresh.forEach((o, i) => {
      assert.deepEqual([o.submitTs, o.quantity, o.filled, o.fillCount, o.finalizeAt], [T0 - i, 7, 0, 0, 0], `n-${i}`);
      assert.ok(Number.isNaN(o.ackTs) && Number.isNaN(o.terminalTs) && Number.isNaN(o.firstFillTs()), `n-${i} starts clean`);
    });
    assert.equal(nums.bytes, new OrderNumbers().bytes * 4, 'reused runs: no growth past 3000 orders at a time');
  });
});
