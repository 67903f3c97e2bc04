// The alerts app's alert list with 5,000 alerts in 500 Alertmanager groups from a real Alertmanager 0.25, in
// headless Debian Chromium, against two references in the same page and run: the same alerts as a plain HTML table
// built with DOM calls (no framework: the floor; target app <= 2x) and @grafana/ui's Table fed the same rows
// (target app <= 1.0x). Each side is timed from fetching the groups through the app's proxy route to the frame after
// the rows it shows first were committed (the app: those filling the window; the references: theirs), rounds
// alternating; then filter-to-repaint (one alert name: 10 rows) for all three.
// Needs the plugin host and the app built. Run: npm run bench -w bench -- alerts-app
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildExporter } from '@vigil/exporter-kit';
import { chromium } from 'playwright-core';

import { hostOptions } from '@vigil/plugin-host';
import { chromiumLaunchOptions, startAlertmanager, tempDir } from '@vigil/test-support';

import { median } from './stats.js';

// Rounds per run: a run's first-render ratio of 5 rounds moved by up to ±0.5 within one run of 30 (per-round times
// scatter 140-1,600 ms on the shared machine), of 15 by about ±0.15 (bench/README, alerts-app, fifth session), so 15
// alternated rounds of each side; filter-to-repaint keeps 5 (each of its rounds also renders the full list).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const FILTER_ROUNDS = Number(process.env.BENCH_FILTER_ROUNDS ?? 5);
const NAMES = 500;
const PER_NAME = 10;
const ALERTS = NAMES * PER_NAME;
// The app's first render is done when the rows that fill the window are painted, as @grafana/ui's virtualised
// Table's is when the rows of its viewport are. It then renders the rest of its first page (25 rows) and adds more as
// the end scrolls into view; the page side waits (untimed) for those 25 rows, which also checks the build.
const APP_FIRST_PAGE = 25;

