// Risk over real HTTP: position snapshots posted to /v1/events → exposure, utilisation against the limits
// file, mark volatility and VaR on /metrics, with the hand-computed figures of risk-maths.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertMetricsClean, tempDir } from '@vigil/test-support';
import { Clock, parseSamples, post, sample, scrape, startExporter } from './helpers.js';

const LIMITS = `
utilisation: { warning: 0.8, critical: 0.95 }
exposure:
  venue:
    binance: { gross: 200000, net: 60000 }
    kraken: { gross: 100000 }
  asset:
    BTC: { net: 80000 }
var:
  confidence: 0.99
  horizon: 1d
  window: 1h
  minReturns: 10
  portfolios:
    desk-1: { limit: 150000 }
`;

function snapshot(ts: number, symbol: string, quantity: number, markPrice: number, account = 'desk-1') {
  return { type: 'position.snapshot', ts, venue: 'binance', symbol, account, strategy: 'mm', quantity, avgPrice: 100, markPrice, unrealizedPnl: 0, realizedPnl: 0 };
}

test('exposure, utilisation, volatility and VaR from posted position snapshots; promtool clean', async (t) => {
  const dir = tempDir('vigil-risk-http-');
  const file = join(dir, 'risk.yml');
  writeFileSync(file, LIMITS);
  const t0 = Date.UTC(2026, 0, 5, 9);
  const clock = new Clock(t0 + 3_600_000);
  const ex = await startExporter([`--risk.limits-file=${file}`], clock);
  t.after(() => ex.stop());

  // 21 marks a minute apart: BTC alternates ±1% in log, ETH ±2%; both end at 100.
  // BTC: 1,000 long → +100,000; ETH: 500 short → −50,000 (as in the hand-computed two-factor case).
  const events = [];
  for (let i = 0; i <= 20; i++) {
    const ts = t0 + i * 60_000;
    events.push(snapshot(ts, 'BTC/USDT', 1000, 100 * Math.exp(i % 2 === 0 ? 0 : 0.01)));
    events.push(snapshot(ts, 'ETH/USDT', -500, 100 * Math.exp(i % 2 === 0 ? 0 : 0.02)));
  }
  // An older snapshot arriving late changes nothing.
  events.push(snapshot(t0 - 60_000, 'BTC/USDT', 99_999, 1));
  const r = await post(ex.url, events);
  assert.equal(r.status, 202, JSON.stringify(r.json));

  const text = await scrape(ex.url);
  const m = parseSamples(text);
  const near = (v: number | undefined, expected: number, tol: number, what: string) =>
    assert.ok(v !== undefined && Math.abs(v - expected) <= tol, `${what}: expected ${expected}, got ${v}`);
  near(sample(m, 'trading_exposure_gross_notional', { scope: 'venue', name: 'binance' }), 150_000, 1e-6, 'gross binance');
  near(sample(m, 'trading_exposure_net_notional', { scope: 'venue', name: 'binance' }), 50_000, 1e-6, 'net binance');
  near(sample(m, 'trading_exposure_net_notional', { scope: 'asset', name: 'ETH' }), -50_000, 1e-6, 'net ETH');
  near(sample(m, 'trading_exposure_gross_notional', { scope: 'strategy', name: 'mm' }), 150_000, 1e-6, 'gross mm');
  // 150,000 / 200,000 and 50,000 / 60,000; kraken has a limit but no position; BTC net 100,000 / 80,000.
  near(sample(m, 'trading_exposure_limit_utilisation_ratio', { scope: 'venue', name: 'binance', measure: 'gross' }), 0.75, 1e-12, 'gross utilisation');
  near(sample(m, 'trading_exposure_limit_utilisation_ratio', { scope: 'venue', name: 'binance', measure: 'net' }), 50_000 / 60_000, 1e-12, 'net utilisation');
  assert.equal(sample(m, 'trading_exposure_limit_utilisation_ratio', { scope: 'venue', name: 'kraken', measure: 'gross' }), 0);
  near(sample(m, 'trading_exposure_limit_utilisation_ratio', { scope: 'asset', name: 'BTC', measure: 'net' }), 1.25, 1e-12, 'BTC over its limit');
  assert.equal(sample(m, 'trading_exposure_limit_notional', { scope: 'venue', name: 'binance', measure: 'net' }), 60_000);
  assert.equal(sample(m, 'trading_risk_utilisation_threshold_ratio', { severity: 'critical' }), 0.95);
  near(sample(m, 'trading_mark_price_volatility_ratio', { venue: 'binance', symbol: 'BTC/USDT' }), 0.379473319, 1e-8, 'BTC 1d σ');
  near(sample(m, 'trading_mark_price_volatility_ratio', { venue: 'binance', symbol: 'ETH/USDT' }), 0.758946638, 1e-8, 'ETH 1d σ');
  // Undiversified 99% 1d VaR: 2.326347874 × (100,000 × 0.379473 + 50,000 × 0.758947) = 176,557.39.
  near(sample(m, 'trading_portfolio_value_at_risk', { account: 'desk-1' }), 176_557.39, 0.01, 'VaR');
  assert.equal(sample(m, 'trading_portfolio_value_at_risk_limit', { account: 'desk-1' }), 150_000);
  assert.equal(sample(m, 'trading_portfolio_value_at_risk_unpriced_positions', { account: 'desk-1' }), 0);
  assert.equal(sample(m, 'trading_value_at_risk_horizon_seconds'), 86_400);
  assertMetricsClean(text, 'the risk metrics');

  // A new account with a single snapshot: its position is in exposure but not yet priced (too few marks) ...
  const t1 = t0 + 21 * 60_000;
  assert.equal((await post(ex.url, [{ ...snapshot(t1, 'SOL/USDT', 10, 150, 'desk-2') }])).status, 202);
  const m2 = parseSamples(await scrape(ex.url));
  assert.equal(sample(m2, 'trading_portfolio_value_at_risk_unpriced_positions', { account: 'desk-2' }), 1);
  assert.equal(sample(m2, 'trading_portfolio_value_at_risk', { account: 'desk-2' }), 0);
  near(sample(m2, 'trading_exposure_gross_notional', { scope: 'venue', name: 'binance' }), 151_500, 1e-6, 'gross with desk-2');
  // ... and a closed position (quantity 0) leaves the exposure.
  assert.equal((await post(ex.url, [snapshot(t1, 'BTC/USDT', 0, 100)])).status, 202);
  const m3 = parseSamples(await scrape(ex.url));
  near(sample(m3, 'trading_exposure_gross_notional', { scope: 'asset', name: 'BTC' }), 0, 1e-9, 'BTC closed');
  near(sample(m3, 'trading_portfolio_value_at_risk', { account: 'desk-1' }), 2.326347874 * 50_000 * 0.758946638, 0.01, 'VaR of ETH alone');
});

