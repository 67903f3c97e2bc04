// The daily report against a real Prometheus holding a backfilled trading day (promtool tsdb create-blocks-from
// openmetrics): the day's realised P&L (not the running total), best and worst strategies and symbols, the
// portfolio over the day, execution by venue, risk-limit peaks and VaR, alerts with MTTA/MTTR; every figure
// hand-computed from the series below. Its HTML is rendered in Chromium (playwright-core, Debian's chromium) and
// checked as shown; UPDATE_SCREENSHOTS=1 rewrites docs/daily-report.png, the README's screenshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions, startPrometheus, tempDir, type RunningPrometheus } from '@vigil/test-support';
import { api, removeDir, startJournal, type RunningJournal } from './helpers/journal.js';
import { assertMatchesSchema } from './helpers/openapi-check.js';
import type { DailyReport } from '../src/reports/daily-report.js';
import { postWebhook, webhookPayload } from './helpers/payloads.js';

const DAY = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - 86_400_000;
const DATE = new Date(DAY).toISOString().slice(0, 10);
const MIN = 60_000;
/** Backfilled from an hour before the day to its last minute, one sample a minute. */
const minutes = Array.from({ length: 25 * 60 }, (_, i) => DAY - 60 * MIN + i * MIN);
const h = (hours: number) => DAY + hours * 3_600_000;

/** Piecewise-linear value at t through [time, value] points (flat outside them). */
function path(points: Array<[number, number]>) {
  return (t: number) => {
    if (t <= points[0][0]) return points[0][1];
    for (let i = 1; i < points.length; i++) {
      const [t1, v1] = points[i];
      const [t0, v0] = points[i - 1];
      if (t <= t1) return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
    }
    return points[points.length - 1][1];
  };
}

interface Series {
  name: string;
  labels: string;
  at: (t: number) => number | undefined;
}

const pos = (venue: string, symbol: string, strategy: string) => `venue="${venue}",account="desk-1",symbol="${symbol}",strategy="${strategy}"`;
/** A counter growing `perMinute` every minute from 0 an hour before the day: over the day it grows 1440 × perMinute. */
const counter = (perMinute: number) => (t: number) => ((t - (DAY - 60 * MIN)) / MIN) * perMinute;
// Portfolio: 1,000,000 → 1,050,000 at 08:00 → 997,500 at 16:00 (5% below the peak) → 1,010,000 at 23:59.
const portfolio = path([
  [DAY, 1_000_000],
  [h(8), 1_050_000],
  [h(16), 997_500],
  [h(23) + 59 * MIN, 1_010_000],
]);
let peak = 0;
const drawdownAt = new Map<number, number>();
for (const t of minutes) {
  peak = Math.max(peak, portfolio(t));
  drawdownAt.set(t, (peak - portfolio(t)) / peak);
}

