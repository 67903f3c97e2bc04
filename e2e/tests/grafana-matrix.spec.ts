import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildExporter } from '@vigil/exporter-kit';
import { hostOptions } from '@vigil/plugin-host';
import {
  admits,
  grafanaVersions,
  installZip,
  packagePlugin,
  readPluginSource,
  type GrafanaVersion,
  type PluginSource,
} from '@vigil/plugin-release';
import { repoRoot, tempDir, type RunningPrometheus } from '@vigil/test-support';

import { burnOpenMetrics } from './support/burnSeries.js';
import { startSloPrometheus } from './support/prometheus.js';

// The Grafana version matrix in the browser: the three plugins, packaged into their release zips and installed from
// them as Grafana installs a zip (one dist/ for every version), loaded by the plugin host page bundled with the
// shared modules of Grafana 10.4, 11.6, 12.4 and 13.2 (React 18 and 19). On each version a plugin's
// grafanaDependency admits: it loads, renders and shows its options editor (the smoke subset; the other specs run
// everything on 13.2). A panel calling an API that 10.4 lacks fails there.

const root = repoRoot();
const RULES = join(root, 'provisioning', 'slo', 'rules', 'slo-trading-gateway.yml');
const { testIds: slo } = createRequire(import.meta.url)(
  '@vigil/slo-burnrate-panel/test-ids',
) as typeof import('@vigil/slo-burnrate-panel/test-ids');
const FIXTURE = join(import.meta.dirname, 'fixtures', 'vigil-newerapi-panel');

const versions: GrafanaVersion[] = grafanaVersions(root);
const plugins: PluginSource[] = ['slo-burnrate-panel', 'tradeflow-panel', 'alerts-app'].map((d) =>
  readPluginSource(join(root, 'plugins', d)),
);
const floorOf = (p: PluginSource) => p.sourcePluginJson.dependencies?.grafanaDependency ?? '';

let prom: RunningPrometheus;
let host: { url: string; stop: () => Promise<void> };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  prom = await startSloPrometheus({ openMetrics: burnOpenMetrics(Date.now() - 20_000).text, ruleFiles: [RULES] });
  const zips = tempDir('vigil-matrix-zips-');
  const pluginsDir = tempDir('vigil-matrix-plugins-');
  const installed = plugins.map((p) => installZip(packagePlugin(p.dir, { outDir: zips }).zipPath, pluginsDir).dir);
  // The alerts app enabled as Grafana's provisioning enables it; its journal and Alertmanager are absent (the pages
  // must still render, saying so).
  const provisioning = join(tempDir('vigil-matrix-provisioning-'), 'apps.yml');
  writeFileSync(
    provisioning,
    [
      'apiVersion: 1',
      'apps:',
      '  - type: vigil-alerts-app',
      '    disabled: false',
      '    jsonData:',
      '      journalUrl: http://127.0.0.1:9',
      `      prometheusUrl: ${prom.url}`,
      '      alertmanagers:',
      '        - name: alertmanager',
      '          url: http://127.0.0.1:9',
      '',
    ].join('\n'),
  );
  const { exporter } = await buildExporter(
    hostOptions,
    [
      '--web.listen-address=127.0.0.1:0',
      `--prometheus.url=${prom.url}`,
      '--log.level=warn',
      `--provisioning.plugins=${provisioning}`,
      ...[...installed, FIXTURE].map((d) => `--plugins.dir=${d}`),
    ],
    {},
  );
  const { url } = await exporter.start();
  host = { url, stop: () => exporter.shutdown('test done') };
});

test.afterAll(async () => {
  await host?.stop();
  await prom?.stop();
});

/** Errors thrown in the page (a plugin calling something its Grafana lacks shows up here or as host-error). */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function sharedModules(page: Page) {
  return page.evaluate(() => {
    const sys = (window as unknown as { System: { entries(): Iterable<[string, { version?: string; default?: { version?: string } }]> } }).System;
    const entries = [...sys.entries()];
    const react = entries.find(([id]) => id === 'package:react')?.[1];
    return {
      ids: entries.map(([id]) => id).filter((id) => id.startsWith('package:')),
      react: react?.version ?? react?.default?.version,
      grafana: (window as unknown as { grafanaBootData: { settings: { buildInfo: { version: string } } } }).grafanaBootData
        .settings.buildInfo.version,
    };
  });
}

