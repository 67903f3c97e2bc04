// First render of the SLO burn-rate panel (7 SLOs × 30 days of 1-minute recorded series) against @grafana/ui's
// TimeSeries rendering the same frames, on the same plugin host page in headless Debian Chromium.
// Target: slo_panel_vs_timeseries_first_render_ratio <= 1.5. Needs `npm run build -w @vigil/plugin-host` (which
// builds the plugin first). Run: npm run bench -w bench -- slo-panel
import { buildExporter } from '@vigil/exporter-kit';
import { chromium } from 'playwright-core';

import { hostOptions, type BenchResult } from '@vigil/plugin-host';
import { chromiumLaunchOptions } from '@vigil/test-support';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);


const { exporter } = await buildExporter(
  hostOptions,
  ['--web.listen-address=127.0.0.1:0', '--log.level=warn'],
  {},
);
const { url } = await exporter.start();
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1300 } });
  await page.goto(`${url}/host/?scenario=slo-burnrate&bench=first-render&rounds=${ROUNDS}&editor=0`);
  // Page-side expressions as strings: this workspace compiles without the DOM library.
  await page.waitForFunction('document.body.dataset.hostState !== "loading"', undefined, {
    timeout: 300_000,
  });
  const state = await page.evaluate('document.body.dataset.hostState');
  if (state !== 'ready') {
    throw new Error(`host page: ${await page.evaluate('JSON.stringify(window.__vigilHost)')}`);
  }
  const r = (await page.evaluate('window.__vigilBench')) as BenchResult;
  if (r.panelCanvases < 7) {
    throw new Error(
      `the panel drew ${r.panelCanvases} charts, expected one per SLO (7): it did not render the data`,
    );
  }
  console.log(`slo_panel_first_render_points=${r.points}`);
  console.log(`slo_panel_first_render_canvases=${r.panelCanvases}`);
  console.log(`slo_panel_first_render_rounds=${ROUNDS}`);
  console.log(`slo_panel_first_render_median_ms=${r.panelMedianMs.toFixed(1)}`);
  console.log(`timeseries_first_render_median_ms=${r.timeSeriesMedianMs.toFixed(1)}`);
  console.log(
    `slo_panel_vs_timeseries_first_render_ratio=${(r.panelMedianMs / r.timeSeriesMedianMs).toFixed(3)}`,
  );
} finally {
  await browser.close();
  await exporter.shutdown('bench done');
}