const SERIES: Series[] = [
  // Realised P&L running totals: mm/BTC 1,000 → 1,500 (+500), momentum/ETH 2,000 → 1,200 (−800), mean-reversion/SOL
  // 0 → 100 (+100), and stat-arb/BTC opened at 12:00 with 300 realised by the end (+300). Day: +100; running total 3,100.
  { name: 'trading_realized_pnl', labels: pos('binance', 'BTC/USDT', 'mm'), at: path([[DAY, 1000], [h(23) + 59 * MIN, 1500]]) },
  { name: 'trading_realized_pnl', labels: pos('kraken', 'ETH/USDT', 'momentum'), at: path([[DAY, 2000], [h(23) + 59 * MIN, 1200]]) },
  { name: 'trading_realized_pnl', labels: pos('kraken', 'SOL/USDT', 'mean-reversion'), at: path([[DAY, 0], [h(23) + 59 * MIN, 100]]) },
  { name: 'trading_realized_pnl', labels: pos('binance', 'BTC/USDT', 'stat-arb'), at: (t) => (t < h(12) ? undefined : path([[h(12), 0], [h(23) + 59 * MIN, 300]])(t)) },
  { name: 'trading_position_unrealized_pnl', labels: pos('binance', 'BTC/USDT', 'mm'), at: () => 42 },
  { name: 'trading_portfolio_value', labels: 'account="desk-1"', at: portfolio },
  { name: 'trading_drawdown_ratio', labels: 'account="desk-1"', at: (t) => drawdownAt.get(t) },
  // binance: 2 orders/min, 0.02 rejects/min (1%); 10 requested/min, 9.8 filled (98%). kraken: 1 order/min, 0.05 rejects (5%), 90% filled.
  { name: 'trading_orders_submitted_total', labels: 'venue="binance"', at: counter(2) },
  { name: 'trading_orders_submitted_total', labels: 'venue="kraken"', at: counter(1) },
  { name: 'trading_order_rejects_total', labels: 'venue="binance",reason="rate_limited"', at: counter(0.02) },
  { name: 'trading_order_rejects_total', labels: 'venue="kraken",reason="price_band"', at: counter(0.05) },
  { name: 'trading_order_quantity_requested_total', labels: 'venue="binance"', at: counter(10) },
  { name: 'trading_order_quantity_filled_total', labels: 'venue="binance"', at: counter(9.8) },
  { name: 'trading_order_quantity_requested_total', labels: 'venue="kraken"', at: counter(5) },
  { name: 'trading_order_quantity_filled_total', labels: 'venue="kraken"', at: counter(4.5) },
  // Slippage per fill: binance adverse Σ 2e-4/min, favourable Σ 0.5e-4/min over 1 fill/min → (2 − 0.5)e-4 = 1.5 bp;
  // kraken adverse 6e-4/min, no favourable → 6 bp. Every adverse fill of binance under 5 bp, of kraken under 10 bp.
  { name: 'trading_order_slippage_adverse_ratio_sum', labels: 'venue="binance"', at: counter(2e-4) },
  { name: 'trading_order_slippage_favorable_ratio_sum', labels: 'venue="binance"', at: counter(0.5e-4) },
  { name: 'trading_order_slippage_adverse_ratio_count', labels: 'venue="binance"', at: counter(1) },
  { name: 'trading_order_slippage_adverse_ratio_sum', labels: 'venue="kraken"', at: counter(6e-4) },
  { name: 'trading_order_slippage_favorable_ratio_sum', labels: 'venue="kraken"', at: counter(0) },
  { name: 'trading_order_slippage_adverse_ratio_count', labels: 'venue="kraken"', at: counter(1) },
  { name: 'trading_order_slippage_adverse_ratio_bucket', labels: 'venue="binance",le="0.0005"', at: counter(1) },
  { name: 'trading_order_slippage_adverse_ratio_bucket', labels: 'venue="binance",le="+Inf"', at: counter(1) },
  { name: 'trading_order_slippage_adverse_ratio_bucket', labels: 'venue="kraken",le="0.0005"', at: counter(0) },
  { name: 'trading_order_slippage_adverse_ratio_bucket', labels: 'venue="kraken",le="0.001"', at: counter(1) },
  { name: 'trading_order_slippage_adverse_ratio_bucket', labels: 'venue="kraken",le="+Inf"', at: counter(1) },
  // Risk: binance gross at 50% but 92% from 14:00 to 15:00; BTC net 30%; VaR peaks at 180,000 (limit 150,000) at 10:00.
  { name: 'trading_exposure_limit_utilisation_ratio', labels: 'scope="venue",name="binance",measure="gross"', at: (t) => (t >= h(14) && t <= h(15) ? 0.92 : 0.5) },
  { name: 'trading_exposure_limit_utilisation_ratio', labels: 'scope="asset",name="BTC",measure="net"', at: () => 0.3 },
  { name: 'trading_portfolio_value_at_risk', labels: 'account="desk-1"', at: path([[DAY, 90_000], [h(10), 180_000], [h(20), 100_000]]) },
  { name: 'trading_portfolio_value_at_risk_limit', labels: 'account="desk-1"', at: () => 150_000 },
];

function openMetrics(): string {
  const lines: string[] = [];
  const names = [...new Set(SERIES.map((s) => s.name))];
  for (const name of names) {
    lines.push(`# TYPE ${name} unknown`);
    for (const s of SERIES.filter((x) => x.name === name)) {
      for (const t of minutes) {
        const v = s.at(t);
        if (v !== undefined) lines.push(`${name}{${s.labels}} ${v} ${t / 1000}`);
      }
    }
  }
  return [...lines, '# EOF', ''].join('\n');
}

