// One order's own bookkeeping: fills kept in place for the first two and appended after, event-time answers
// (first fill, the fill that completed the quantity) whatever order the fills came in, and fill-id dedup from
// the first id to many.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OpenOrder } from '../src/orders/open-order.js';

const T0 = 1_700_000_000_000;
const order = (quantity: number) => new OpenOrder('o-1', undefined as never, T0, quantity, 1, 100, T0);

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
      o.addFill(ts, q);
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
    o.addFill(T0 + 30, 0.5);
    o.addFill(T0 + 10, 1);
    o.addFill(T0 + 20, 1);
    assert.equal(o.filled, 2.5, 'over-fills are counted as sent');
    assert.equal(o.filledAt(), T0 + 20, '1 at +10 and 1 at +20 complete the 2; the fill at +30 came after');
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
});
