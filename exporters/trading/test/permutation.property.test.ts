// Property: any arrival order of a set of order events and quotes, within the grace period, yields the same
// metrics as the in-order (event-time) sequence. Covers fills before submits, duplicate fills, ties in time,
// several orders interleaved, quotes late or tied in time (markouts), transitions, shortfall and batches of any size.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TradingState } from '../src/trading-state.js';
import { T0, applyRaw, parseSamples, render } from './helpers.js';

const GRACE = 5_000;

type Raw = Record<string, unknown> & { ts: number };

const orderArb = (id: string) =>
  fc
    .record({
      side: fc.constantFrom('buy', 'sell'),
      venue: fc.constantFrom('binance', 'okx'),
      quantity: fc.integer({ min: 1, max: 6 }),
      arrival: fc.integer({ min: 90, max: 110 }),
      ack: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
      decision: fc.option(fc.integer({ min: 90, max: 110 }), { nil: undefined }),
      fills: fc.array(
        fc.record({
          qty: fc.integer({ min: 1, max: 3 }),
          dt: fc.integer({ min: 0, max: 400 }),
          px: fc.integer({ min: -30, max: 30 }),
          dup: fc.boolean(),
          liquidity: fc.constantFrom('maker', 'taker', undefined),
        }),
        {
        maxLength: 4,
      }),
      end: fc.option(fc.record({ type: fc.constantFrom('order.canceled', 'order.rejected', 'order.expired'), dt: fc.integer({ min: 0, max: 600 }) }), {
        nil: undefined,
      }),
      start: fc.integer({ min: 0, max: 200 }),
    })
    .map((o): Raw[] => {
      const t = T0 + o.start;
      const events: Raw[] = [
        { type: 'order.submitted', ts: t, orderId: id, venue: o.venue, symbol: 'ETH/USDT', side: o.side, orderType: 'limit', quantity: o.quantity, arrivalPrice: o.arrival, decisionPrice: o.decision },
      ];
      if (o.ack !== undefined) events.push({ type: 'order.acknowledged', ts: t + o.ack, orderId: id });
      let left = o.quantity;
      o.fills.forEach((f, i) => {
        if (left <= 0) return;
        const qty = Math.min(f.qty, left);
        left -= qty;
        const fill = { type: 'order.filled', ts: t + f.dt, orderId: id, fillId: `${id}-f${i}`, fillQuantity: qty, fillPrice: o.arrival + f.px / 100, fee: qty * 0.01, feeCurrency: 'USDT', liquidity: f.liquidity };
        events.push(fill);
        if (f.dup) events.push({ ...fill });
      });
      if (o.end) events.push({ type: o.end.type, ts: t + o.end.dt, orderId: id, reason: o.end.type === 'order.rejected' ? 'risk_limit' : undefined });
      return events;
    });

/** Quotes around the orders' fills and their horizons (some horizons find none recent enough: unmeasured). */
const quotesArb = fc.array(
  fc.record({ venue: fc.constantFrom('binance', 'okx'), dt: fc.integer({ min: 0, max: 63 }).map((s) => s * 1000), mid: fc.integer({ min: 90, max: 110 }), half: fc.integer({ min: 0, max: 5 }) }),
  { maxLength: 12 },
);

const scenarioArb = fc
  .integer({ min: 1, max: 5 })
  .chain((n) => fc.tuple(quotesArb, ...Array.from({ length: n }, (_, i) => orderArb(`o${i}`))))
  .map(([quotes, ...orders]) => [
    ...orders.flat(),
    ...quotes.map((q): Raw => ({ type: 'market.quote', ts: T0 + q.dt, venue: q.venue, symbol: 'ETH/USDT', bid: q.mid - q.half / 100, ask: q.mid + q.half / 100 })),
  ]);

function inOrder(events: Raw[]): Raw[] {
  return [...events].sort((a, b) => a.ts - b.ts);
}

/** Applies events in batches of the given sizes, 1 ms apart (all well within the grace period). */
function run(events: Raw[], batchSizes: number[]): Map<string, number> {
  const s = new TradingState({ orders: { graceMs: GRACE } });
  let at = 0;
  let now = T0 + 1000;
  let k = 0;
  while (at < events.length) {
    const size = Math.max(1, batchSizes[k++ % batchSizes.length] ?? 1);
    applyRaw(s, events.slice(at, at + size), now);
    at += size;
    now += 1;
  }
  // Past the 60 s markout horizon of every fill.
  return parseSamples(render(s, now + 2 * GRACE + 60_000));
}

function assertSameMetrics(actual: Map<string, number>, expected: Map<string, number>): void {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
  for (const [k, v] of expected) {
    const a = actual.get(k)!;
    // Sums of floats may differ in the last bits when added in another order.
    assert.ok(Math.abs(a - v) <= 1e-9 * Math.max(1, Math.abs(v)), `${k}: ${a} != ${v}`);
  }
}

describe('order events in any order within the grace period', () => {
  it('yield the same metrics as the in-order sequence', () => {
    fc.assert(
      fc.property(
        scenarioArb.chain((events) =>
          fc.tuple(
            fc.constant(events),
            fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
            fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }),
          ),
        ),
        ([events, shuffled, batches]) => {
          const expected = run(inOrder(events), [events.length]);
          assertSameMetrics(run(shuffled, batches), expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a fill that arrives after the grace period is not silently merged (it is counted as orphaned)', () => {
    const events: Raw[] = [
      { type: 'order.submitted', ts: T0, orderId: 'z', venue: 'binance', symbol: 'ETH/USDT', side: 'buy', orderType: 'limit', quantity: 2, arrivalPrice: 100 },
      { type: 'order.canceled', ts: T0 + 10, orderId: 'z' },
    ];
    const s = new TradingState({ orders: { graceMs: GRACE } });
    applyRaw(s, events, T0);
    applyRaw(s, [{ type: 'order.filled', ts: T0 + 5, orderId: 'z', fillId: 'late', fillQuantity: 1, fillPrice: 100 }], T0 + GRACE + 1);
    const m = parseSamples(render(s, T0 + 3 * GRACE));
    assert.equal(m.get('trading_events_orphaned_total'), 1);
  });
});
