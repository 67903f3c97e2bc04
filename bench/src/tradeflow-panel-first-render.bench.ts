// First render of the trade-flow panel on the frames of its 18 queries (one frame per series, histogram buckets and
// counters) against @grafana/ui components rendering the same frames, on the plugin host page in headless Debian
// Chromium. Two desks in one run (bench/README.md says why):
// - the 20 venues × 50 symbols × 8 strategies (8,000 order label sets, 824,000 frames): the panel against
//   UPlotChart bars of the same frames; target tradeflow_panel_vs_grafana_first_render_ratio <= 1.5;
// - 4 × 10 × 8 (32,960 frames), small enough for TimeSeries: the panel against the bars, TimeSeries, and both.
// Needs `npm run build -w @vigil/plugin-host` (which builds the plugin first). Run: npm run bench -w bench -- tradeflow-panel
import { buildExporter } from '@vigil/exporter-kit';
import { chromium, type Browser } from 'playwright-core';

import { hostOptions, type TradeflowBenchResult } from '@vigil/plugin-host';
import { chromiumLaunchOptions } from '@vigil/test-support';

interface Desk {
  venues: number;
  symbols: number;
  strategies: number;
}

const desk = (env: string | undefined, fallback: string): Desk => {
  const [venues, symbols, strategies] = (env ?? fallback).split(',').map(Number);
  return { venues, symbols, strategies };
};
// TRADEFLOW_BENCH_DESK / _SMALL_DESK = venues,symbols,strategies; _ROUNDS / _SMALL_ROUNDS rounds after a warm-up.
const FULL = desk(process.env.TRADEFLOW_BENCH_DESK, '20,50,8');
const SMALL = desk(process.env.TRADEFLOW_BENCH_SMALL_DESK, '4,10,8');
const FULL_ROUNDS = Number(process.env.TRADEFLOW_BENCH_ROUNDS ?? 3);
const SMALL_ROUNDS = Number(process.env.TRADEFLOW_BENCH_SMALL_ROUNDS ?? 5);

async function run(browser: Browser, url: string, d: Desk, rounds: number, timeSeries: boolean): Promise<TradeflowBenchResult> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1300 } });
  try {
    const params = new URLSearchParams({
      scenario: 'tradeflow',
      bench: 'tradeflow-first-render',
      rounds: String(rounds),
      editor: '0',
      timeseries: timeSeries ? '1' : '0',
      venues: String(d.venues),
      symbols: String(d.symbols),
      strategies: String(d.strategies),
    });
    await page.goto(`${url}/host/?${params}`);
    // Page-side expressions as strings: this workspace compiles without the DOM library.
    await page.waitForFunction('document.body.dataset.hostState !== "loading"', undefined, { timeout: 1_200_000, polling: 1000 });
    const state = await page.evaluate('document.body.dataset.hostState');
    if (state !== 'ready') {
      throw new Error(`host page: ${await page.evaluate('JSON.stringify(window.__vigilHost)')}`);
    }
    const r = (await page.evaluate('window.__vigilBench')) as TradeflowBenchResult;
    // The panel must have drawn the data: the slippage chart, and a scorecard and a latency row per venue.
    if (r.panelCanvases < 1 || r.scorecardRows !== d.venues || r.latencyRows !== d.venues) {
      throw new Error(
        `the panel drew ${r.panelCanvases} charts, ${r.scorecardRows} scorecard and ${r.latencyRows} latency rows; expected a chart and ${d.venues} venues`,
      );
    }
    return r;
  } finally {
    await page.close();
  }
}

const ratio = (a: number, b: number) => (a / b).toFixed(3);
const { exporter } = await buildExporter(hostOptions, ['--web.listen-address=127.0.0.1:0', '--log.level=warn'], {});
const { url } = await exporter.start();
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const full = await run(browser, url, FULL, FULL_ROUNDS, false);
  const small = await run(browser, url, SMALL, SMALL_ROUNDS, true);
  const lines: Array<[string, string | number]> = [
    ['tradeflow_panel_first_render_desk', `${FULL.venues}x${FULL.symbols}x${FULL.strategies}`],
    ['tradeflow_panel_first_render_frames', full.frames],
    ['tradeflow_panel_first_render_rounds', FULL_ROUNDS],
    ['tradeflow_panel_first_render_median_ms', full.panelMedianMs.toFixed(1)],
    ['grafana_bars_first_render_median_ms', full.barsMedianMs.toFixed(1)],
    ['grafana_bars_without_field_overrides_first_render_median_ms', full.barsRawMedianMs.toFixed(1)],
    ['tradeflow_panel_vs_grafana_first_render_ratio', ratio(full.panelMedianMs, full.barsMedianMs)],
    ['tradeflow_panel_vs_bars_without_field_overrides_first_render_ratio', ratio(full.panelMedianMs, full.barsRawMedianMs)],
    ['tradeflow_panel_small_desk', `${SMALL.venues}x${SMALL.symbols}x${SMALL.strategies}`],
    ['tradeflow_panel_small_frames', small.frames],
    ['tradeflow_panel_small_rounds', SMALL_ROUNDS],
    ['tradeflow_panel_small_first_render_median_ms', small.panelMedianMs.toFixed(1)],
    ['grafana_bars_small_first_render_median_ms', small.barsMedianMs.toFixed(1)],
    ['grafana_bars_without_field_overrides_small_first_render_median_ms', small.barsRawMedianMs.toFixed(1)],
    ['grafana_timeseries_small_first_render_median_ms', small.timeSeriesMedianMs.toFixed(1)],
    ['tradeflow_panel_small_vs_grafana_bars_first_render_ratio', ratio(small.panelMedianMs, small.barsMedianMs)],
    ['tradeflow_panel_small_vs_grafana_timeseries_first_render_ratio', ratio(small.panelMedianMs, small.timeSeriesMedianMs)],
    [
      'tradeflow_panel_small_vs_grafana_bars_plus_timeseries_first_render_ratio',
      ratio(small.panelMedianMs, small.barsMedianMs + small.timeSeriesMedianMs),
    ],
    ['tradeflow_panel_target_ratio_max', 1.5],
    ['tradeflow_panel_target_met', full.panelMedianMs / full.barsMedianMs <= 1.5 ? 1 : 0],
  ];
  for (const [name, value] of lines) console.log(`${name}=${value}`);
} finally {
  await browser.close();
  await exporter.shutdown('bench done');
}
