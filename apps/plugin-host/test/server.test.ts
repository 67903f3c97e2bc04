// The host server's own contract, without Prometheus or a browser (the page itself is tested in e2e/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExporter } from '@vigil/exporter-kit';

import { hostOptions } from '../src/index.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

test('a plugins dir without plugin.json stops start-up with an error naming the flag and the dir', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-host-'));
  try {
    await assert.rejects(
      buildExporter(hostOptions, [`--plugins.dir=${dir}`, '--log.level=error'], {}),
      { message: new RegExp(`--plugins.dir ${dir}: no plugin.json`) },
    );
    writeFileSync(join(dir, 'plugin.json'), JSON.stringify({ type: 'panel', id: 'Bad Id!' }));
    await assert.rejects(
      buildExporter(hostOptions, [`--plugins.dir=${dir}`, '--log.level=error'], {}),
      { message: new RegExp(`--plugins.dir ${dir}: plugin.json has no valid "id"`) },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unreachable Prometheus is a 502 naming it and a degraded /health, not a crash', async () => {
  const { exporter } = await buildExporter(
    hostOptions,
    ['--web.listen-address=127.0.0.1:0', '--prometheus.url=http://127.0.0.1:1', '--log.level=error'],
    {},
  );
  const { url } = await exporter.start();
  try {
    const res = await fetch(`${url}/api/prom/api/v1/query?query=up`);
    assert.equal(res.status, 502);
    assert.match(((await res.json()) as { error: string }).error, /prometheus at http:\/\/127\.0\.0\.1:1 unreachable/);
    const health = (await (await fetch(`${url}/health`)).json()) as { checks: Record<string, { status: string }> };
    assert.equal(health.checks.prometheus.status, 'degraded');
    assert.equal((await fetch(`${url}/ready`)).status, 200);
    const unknown = await fetch(`${url}/plugins/not-installed/module.js`);
    assert.equal(unknown.status, 404);
    assert.match(((await unknown.json()) as { error: string }).error, /plugin not-installed is not served; served: /);
  } finally {
    await exporter.shutdown('test done');
  }
});

test('vigil-plugin-host --help lists its flags and exits 0', () => {
  const r = spawnSync(process.execPath, [MAIN, '--help'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /--prometheus\.url/);
  assert.match(r.stdout, /--plugins\.dir/);
});
