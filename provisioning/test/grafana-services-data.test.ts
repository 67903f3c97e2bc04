// The services dashboard against real data: an express service instrumented with @vigil/instrument's
// middleware (from its source) serves a mix of 2xx and 5xx requests while a real Prometheus scrapes it every
// second with the service recording rules loaded; every services-dashboard query must return series.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort, startServer, type ServerProcess } from '@vigil/test-support';

import { dashboardQueries, substitute } from '../grafana/src/promql.js';
import { startPrometheus, type TestPrometheus } from '../grafana/src/testing/prometheus.js';
import { committedDashboards, grafanaDir, workspaceDir } from '../grafana/src/testing/repo.js';

describe('services dashboard on a service instrumented with @vigil/instrument', () => {
  let service: ServerProcess | undefined;
  let prom: TestPrometheus | undefined;

  before(async () => {
    const port = await freePort();
    service = await startServer(
      process.execPath,
      ['--import', 'tsx', path.join(grafanaDir, 'src', 'testing', 'instrumented-service.ts'), String(port)],
      { port: port, readyPath: '/metrics', timeoutMs: 30_000 },
    );
    for (let i = 0; i < 20; i++) {
      await fetch(`${service.url}/orders/${i}`);
      await fetch(`${service.url}/orders${i % 4 === 0 ? '?fail=1' : ''}`, { method: 'POST' });
    }
    prom = await startPrometheus({
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      rule_files: [path.join(workspaceDir, 'prometheus', 'rules', 'service-recording.yml')],
      scrape_configs: [{ job_name: 'services', static_configs: [{ targets: [new URL(service.url).host] }] }],
    });
    await prom.waitForSeries('service:http_request_duration_seconds:p95_rate5m', 'recorded p95 latency');
  });

  after(async () => {
    await prom?.stop();
    await service?.stop();
  });

  it('every query returns series, and the 5xx ratio sees the failures', async () => {
    const queries = dashboardQueries(committedDashboards().get('services.json')!);
    const empty: string[] = [];
    for (const q of queries) {
      const r = await prom!.query(substitute(q.expr, '.*'));
      assert.equal(r.body.status, 'success', `${q.where}: ${r.body.error ?? ''}`);
      if (r.body.data.result.length === 0) empty.push(`${q.where}: ${q.expr}`);
    }
    assert.deepEqual(empty, []);
    assert.ok(queries.length >= 12);
    const byRoute = await prom!.query(
      'sum by (route, status) (http_requests_total{service="trading-gateway", method="POST"})',
    );
    const statuses = byRoute.body.data.result.map((s) => `${s.metric.route} ${s.metric.status}`).sort();
    assert.deepEqual(statuses, ['/orders 201', '/orders 500']);
  });

  it('the service variable lists the instrumented service', async () => {
    const values = await prom!.get<string[]>('/api/v1/label/service/values', {
      'match[]': 'http_requests_total',
    });
    assert.deepEqual(values, ['trading-gateway']);
  });
});