const am = await startAlertmanager({
  config: 'route:\n  receiver: none\n  group_by: [alertname]\nreceivers:\n  - name: none\n',
});
const dir = tempDir('vigil-alerts-bench-');
let exporter: Awaited<ReturnType<typeof buildExporter>>['exporter'] | undefined;
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const endsAt = new Date(Date.now() + 3_600_000).toISOString();
  for (let n = 0; n < NAMES; n += 50) {
    const batch = [];
    for (let i = n; i < n + 50; i++) {
      for (let k = 0; k < PER_NAME; k++) {
        const alertname = `BenchAlert${String(i).padStart(3, '0')}`;
        batch.push({
          labels: { alertname, severity: k % 3 ? 'warning' : 'critical', venue: `venue-${k}`, instance: `host-${k}:9100` },
          annotations: { summary: `${alertname} on host-${k}` },
          endsAt,
        });
      }
    }
    await am.postAlerts(batch);
  }
  // Alertmanager aggregates posted alerts into groups asynchronously: poll (with a deadline) until all are there.
  let groups: unknown[] = [];
  for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 200))) {
    groups = (await (await fetch(`${am.url}/api/v2/alerts/groups`)).json()) as unknown[];
    if (groups.length === NAMES) break;
    if (Date.now() > deadline) throw new Error(`Alertmanager made ${groups.length} groups, expected ${NAMES}`);
  }

  // Only Alertmanager answers; the journal and Prometheus routes point at a closed port (the app shows them down).
  writeFileSync(
    join(dir, 'apps.yaml'),
    `apiVersion: 1\napps:\n  - type: vigil-alerts-app\n    jsonData:\n      journalUrl: http://127.0.0.1:9\n      prometheusUrl: http://127.0.0.1:9\n      alertmanagers: [{name: bench, url: "${am.url}"}]\n    secureJsonData:\n      journalApiKey: unused\n`,
  );
  ({ exporter } = await buildExporter(
    hostOptions,
    ['--web.listen-address=127.0.0.1:0', `--provisioning.plugins=${join(dir, 'apps.yaml')}`, '--log.level=error'],
    {},
  ));
  const { url } = await exporter.start();
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  await page.goto(`${url}/a/vigil-alerts-app/history?benchHooks=1`);
  await page.waitForFunction('document.body.dataset.hostState === "ready"', undefined, { timeout: 120_000 });
  const call = <T>(expr: string) => page.evaluate(`window.__vigilAlertsBench.${expr}`) as Promise<T>;

  const app: number[] = [];
  const plain: number[] = [];
  const grafana: number[] = [];
  // One warm-up of each, then alternate so no side always runs on a warmer JIT or heap.
  for (let i = -1; i < ROUNDS; i++) {
    await call('clear()');
    const a = await call<number>(`app('/a/vigil-alerts-app/alerts', ${APP_FIRST_PAGE})`);
    await call("leaveApp('/a/vigil-alerts-app/history')");
    const p = await call<{ ms: number; rows: number }>('plain()');
    const g = await call<{ ms: number; rows: number }>('grafana()');
    if (p.rows !== ALERTS || g.rows !== ALERTS) throw new Error(`references got ${p.rows} / ${g.rows} rows`);
    if (i >= 0) {
      app.push(a);
      plain.push(p.ms);
      grafana.push(g.ms);
    }
  }
  const appFilter: number[] = [];
  const plainFilter: number[] = [];
  const grafanaFilter: number[] = [];
  for (let i = -1; i < FILTER_ROUNDS; i++) {
    const name = `BenchAlert${String(100 + i * 7).padStart(3, '0')}`;
    await call('clear()');
    await call(`app('/a/vigil-alerts-app/alerts', ${APP_FIRST_PAGE})`);
    // The filter is typed into a settled page: the app's follow-up requests (silences, journal, Prometheus) answered.
    await call('settle()');
    const a = await call<number>(`appFilter(${JSON.stringify(`alertname=${name}`)}, ${PER_NAME})`);
    await call("leaveApp('/a/vigil-alerts-app/history')");
    const p = await call<{ ms: number; rows: number }>(`plainFilter(${JSON.stringify(name)})`);
    const g = await call<{ ms: number; rows: number }>(`grafanaFilter(${JSON.stringify(name)})`);
    if (p.rows !== PER_NAME || g.rows !== PER_NAME) throw new Error(`filtered references show ${p.rows} / ${g.rows} rows`);
    if (i >= 0) {
      appFilter.push(a);
      plainFilter.push(p.ms);
      grafanaFilter.push(g.ms);
    }
  }
  const m = (xs: number[]) => median(xs);
  console.log(`alerts_app_alerts=${ALERTS}`);
  console.log(`alerts_app_groups=${groups.length}`);
  console.log(`alerts_app_rounds=${ROUNDS}`);
  console.log(`alerts_app_filter_rounds=${FILTER_ROUNDS}`);
  console.log(`alerts_app_first_page_rows=${APP_FIRST_PAGE}`);
  console.log(`alerts_app_first_render_median_ms=${m(app).toFixed(1)}`);
  console.log(`plain_table_first_render_median_ms=${m(plain).toFixed(1)}`);
  console.log(`grafana_table_first_render_median_ms=${m(grafana).toFixed(1)}`);
  console.log(`alerts_app_vs_plain_table_first_render_ratio=${(m(app) / m(plain)).toFixed(3)}`);
  console.log(`alerts_app_vs_grafana_table_first_render_ratio=${(m(app) / m(grafana)).toFixed(3)}`);
  console.log(`alerts_app_filter_repaint_median_ms=${m(appFilter).toFixed(1)}`);
  console.log(`plain_table_filter_repaint_median_ms=${m(plainFilter).toFixed(1)}`);
  console.log(`grafana_table_filter_repaint_median_ms=${m(grafanaFilter).toFixed(1)}`);
  console.log(`alerts_app_vs_plain_table_filter_repaint_ratio=${(m(appFilter) / m(plainFilter)).toFixed(3)}`);
  console.log(`alerts_app_vs_grafana_table_filter_repaint_ratio=${(m(appFilter) / m(grafanaFilter)).toFixed(3)}`);
} finally {
  await browser.close();
  await exporter?.shutdown('bench done');
  await am.stop();
  rmSync(dir, { recursive: true, force: true });
}
