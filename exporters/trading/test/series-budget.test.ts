// Label-set budgets: the product of labels stays bounded under a flood of distinct combinations, idle label
// sets are evicted (never while an open order uses them), and snapshots folded into "other" are dropped,
// never overwriting each other.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TradingState } from '../src/trading-state.js';
import { T0, applyRaw, filled, parseSamples, post, render, sample, scrape, startExporter, submitted } from './helpers.js';

const MINUTE = 60_000;

/** Series (sample lines) of the order families in an exposition. */
function orderSeries(text: string): number {
  return text.split('\n').filter((l) => /^trading_(orders?_|fees_paid|fee_rebates)/.test(l)).length;
}

describe('label-set budget', () => {
  it('keeps the order families bounded under a flood of distinct label combinations', async () => {
    const budget = 40;
    const ex = await startExporter([`--limits.order-label-sets=${budget}`, '--limits.symbols=1000', '--limits.strategies=1000']);
    try {
      const now = Date.now();
      // 8 venues × 25 symbols × 10 strategies × 2 sides = 4000 combinations, one order each, then their fills.
      const events: Record<string, unknown>[] = [];
      let n = 0;
      for (let v = 0; v < 8; v++)
        for (let s = 0; s < 25; s++)
          for (let st = 0; st < 10; st++)
            for (const side of ['buy', 'sell']) {
              const id = `o${n++}`;
              events.push(submitted(id, now, { venue: `v${v}`, symbol: `S${s}/USD`, strategy: `st${st}`, side, quantity: 1 }));
              events.push(filled(id, now, `${id}-f`, 1, 100.05));
            }
      for (let i = 0; i < events.length; i += 2000) assert.equal((await post(ex.url, events.slice(i, i + 2000))).status, 202);

      const text = await scrape(ex.url);
      const m = parseSamples(text);
      // Nothing lost: every order is counted, the ones past the budget under "other".
      assert.equal(sample(m, 'trading_orders_submitted_total'), n);
      assert.equal(sample(m, 'trading_order_quantity_filled_total'), n);
      assert.equal(sample(m, 'trading_orders_submitted_total', { venue: 'other', symbol: 'other', order_type: 'other', strategy: 'other' }), n - budget);
      assert.equal(sample(m, 'trading_series_folded_total', { group: 'orders' }), n - budget);
      assert.equal(sample(m, 'trading_series_label_sets', { group: 'orders' }), budget);
      assert.equal(sample(m, 'trading_series_label_sets_limit', { group: 'orders' }), budget);
      // One label set's series (3 counters, 6 histograms, slippage on fills), times the budget plus the two "other" sides.
      const perSet = orderSeries(text.split('\n').filter((l) => l.includes('venue="v0",symbol="S0/USD"') && l.includes('strategy="st0"') && l.includes('side="buy"')).join('\n'));
      assert.ok(perSet > 50, `one label set has ${perSet} order series`);
      assert.ok(orderSeries(text) <= (budget + 2) * (perSet + 5), `${orderSeries(text)} order series for a budget of ${budget} label sets (${perSet} each)`);
    } finally {
      await ex.stop();
    }
  });

  it('evicts label sets idle past --limits.label-set-idle, but not one an open order still writes to', () => {
    const idleMs = 10 * MINUTE;
    const s = new TradingState({ budgets: { orders: { limit: 10, idleMs } }, orders: { graceMs: 1000 } });
    applyRaw(s, [submitted('done', T0, { symbol: 'A/USD' }), filled('done', T0, 'f1', 2, 100)], T0);
    applyRaw(s, [submitted('open', T0, { symbol: 'B/USD' })], T0);
    s.sweep(T0 + 2000); // "done" is finalized
    s.sweep(T0 + idleMs + MINUTE);
    let m = parseSamples(render(s, T0 + idleMs + MINUTE));
    assert.equal(sample(m, 'trading_orders_submitted_total', { symbol: 'A/USD' }), undefined, 'the idle label set is gone');
    assert.equal(sample(m, 'trading_order_completion_duration_seconds_count', { symbol: 'A/USD' }), undefined);
    assert.equal(sample(m, 'trading_orders_submitted_total', { symbol: 'B/USD' }), 1, 'the open order pins its label set');
    assert.equal(s.budgetMetrics.evictedTotal.child(['orders']).value, 1);
    assert.equal(s.budgetMetrics.labelSets.child(['orders']).value, 1);

    // The open order's fill still lands in its series, and a new order of the evicted set starts afresh.
    applyRaw(s, [filled('open', T0 + idleMs + MINUTE, 'f2', 2, 100), submitted('again', T0 + idleMs + MINUTE, { symbol: 'A/USD' })], T0 + idleMs + MINUTE);
    m = parseSamples(render(s, T0 + idleMs + 2 * MINUTE));
    assert.equal(sample(m, 'trading_order_quantity_filled_total', { symbol: 'B/USD' }), 2);
    assert.equal(sample(m, 'trading_orders_submitted_total', { symbol: 'A/USD' }), 1);
  });

  it('makes room for a new label set by evicting idle ones before folding it', () => {
    const s = new TradingState({ budgets: { orders: { limit: 1, idleMs: MINUTE } }, orders: { graceMs: 1000 } });
    applyRaw(s, [submitted('a', T0, { symbol: 'A/USD' }), filled('a', T0, 'f', 2, 100)], T0);
    s.sweep(T0 + 2000);
    applyRaw(s, [submitted('b', T0 + 2 * MINUTE, { symbol: 'B/USD' })], T0 + 2 * MINUTE);
    const m = parseSamples(render(s, T0 + 2 * MINUTE));
    assert.equal(sample(m, 'trading_orders_submitted_total', { symbol: 'B/USD' }), 1);
    assert.equal(s.budgetMetrics.foldedTotal.child(['orders']).value, 0);
  });

  it('drops snapshots whose label set folds into other instead of letting them overwrite each other', () => {
    const s = new TradingState({ limits: { symbols: 1, accounts: 1 }, budgets: { others: { limit: 2, idleMs: 0 } } });
    const position = (symbol: string, account: string, venue: string, quantity: number) => ({
      type: 'position.snapshot', ts: T0, venue, symbol, account, strategy: 's', quantity, avgPrice: 1, markPrice: 1, unrealizedPnl: 0, realizedPnl: 0,
    });
    applyRaw(
      s,
      [
        position('A/USD', 'a', 'v1', 5),
        position('B/USD', 'a', 'v1', 7), // symbol past its limit: folds to other
        position('C/USD', 'a', 'v1', 9),
        position('A/USD', 'a', 'v2', 1), // second label set
        position('A/USD', 'a', 'v3', 2), // past the positions budget of 2
        { type: 'balance.snapshot', ts: T0, venue: 'v1', account: 'a', currency: 'USD', free: 1, used: 0, portfolioValue: 100 },
        { type: 'balance.snapshot', ts: T0, venue: 'v1', account: 'b', currency: 'USD', free: 1, used: 0, portfolioValue: 50 }, // account folds
      ],
      T0,
    );
    const m = parseSamples(render(s, T0));
    assert.equal(sample(m, 'trading_position_quantity', { symbol: 'other' }), undefined, 'no position gauge under other');
    assert.equal(sample(m, 'trading_position_quantity', { venue: 'v3' }), undefined, 'no position past the budget');
    assert.equal(sample(m, 'trading_position_quantity', { symbol: 'A/USD', venue: 'v1' }), 5);
    assert.equal(sample(m, 'trading_position_quantity', { symbol: 'A/USD', venue: 'v2' }), 1);
    assert.equal(sample(m, 'trading_portfolio_value', { account: 'other' }), undefined);
    assert.equal(sample(m, 'trading_portfolio_value', { account: 'a' }), 100);
    const b = s.budgetMetrics;
    assert.equal(b.snapshotsDropped.child(['positions']).value, 3);
    assert.equal(b.snapshotsDropped.child(['balances']).value, 1);
    assert.equal(b.snapshotsDropped.child(['portfolio']).value, 1);
    assert.equal(b.foldedTotal.child(['positions']).value, 1);
  });

  it('folds signals past the budget into other and keeps no confidence gauge for them', () => {
    const s = new TradingState({ budgets: { others: { limit: 1, idleMs: 0 } } });
    const signal = (strategy: string, confidence: number) => ({ type: 'strategy.signal', ts: T0, strategy, signalType: 'entry', confidence });
    applyRaw(s, [signal('s1', 0.1), signal('s2', 0.2), signal('s3', 0.3)], T0);
    const m = parseSamples(render(s, T0));
    assert.equal(sample(m, 'trading_strategy_signals_total', { strategy: 'other', signal_type: 'other' }), 2);
    assert.equal(sample(m, 'trading_strategy_signal_confidence_ratio', { strategy: 'other' }), undefined);
    assert.equal(sample(m, 'trading_strategy_signal_confidence_ratio', { strategy: 's1' }), 0.1);
    assert.equal(s.budgetMetrics.snapshotsDropped.child(['signals']).value, 2);
  });

  it('rejects a bad budget flag at start-up', async () => {
    await assert.rejects(startExporter(['--limits.order-label-sets=0']), /--limits.order-label-sets: expected a number greater than 0/);
  });
});
