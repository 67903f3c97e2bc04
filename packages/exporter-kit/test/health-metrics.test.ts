import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildExporter } from '../src/cli.js';
import { TextSink, assertMetricsClean } from '@vigil/test-support';
import type { CheckResult } from '@vigil/core';

function value(text: string, name: string, labels: string[]): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.every((kv) => l.includes(kv)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : undefined;
}

test('each health check state is exported at scrape time as a state set, and follows the dependency', async (t) => {
  let upstream: CheckResult = { status: 'healthy' };
  const { exporter } = await buildExporter(
    {
      name: 'test-exporter',
      description: 'An exporter under test.',
      version: '1.2.3',
      namespace: 'testns',
      defaultListenAddress: '127.0.0.1:0',
      envPrefix: 'TESTNS',
      setup(exp) {
        exp.addCheck('store', () => ({ status: 'healthy' }));
        exp.addCheck('upstream', () => upstream, { critical: false });
      },
    },
    [],
    {},
    new TextSink(),
  );
  const { url } = await exporter.start();
  t.after(() => exporter.shutdown());

  const scrape = async () => (await fetch(`${url}/metrics`)).text();
  let text = await scrape();
  assert.equal(value(text, 'testns_health_check_status', ['check="upstream"', 'critical="false"', 'state="healthy"']), 1);
  assert.equal(value(text, 'testns_health_check_status', ['check="upstream"', 'state="degraded"']), 0);
  assert.equal(value(text, 'testns_health_check_status', ['check="store"', 'critical="true"', 'state="healthy"']), 1);
  assert.equal(value(text, 'testns_health_status', ['state="healthy"']), 1);
  assert.ok(value(text, 'testns_health_check_duration_seconds', ['check="store"'])! >= 0);
  assertMetricsClean(text, 'the kit with health checks');

  upstream = { status: 'degraded', message: 'replica lag 40 s' };
  text = await scrape();
  assert.equal(value(text, 'testns_health_check_status', ['check="upstream"', 'state="degraded"']), 1);
  assert.equal(value(text, 'testns_health_check_status', ['check="upstream"', 'state="healthy"']), 0);
  assert.equal(value(text, 'testns_health_status', ['state="degraded"']), 1);

  upstream = { status: 'unhealthy', message: 'connection refused' };
  text = await scrape();
  assert.equal(value(text, 'testns_health_check_status', ['check="upstream"', 'state="unhealthy"']), 1);
  // Not critical: the service is degraded, not unhealthy, as /health says.
  assert.equal(value(text, 'testns_health_status', ['state="degraded"']), 1);
  assert.equal(((await (await fetch(`${url}/health`)).json()) as { status: string }).status, 'degraded');

  const om = await (await fetch(`${url}/metrics`, { headers: { Accept: 'application/openmetrics-text' } })).text();
  assert.match(om, /# TYPE testns_health_check_status gauge/);
});

test('an exporter without checks exports no health families', async (t) => {
  const { exporter } = await buildExporter(
    { name: 'x', description: 'x', version: '1', namespace: 'bare', defaultListenAddress: '127.0.0.1:0', envPrefix: 'BARE' },
    [],
    {},
    new TextSink(),
  );
  const { url } = await exporter.start();
  t.after(() => exporter.shutdown());
  assert.ok(!(await (await fetch(`${url}/metrics`)).text()).includes('bare_health_'));
});
