import { expect, test } from '@playwright/test';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promtoolCheckMetrics, repoRoot, type RunningPrometheus } from '@vigil/test-support';

import { burnOpenMetrics } from './support/burnSeries.js';
import { startHost } from './support/host.js';
import { startSloPrometheus } from './support/prometheus.js';

// The rules the SLO generator of provisioning/slo wrote for the trading gateway (availability and latency).
const RULES = join(repoRoot(), 'provisioning', 'slo', 'rules', 'slo-trading-gateway.yml');
const SLO = 'trading-gateway-availability';
const QUIET_SLO = 'trading-gateway-latency';
// The plugin's test ids, shared with its Jest tests. The plugin package is CommonJS, so it is required (through
// Playwright's TypeScript hook) rather than imported.
const { testIds } = createRequire(import.meta.url)(
  '@vigil/slo-burnrate-panel/test-ids',
) as typeof import('@vigil/slo-burnrate-panel/test-ids');

let prom: RunningPrometheus;
let host: { url: string; stop: () => Promise<void> };
let counts: { total: number; errors: number };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const now = Date.now();
  const series = burnOpenMetrics(now - 20_000);
  counts = series;
  // The raw counters and the budget history the rules would have recorded are backfilled; the rules take over
  // from when this Prometheus starts (evaluating 30 days of nested rules with promtool takes minutes on 2 cores).
  prom = await startSloPrometheus({ openMetrics: series.text, ruleFiles: [RULES] });
  host = await startHost(prom.url);
});

test.afterAll(async () => {
  await host?.stop();
  await prom?.stop();
});

async function expectedBudget(toMs: number): Promise<number> {
  const [sample] = await prom.query(`slo:period_error_budget_remaining:ratio{slo="${SLO}"}`, toMs / 1000);
  return Number(sample.value[1]);
}

for (const theme of ['dark', 'light'] as const) {
  test(`${theme} theme: the panel loaded through SystemJS shows the page condition, the budget and the chart`, async ({
    page,
  }, testInfo) => {
    // Not rounded down: an instant before the budget group's first evaluation would have no budget yet.
    const to = Date.now();
    const remaining = await expectedBudget(to);
    // The backfilled counters alone say the same within Prometheus' increase() extrapolation.
    expect(remaining).toBeCloseTo(1 - counts.errors / counts.total / 0.005, 1);

    await page.goto(`${host.url}/host/?scenario=slo-burnrate&theme=${theme}&to=${to}`);
    await expect(page.locator('body')).toHaveAttribute('data-host-state', 'ready');
    await expect(page.getByTestId(testIds.condition(SLO))).toHaveText('PAGE');
    await expect(page.getByTestId(testIds.condition(QUIET_SLO))).toHaveText('OK');
    await expect(page.getByTestId(testIds.budget(SLO))).toHaveText(`${(remaining * 100).toFixed(1)}%`);
    await expect(page.getByTestId(testIds.burn(SLO, '5m'))).toHaveAttribute('data-severity', 'page');
    await expect(page.getByTestId(testIds.burn(SLO, '1h'))).toHaveAttribute('data-severity', 'page');
    const chart = page.getByTestId(testIds.chart(SLO));
    await expect(chart.locator('canvas').first()).toBeVisible();
    // 30 days at the scenario's 1-hour step (≈ 720 samples: the backfilled history, then the live rules), which
    // the chart thins to at most two points per pixel column: so at least one per column of its width.
    const columns = Math.floor((await chart.boundingBox())!.width);
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(Math.min(700, columns));

    // module.js came through SystemJS, its imports resolved to the host's shared modules.
    const registry = await page.evaluate(() => {
      const sys = (window as unknown as { System: { entries(): Iterable<[string, unknown]> } }).System;
      return [...sys.entries()].map(([id]) => id);
    });
    expect(registry).toEqual(
      expect.arrayContaining([
        'package:react',
        'package:@grafana/ui',
        `${host.url}/plugins/vigil-sloburnrate-panel/module.js`,
      ]),
    );

    await page.screenshot({ path: testInfo.outputPath(`slo-panel-${theme}.png`), fullPage: true });
  });
}

test('the options editor switches the layout to the table', async ({ page }) => {
  await page.goto(`${host.url}/host/?scenario=slo-burnrate&theme=dark`);
  await expect(page.locator('body')).toHaveAttribute('data-host-state', 'ready');
  await expect(page.getByTestId(testIds.queries)).toContainText('slo:(sli_error:ratio_rate.+');
  await page.getByTestId('host-options-editor').getByRole('radio', { name: 'Table' }).click();
  await expect(page.getByTestId(testIds.row(SLO))).toContainText('PAGE');
});

test('names the missing series when the query returns only some of them', async ({ page }) => {
  await page.goto(
    `${host.url}/host/?scenario=slo-burnrate&expr=${encodeURIComponent('slo:sli_error:ratio_rate5m')}`,
  );
  await expect(page.locator('body')).toHaveAttribute('data-host-state', 'ready');
  await expect(page.getByTestId(testIds.missing(SLO))).toContainText('slo:sli_error:ratio_rate30m');
  await expect(page.getByTestId(testIds.missing(SLO))).toContainText(
    'slo:period_error_budget_remaining:ratio',
  );
});

test('a bad query is reported with Prometheus’ own message, not a blank page', async ({ page }) => {
  await page.goto(`${host.url}/host/?scenario=slo-burnrate&expr=${encodeURIComponent('rate(')}`);
  await expect(page.locator('body')).toHaveAttribute('data-host-state', 'error');
  await expect(page.getByTestId('host-error')).toContainText('query A (rate(): ');
});

test('the server refuses non-read Prometheus paths with a 400 naming the path, counts it, and exposes clean metrics', async ({
  request,
}) => {
  const refused = await request.post(`${host.url}/api/prom/api/v1/admin/tsdb/delete_series`);
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error).toContain(
    'path: POST /api/prom/api/v1/admin/tsdb/delete_series is not proxied',
  );
  const proxied = await request.get(`${host.url}/api/prom/api/v1/query?query=up`);
  expect(proxied.status()).toBe(200);

  const metrics = await (await request.get(`${host.url}/metrics`)).text();
  expect(metrics).toMatch(/^vigil_plugin_host_prometheus_proxy_requests_total\{outcome="rejected"\} 1$/m);
  expect(metrics).toMatch(/^vigil_plugin_host_prometheus_proxy_requests_total\{outcome="ok"\} [1-9]\d*$/m);
  const check = promtoolCheckMetrics(metrics);
  expect(check.output.trim()).toBe('');
  expect(check.status).toBe(0);
});
