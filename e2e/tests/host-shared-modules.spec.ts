// The plugin host provides only the modules Grafana 13 shares with plugins: an app whose module.js leaves
// @grafana/schema external (Grafana does not share it) fails to load with an error naming the module, while the
// same app importing only shared modules renders. Two tiny AMD fixture apps written at test time.
import { expect, test } from '@playwright/test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildExporter, type Exporter } from '@vigil/exporter-kit';
import { hostOptions } from '@vigil/plugin-host';
import { tempDir } from '@vigil/test-support';

let host: Exporter;
let url = '';
const dir = tempDir('vigil-host-shared-');

function fixtureApp(id: string, deps: string[]) {
  const pluginDir = join(dir, id);
  mkdirSync(pluginDir);
  writeFileSync(join(pluginDir, 'plugin.json'), JSON.stringify({ type: 'app', id, name: id, info: { version: '1.0.0' }, includes: [] }));
  // As create-plugin emits it: AMD, dependencies resolved by Grafana's loader.
  writeFileSync(
    join(pluginDir, 'module.js'),
    `define(${JSON.stringify(['@grafana/data', 'react', ...deps])}, function (data, React) {
      return { plugin: new data.AppPlugin().setRootPage(function () {
        return React.createElement('div', { 'data-testid': 'fixture-root' }, '${id} rendered');
      }) };
    });\n`,
  );
  return pluginDir;
}

test.beforeAll(async () => {
  const good = fixtureApp('fixture-shared-app', ['@grafana/ui', 'react-router', 'rxjs']);
  const bad = fixtureApp('fixture-schema-app', ['@grafana/schema']);
  writeFileSync(
    join(dir, 'apps.yaml'),
    'apiVersion: 1\napps:\n  - type: fixture-shared-app\n  - type: fixture-schema-app\n',
  );
  ({ exporter: host } = await buildExporter(
    hostOptions,
    ['--web.listen-address=127.0.0.1:0', `--plugins.dir=${good}`, `--plugins.dir=${bad}`, `--provisioning.plugins=${join(dir, 'apps.yaml')}`, '--log.level=error'],
    {},
  ));
  url = (await host.start()).url;
});

test.afterAll(async () => {
  await host?.shutdown('test done');
  rmSync(dir, { recursive: true, force: true });
});

test('an app importing only shared modules renders; one leaving @grafana/schema external fails naming it', async ({ page }) => {
  await page.goto(`${url}/a/fixture-shared-app/`);
  await expect(page.locator('body')).toHaveAttribute('data-host-state', 'ready');
  await expect(page.getByTestId('fixture-root')).toHaveText('fixture-shared-app rendered');

  await page.goto(`${url}/a/fixture-schema-app/`);
  await expect(page.locator('body')).toHaveAttribute('data-host-state', 'error');
  await expect(page.getByTestId('host-error')).toContainText('fixture-schema-app');
  await expect(page.getByTestId('host-error')).toContainText('@grafana/schema');
  await expect(page.getByTestId('fixture-root')).toHaveCount(0);
});
