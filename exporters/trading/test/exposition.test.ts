// Every trading family from DESIGN.md is exposed once each event type has been seen, and real promtool
// accepts the whole exposition (names, units, _total counters, histogram shape).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertMetricsClean } from '@vigil/test-support';
import { filled, parseSamples, post, sample, scrape, startExporter, submitted } from './helpers.js';

const DESIGN_NAMES = [
  'trading_orders_submitted_total',
  'trading_orders_completed_total',
  'trading_order_quantity_requested_total',
  'trading_order_quantity_filled_total',
  'trading_order_rejects_total',
  'trading_fees_paid_total',
  'trading_order_ack_duration_seconds',
  'trading_order_first_fill_duration_seconds',
  'trading_order_completion_duration_seconds',
  'trading_order_fill_ratio',
  'trading_order_slippage_adverse_ratio',
  'trading_order_slippage_favorable_ratio',
  'trading_position_quantity',
  'trading_position_notional',
  'trading_position_unrealized_pnl',
  'trading_realized_pnl',
  'trading_balance_free',
  'trading_balance_used',
  'trading_portfolio_value',
  'trading_portfolio_peak_value',
  'trading_drawdown_ratio',
  'trading_max_drawdown_ratio',
  'trading_model_inference_duration_seconds',
  'trading_model_predictions_total',
  'trading_model_accuracy_ratio',
  // Not in DESIGN.md's list: the strategy-engine SLO's histogram (provisioning/slo/specs/strategy-engine.yml).
  'trading_strategy_execution_duration_seconds',
  'trading_exporter_build_info',
  'trading_events_received_total',
  'trading_events_rejected_total',
  'trading_series_dropped_total',
  // Execution quality (issue 16): the trade-flow panel reads these.
  'trading_fill_markout_ratio',
  'trading_fill_markout_adverse_ratio_total',
  'trading_fill_markout_favorable_ratio_total',
  'trading_fill_markouts_unmeasured_total',
  'trading_fill_markouts_dropped_total',
  'trading_fill_markouts_pending',
  'trading_market_quotes_dropped_total',
  'trading_order_transitions_total',
  'trading_order_transition_quantity_total',
  'trading_order_implementation_shortfall_ratio',
  'trading_order_implementation_shortfall_adverse_ratio_total',
  'trading_order_implementation_shortfall_favorable_ratio_total',
];

describe('exposition', () => {
  it('exposes every DESIGN.md trading family and passes promtool check metrics', async () => {
    const ex = await startExporter(['--orders.grace-period=10ms']);
    try {
      const now = Date.now();
      const r = await post(ex.url, [
        submitted('o1', now - 1000),
        { type: 'order.acknowledged', ts: now - 990, orderId: 'o1' },
        filled('o1', now - 900, 'f1', 2, 100.05, { fee: 0.2, feeCurrency: 'USDT', liquidity: 'taker' }),
        submitted('o2', now - 1000, { side: 'sell', orderType: 'market' }),
        { type: 'order.rejected', ts: now - 999, orderId: 'o2', reason: 'price out of band' },
        { type: 'position.snapshot', ts: now, venue: 'binance', symbol: 'BTC/USDT', account: 'desk', quantity: -0.5, avgPrice: 100, markPrice: 101, unrealizedPnl: -0.5, realizedPnl: 12 },
        { type: 'balance.snapshot', ts: now, venue: 'binance', account: 'desk', currency: 'USDT', free: 900, used: 100, portfolioValue: 1000 },
        { type: 'model.prediction', ts: now, model: 'alpha', version: '3', latencySeconds: 0.004 },
        { type: 'model.outcome', ts: now, model: 'alpha', version: '3', correct: true },
        { type: 'model.outcome', ts: now, model: 'alpha', version: '3', correct: false },
        { type: 'strategy.signal', ts: now, strategy: 'momentum', signalType: 'enter_long', confidence: 0.7, executionSeconds: 0.08 },
        { type: 'backtest.completed', ts: now, strategy: 'momentum', sharpe: 1.4, maxDrawdown: 0.12, totalReturn: 0.3 },
        { type: 'market.quote', ts: now - 950, venue: 'binance', symbol: 'BTC/USDT', bid: 99.9, ask: 100.1, bidSize: 2, askSize: 3 },
      ]);
      assert.equal(r.status, 202, JSON.stringify(r.json));
      await new Promise((res) => setTimeout(res, 50));
      const text = await scrape(ex.url);
      const names = new Set(text.split('\n').filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]));
      for (const n of DESIGN_NAMES) assert.ok(names.has(n), `missing ${n}`);
      const m = parseSamples(text);
      assert.equal(sample(m, 'trading_model_accuracy_ratio', { window: '5m' }), 0.5);
      assert.equal(sample(m, 'trading_position_notional'), -50.5);
      assert.equal(sample(m, 'trading_order_rejects_total', { reason: 'price out of band' }), 1);
      assert.equal(sample(m, 'trading_exporter_scrape_collector_success', { collector: 'orders' }), 1);
      assertMetricsClean(text);
      // Help texts stay ASCII: one character past Latin-1 (a "−" in a help text did it) makes V8 hold the whole
      // joined body as UTF-16, twice the memory, and encoding it for every scrape cost 10-20% of /metrics time.
      const wide = [...text].filter((c) => c.charCodeAt(0) > 0x7e);
      assert.deepEqual(wide, [], 'non-ASCII characters in the exposition (label values here are ASCII)');
      // OpenMetrics too, for scrapers that ask for it.
      const om = await fetch(`${ex.url}/metrics`, { headers: { accept: 'application/openmetrics-text; version=1.0.0' } });
      const omText = await om.text();
      assert.match(omText, /# EOF\n$/);
      assert.match(omText, /trading_orders_submitted_total\{/);
    } finally {
      await ex.stop();
    }
  });
});