for (const v of versions) {
  test.describe(`Grafana ${v.version} (React ${v.react})`, () => {
    const query = `grafana=${v.name}`;

    for (const p of plugins.filter((x) => x.sourcePluginJson.type === 'panel')) {
      if (!admits(floorOf(p), v.version)) continue;
      test(`${p.id} (${floorOf(p)}) from its zip: loads, renders, options editor`, async ({ page }) => {
        const errors = pageErrors(page);
        const to = Date.now();
        await page.goto(`${host.url}/host/?${query}&scenario=slo-burnrate&plugin=${p.id}&to=${to}`);
        await expect(page.locator('body')).toHaveAttribute('data-host-state', 'ready');
        const modules = await sharedModules(page);
        expect(modules).toMatchObject({ react: v.react, grafana: v.version });
        expect(modules.ids.includes('package:react/jsx-runtime')).toBe(v.name !== '10.4');
        const panel = page.getByTestId('host-panel');
        if (p.id === 'vigil-sloburnrate-panel') {
          // Real data through the real rules: the fast burn pages, on every version.
          await expect(page.getByTestId(slo.condition('trading-gateway-availability'))).toHaveText('PAGE');
          await expect(page.getByTestId(slo.chart('trading-gateway-availability')).locator('canvas').first()).toBeVisible();
        } else {
          // The trade-flow panel on SLO series: its own message naming what it lacks, drawn with @grafana/ui.
          await expect(panel).toContainText(/No trade-flow data|trading_|missing/);
        }
        const editor = page.getByTestId('host-options-editor');
        await expect(editor.locator('input, button').first()).toBeVisible();
        await expect(page.getByTestId('host-error')).toHaveCount(0);
        expect(errors).toEqual([]);
      });
    }

    for (const p of plugins.filter((x) => x.sourcePluginJson.type === 'app')) {
      if (!admits(floorOf(p), v.version)) continue;
      test(`${p.id} (${floorOf(p)}) from its zip: its pages load and render`, async ({ page }) => {
        const errors = pageErrors(page);
        await page.goto(`${host.url}/a/${p.id}/alerts?${query}`);
        await expect(page.locator('body')).toHaveAttribute('data-host-state', 'ready');
        expect(await sharedModules(page)).toMatchObject({ react: v.react, grafana: v.version });
        await expect(page.getByTestId('host-error')).toHaveCount(0);
        await page.goto(`${host.url}/plugins/${p.id}?${query}`);
        await expect(page.locator('body')).toHaveAttribute('data-host-state', 'ready');
        await expect(page.locator('input').first()).toBeVisible();
        await expect(page.getByTestId('host-error')).toHaveCount(0);
        expect(errors).toEqual([]);
      });
    }
  });
}

test('a panel that calls an API Grafana 10.4 lacks (Combobox) fails on 10.4 and renders on 11.6', async ({ page }) => {
  const [lowest, next] = versions;
  await page.goto(`${host.url}/host/?grafana=${lowest.name}&scenario=slo-burnrate&plugin=vigil-newerapi-panel`);
  await expect(page.locator('body')).toHaveAttribute('data-host-state', 'error');
  await expect(page.getByTestId('host-error')).toContainText(/Element type is invalid|undefined/);
  await expect(page.getByTestId('newer-api-panel')).toHaveCount(0);

  await page.goto(`${host.url}/host/?grafana=${next.name}&scenario=slo-burnrate&plugin=vigil-newerapi-panel`);
  await expect(page.locator('body')).toHaveAttribute('data-host-state', 'ready');
  await expect(page.getByTestId('newer-api-panel').locator('input')).toBeVisible();
});

test('an unknown Grafana version is a 404 naming the built ones', async ({ request }) => {
  const res = await request.get(`${host.url}/host/?grafana=9.5`);
  expect(res.status()).toBe(404);
  expect(await res.text()).toContain(versions.map((v) => v.name).join(', '));
});
