// The launchers against the real Debian binaries: each comes up on a free loopback port and is gone after stop(),
// its temporary folder with it; a server that cannot start fails at once with its own output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

import {
  assertMetricsClean,
  promtoolCheckMetrics,
  startAlertmanager,
  startNodeExporter,
  startPrometheus,
  startServer,
  freePort,
} from '../src/index.js';

test('Prometheus: ready, queryable, files beside its config, then stopped and cleaned up', async () => {
  const prom = await startPrometheus({
    config: { global: { evaluation_interval: '1s' }, rule_files: ['rules.yml'] },
    files: {
      'rules.yml': 'groups:\n  - name: t\n    rules:\n      - record: vigil:test\n        expr: vector(42)\n',
    },
  });
  try {
    assert.deepEqual((await prom.query('vector(1)'))[0]!.value[1], '1');
    const rules = await prom.api<{ groups: Array<{ name: string }> }>('/api/v1/rules');
    assert.deepEqual(
      rules.groups.map((g) => g.name),
      ['t'],
    );
  } finally {
    await prom.stop();
  }
  assert.notEqual(prom.proc.exitCode ?? prom.proc.signalCode, null);
  assert.equal(existsSync(prom.dir), false);
});

test('Prometheus: backfilled history is queryable at its own time; a bad backfill fails the start naming promtool', async () => {
  const at = Math.floor(Date.now() / 1000) - 3 * 86_400;
  const prom = await startPrometheus({
    config: {},
    backfill: `# TYPE vigil_backfilled gauge\nvigil_backfilled{desk="fx"} 7 ${at}\n# EOF\n`,
  });
  try {
    const got = await prom.query('vigil_backfilled', at);
    assert.deepEqual(
      got.map((s) => [s.metric.desk, s.value[1]]),
      [['fx', '7']],
    );
  } finally {
    await prom.stop();
  }
  await assert.rejects(
    startPrometheus({ config: {}, backfill: 'not openmetrics\n' }),
    /promtool tsdb create-blocks-from openmetrics/,
  );
});

test('Alertmanager: ready with clustering off, then stopped', async () => {
  const am = await startAlertmanager({ config: 'route:\n  receiver: none\nreceivers:\n  - name: none\n' });
  try {
    const status = (await (await fetch(`${am.url}/api/v2/status`)).json()) as { cluster: { status: string } };
    assert.equal(status.cluster.status, 'disabled');
    await am.postAlerts([{ labels: { alertname: 'VigilTest', severity: 'info' } }]);
    const alerts = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as Array<{
      labels: Record<string, string>;
    }>;
    assert.deepEqual(
      alerts.map((a) => a.labels.alertname),
      ['VigilTest'],
    );
    await assert.rejects(am.postAlerts([{ labels: {} }]), /Alertmanager refused the alerts: 400/);
  } finally {
    await am.stop();
  }
  assert.equal(existsSync(am.dir), false);
});

test('node_exporter: scraped, and its output passes promtool check metrics', async () => {
  const ne = await startNodeExporter(['--collector.disable-defaults', '--collector.loadavg']);
  try {
    const text = await ne.scrape();
    assert.match(text, /^node_load1 /m);
    assert.equal(promtoolCheckMetrics(text).status, 0);
  } finally {
    await ne.stop();
  }
});

test('assertMetricsClean fails with promtool findings', () => {
  assertMetricsClean('# HELP vigil_ok_total Fine.\n# TYPE vigil_ok_total counter\nvigil_ok_total 1\n');
  assert.throws(
    () =>
      assertMetricsClean(
        '# HELP vigil_bad A counter without _total.\n# TYPE vigil_bad counter\nvigil_bad 1\n',
      ),
    /counter metrics should have "_total" suffix/,
  );
});

test('a server that exits during start-up fails the wait at once with its output', async () => {
  const started = Date.now();
  await assert.rejects(
    startServer(process.execPath, ['-e', 'console.error("bad flag --x"); process.exit(2)'], {
      port: await freePort(),
      readyPath: '/',
      timeoutMs: 60_000,
    }),
    /exited \(code 2\) before it was ready:\nbad flag --x/,
  );
  assert.ok(Date.now() - started < 10_000);
});