test('without a limits file: exposure and VaR with the default model, no limits or utilisation', async (t) => {
  const ex = await startExporter();
  t.after(() => ex.stop());
  const now = Date.now();
  assert.equal((await post(ex.url, [snapshot(now, 'BTC/USDT', 2, 50_000)])).status, 202);
  const m = parseSamples(await scrape(ex.url));
  assert.equal(sample(m, 'trading_exposure_gross_notional', { scope: 'asset', name: 'BTC' }), 100_000);
  assert.equal(sample(m, 'trading_exposure_limit_utilisation_ratio'), undefined);
  assert.equal(sample(m, 'trading_value_at_risk_confidence_ratio'), 0.99);
});

test('a position removed as idle by the label-set budget leaves the exposure and the VaR too', async (t) => {
  const clock = new Clock();
  const ex = await startExporter(['--limits.label-set-idle=1m'], clock);
  t.after(() => ex.stop());
  assert.equal((await post(ex.url, [snapshot(clock.now(), 'BTC/USDT', 2, 50_000)])).status, 202);
  assert.equal(sample(parseSamples(await scrape(ex.url)), 'trading_exposure_gross_notional', { scope: 'asset', name: 'BTC' }), 100_000);
  clock.advance(5 * 60_000);
  ex.state.sweep(clock.now());
  const m = parseSamples(await scrape(ex.url));
  assert.equal(sample(m, 'trading_position_notional'), undefined, 'the position series is gone');
  assert.equal(sample(m, 'trading_exposure_gross_notional', { scope: 'asset', name: 'BTC' }), undefined, 'and its exposure');
  assert.equal(sample(m, 'trading_portfolio_value_at_risk', { account: 'desk-1' }), undefined, 'and its VaR');
});
