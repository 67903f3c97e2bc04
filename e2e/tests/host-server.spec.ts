import { expect, test } from '@playwright/test';
import { buildExporter } from '@vigil/exporter-kit';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { hostOptions } from '../src/server/app.js';

// The host server's own contract, without Prometheus or a browser.

test('a plugins dir without plugin.json stops start-up with an error naming the flag and the dir', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-host-'));
  try {
    await expect(
      buildExporter(hostOptions, [`--plugins.dir=${dir}`, '--log.level=error'], {}),
    ).rejects.toThrow(`--plugins.dir ${dir}: no plugin.json`);
    writeFileSync(join(dir, 'plugin.json'), JSON.stringify({ type: 'panel', id: 'Bad Id!' }));
    await expect(
      buildExporter(hostOptions, [`--plugins.dir=${dir}`, '--log.level=error'], {}),
    ).rejects.toThrow(`--plugins.dir ${dir}: plugin.json has no valid "id"`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unreachable Prometheus is a 502 naming it and a degraded /health, not a crash', async ({
  request,
}) => {
  const { exporter } = await buildExporter(
    hostOptions,
    ['--web.listen-address=127.0.0.1:0', '--prometheus.url=http://127.0.0.1:1', '--log.level=error'],
    {},
  );
  const { url } = await exporter.start();
  try {
    const res = await request.get(`${url}/api/prom/api/v1/query?query=up`);
    expect(res.status()).toBe(502);
    expect((await res.json()).error).toContain('prometheus at http://127.0.0.1:1 unreachable');
    const health = await (await request.get(`${url}/health`)).json();
    expect(health.checks.prometheus.status).toBe('degraded');
    expect((await request.get(`${url}/ready`)).status()).toBe(200);
    const unknown = await request.get(`${url}/plugins/not-installed/module.js`);
    expect(unknown.status()).toBe(404);
    expect((await unknown.json()).error).toContain('plugin not-installed is not served; served: ');
  } finally {
    await exporter.shutdown('test done');
  }
});