let prom: RunningPrometheus;
let journal: RunningJournal;
let dir: string;

test.before(async () => {
  dir = tempDir('vigil-report-');
  prom = await startPrometheus({ config: { global: { scrape_interval: '1m' } }, backfill: openMetrics(), args: ['--storage.tsdb.retention.time=30d'] });
  journal = await startJournal([], { PROMETHEUS_URL: prom.url });
});

test.after(async () => {
  await journal?.stop();
  if (journal) removeDir(journal.dir);
  await prom?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("the day's report: P&L of the day, best and worst, portfolio, execution by venue, risk, alerts", { timeout: 120_000 }, async () => {
  // Two alerts of the day: a critical one resolved after 20 minutes, a warning resolved after an hour.
  const crit = new Date(h(9)).toISOString();
  const warn = new Date(h(14)).toISOString();
  await postWebhook(journal.url, webhookPayload([{ fingerprint: 'c1', startsAt: crit, alertname: 'ExposureLimitUtilisationHigh', labels: { severity: 'critical' } }]));
  assert.equal((await api(journal.url, '/api/v1/alerts/c1/ack', { method: 'POST', json: { owner: 'ana' } })).status, 200);
  await postWebhook(journal.url, webhookPayload([{ fingerprint: 'c1', startsAt: crit, endsAt: new Date(h(9) + 20 * MIN).toISOString(), status: 'resolved', alertname: 'ExposureLimitUtilisationHigh', labels: { severity: 'critical' } }]));
  const w = await postWebhook(journal.url, webhookPayload([{ fingerprint: 'beef', startsAt: warn, alertname: 'LowFillRate' }]));
  assert.equal(w.status, 200, JSON.stringify(w.body));
  await postWebhook(journal.url, webhookPayload([{ fingerprint: 'beef', startsAt: warn, endsAt: new Date(h(15)).toISOString(), status: 'resolved', alertname: 'LowFillRate' }]));

  const r = await api(journal.url, '/api/v1/reports/daily', { method: 'POST', json: { date: DATE, send: false } });
  assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 400));
  assertMatchesSchema('DailyReport', r.body);
  const b = r.body as unknown as DailyReport;
  assert.equal(b.prometheus_error, null);
  const near = (v: number | null, expected: number, tol: number, what: string) => assert.ok(v !== null && Math.abs(v - expected) <= tol, `${what}: expected ${expected}, got ${v}`);

  // P&L of the day: +500 − 800 + 100 + 300 = +100 (the running total at the end is 3,100).
  near(b.day.pnl.realised, 100, 1e-6, 'realised P&L of the day');
  assert.deepEqual(
    b.day.pnl.strategies.map((s) => [s.name, Math.round(s.pnl)]),
    [['mm', 500], ['stat-arb', 300], ['mean-reversion', 100], ['momentum', -800]],
  );
  assert.deepEqual(b.day.pnl.symbols.map((s) => [s.name, Math.round(s.pnl)]), [['BTC/USDT', 800], ['SOL/USDT', 100], ['ETH/USDT', -800]]);
  const trading = Object.fromEntries(b.trading.map((f) => [f.name, f.value]));
  near(trading['realised P&L (day)'], 100, 1e-6, 'headline figure');
  near(trading['worst drawdown (day)'], 0.05, 1e-9, 'worst drawdown');

  // Portfolio: start 1,000,000, low 997,500, high 1,050,000, end 1,010,000, worst drawdown (1,050,000 − 997,500) / 1,050,000 = 5%.
  assert.equal(b.day.portfolio.length, 1);
  const p = b.day.portfolio[0];
  assert.equal(p.account, 'desk-1');
  near(p.start, 1_000_000, 1e-6, 'start');
  near(p.low, 997_500, 1e-6, 'low');
  near(p.high, 1_050_000, 1e-6, 'high');
  near(p.end, 1_010_000, 1e-6, 'end');
  near(p.worst_drawdown_ratio, 0.05, 1e-9, 'drawdown');

  // Execution: binance 2,880 orders, 28.8 rejects (1%), fill 98%, 1.5 bp; kraken 1,440 orders, 72 rejects (5%), 90%, 6 bp.
  const venue = (name: string) => b.day.execution.find((e) => e.venue === name)!;
  near(venue('binance').orders, 2880, 1e-6, 'binance orders');
  near(venue('binance').reject_ratio, 0.01, 1e-9, 'binance rejects');
  near(venue('binance').fill_ratio, 0.98, 1e-9, 'binance fill');
  near(venue('binance').slippage_bps, 1.5, 1e-6, 'binance slippage');
  near(venue('kraken').rejects, 72, 1e-6, 'kraken rejects');
  near(venue('kraken').reject_ratio, 0.05, 1e-9, 'kraken reject ratio');
  near(venue('kraken').fill_ratio, 0.9, 1e-9, 'kraken fill');
  near(venue('kraken').slippage_bps, 6, 1e-6, 'kraken slippage');
  // p95 of kraken's adverse fills, all between 5 and 10 bp: 5 + 5 × 0.95 = 9.75 bp.
  near(venue('kraken').adverse_p95_bps, 9.75, 1e-6, 'kraken adverse p95');

  // Risk: binance gross peaked at 92%, BTC net 30%; VaR peaked at 180,000 against 150,000.
  assert.deepEqual(
    b.day.risk.utilisation.map((u) => [u.scope, u.name, u.max_ratio]),
    [['venue', 'binance', 0.92], ['asset', 'BTC', 0.3]],
  );
  near(b.day.risk.var[0].max, 180_000, 1e-6, 'VaR peak');
  assert.equal(b.day.risk.var[0].limit, 150_000);

  // Alerts: 2 occurrences, MTTR (20 + 60) / 2 = 40 minutes.
  assert.equal(b.occurrences, 2, JSON.stringify(b.alerts));
  assert.deepEqual(b.alerts_by_severity, { critical: 1, warning: 1 });
  near(b.mttr_seconds, 2400, 1, 'MTTR');
  // Acknowledged by ana when this test ran: MTTA is measured from 09:00 of the report's day to now.
  assert.ok((b.mtta_seconds as number) > 15 * 3600, `MTTA ${b.mtta_seconds}`);
  assert.equal(b.alerts.find((a) => a.alertname === 'ExposureLimitUtilisationHigh')?.owner, 'ana');
  assert.match(b.text, /P&L: realised today 100\b/);
  assert.match(b.text, /best strategies: mm 500, stat-arb 300, mean-reversion 100/);
  assert.match(b.text, /worst strategies: momentum -800/);
  assert.match(b.text, /kraken: 1440 orders, 72 rejects \(5\.00%\), fill 90\.00%, slippage 6\.00 bp/);

  // The HTML as a mail client would show it, in Chromium.
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 960, height: 900 } });
    await page.setContent(b.html);
    const body = await page.innerText('body');
    assert.match(body, new RegExp(`Vigil daily report ${DATE}: 2 alert occurrence\\(s\\)`));
    assert.match(body, /100\.00\s*Realised P&L of the day/);
    assert.match(body, /momentum\s*-800\.00/);
    assert.match(body, /kraken\s*1,440\s*72\s*5\.00%\s*90\.00%\s*6\.00 bp\s*9\.75 bp/);
    assert.match(body, /venue\s*binance\s*gross\s*92\.0%/);
    assert.match(body, /ExposureLimitUtilisationHigh\s*critical/);
    assert.match(body, /MTTR/);
    // Laid out, not collapsed: the execution table is as wide as its card.
    const width = await page.locator('table').nth(3).evaluate((t) => t.getBoundingClientRect().width);
    assert.ok(width > 700, `execution table ${width}px wide`);
    const shot = process.env.UPDATE_SCREENSHOTS ? new URL('../docs/daily-report.png', import.meta.url).pathname : join(dir, 'daily-report.png');
    await page.screenshot({ path: shot, fullPage: true });
  } finally {
    await browser.close();
  }
});
