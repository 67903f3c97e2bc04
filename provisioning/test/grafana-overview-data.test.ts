// The platform overview and research dashboards against real data, as the local stack produces it: the trading
// exporter (with the stack's risk limits file) fed by its simulator and by research job events over its ingest
// API, and the host exporter, scraped every second by a real Prometheus with the recording and alert rules the
// overview reads. Every query whose inputs exist — raw metrics on a target, recorded series, ALERTS — must
// return series, so the health state-set joins, the risk and job series and the host saturation select something.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { packageBin, startExporterProcess, type RunningExporter } from '@vigil/test-support';

import { dashboardQueries, metricNames, substitute } from '../grafana/src/promql.js';
import { recordedMetricNames, sampledNames } from '../grafana/src/testing/metric-inventory.js';
import { startPrometheus, type TestPrometheus } from '../grafana/src/testing/prometheus.js';
import { committedDashboards, repoRoot, workspaceDir } from '../grafana/src/testing/repo.js';

const bin = (pkg: string, name: string) => [process.execPath, packageBin(pkg, name)];
const RULES = ['trading-recording.yml', 'host-recording.yml', 'watchdog.yml', 'health-alerts.yml', 'risk-alerts.yml', 'research-alerts.yml'];

describe('overview and research dashboards on the trading exporter, its simulator and the host exporter', () => {
  let trading: RunningExporter | undefined;
  let host: RunningExporter | undefined;
  let prom: TestPrometheus | undefined;
  let exposed = new Set<string>();

  before(async () => {
    trading = await startExporterProcess(bin('@vigil/trading-exporter', 'vigil-trading-exporter'), [
      `--risk.limits-file=${path.join(repoRoot, 'exporters', 'trading', 'config', 'risk-limits.yml')}`,
    ]);
    host = await startExporterProcess(bin('@vigil/host-exporter', 'vigil-host-exporter'), []);
    prom = await startPrometheus({
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      rule_files: RULES.map((f) => path.join(workspaceDir, 'prometheus', 'rules', f)),
      scrape_configs: [
        { job_name: 'trading', static_configs: [{ targets: [new URL(trading.url).host] }] },
        { job_name: 'host', static_configs: [{ targets: [new URL(host.url).host], labels: { host_group: 'trading' } }] },
      ],
    });
    const [node, sim] = bin('@vigil/trading-exporter', 'vigil-trading-sim');
    await promisify(execFile)(node!, [sim!, `--target.url=${trading.url}`, '--sim.seed=7', '--sim.duration=3s'], { timeout: 60_000 });
    // The research farm submits a job every 2 minutes or so: post a running and a queued job, and a finished one.
    const now = Date.now();
    const jobs = [
      { type: 'job.submitted', ts: now - 60_000, jobId: 'opt-1', kind: 'optimisation', strategy: 'momentum' },
      { type: 'job.started', ts: now - 50_000, jobId: 'opt-1' },
      { type: 'job.progress', ts: now - 10_000, jobId: 'opt-1', progress: 0.4, bestObjective: 1.2 },
      { type: 'job.submitted', ts: now - 5_000, jobId: 'opt-2', kind: 'optimisation', strategy: 'momentum' },
      { type: 'job.submitted', ts: now - 40_000, jobId: 'bt-1', kind: 'backtest', strategy: 'stat-arb' },
      { type: 'job.started', ts: now - 39_000, jobId: 'bt-1' },
      { type: 'job.completed', ts: now - 9_000, jobId: 'bt-1', outcome: 'succeeded' },
    ];
    const r = await fetch(`${trading.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(jobs) });
    assert.equal(r.status, 202, await r.text());
    exposed = new Set([...sampledNames(await (await fetch(`${trading.url}/metrics`)).text()), ...sampledNames(await (await fetch(`${host.url}/metrics`)).text())]);
    await prom.waitForSeries('venue:trading_order_completion_duration_seconds:p95_rate5m', 'recorded completion p95');
    await prom.waitForSeries('instance:node_cpu_utilisation:rate5m', 'recorded CPU utilisation');
    await prom.waitForSeries('trading_jobs{state="queued"}', 'scraped job gauges');
    await prom.waitForSeries('ALERTS', 'the Watchdog');
  });

  after(async () => {
    await prom?.stop();
    await trading?.stop();
    await host?.stop();
  });

  it('every query whose inputs exist returns series', async () => {
    const recorded = recordedMetricNames();
    const present = new Map<string, boolean>();
    const has = async (n: string) => {
      if (!present.has(n)) present.set(n, (await prom!.query(n)).body.data.result.length > 0);
      return present.get(n)!;
    };
    const checked = new Map<string, number>();
    const empty: string[] = [];
    for (const file of ['overview.json', 'research.json']) {
      for (const q of dashboardQueries(committedDashboards().get(file)!)) {
        const expr = substitute(q.expr, '.*');
        const { names, nameRegexes } = metricNames(expr);
        let ready = true;
        for (const n of names) ready &&= recorded.has(n) || n === 'ALERTS' ? await has(n) : exposed.has(n);
        for (const re of nameRegexes) ready &&= (await prom!.query(`{__name__=~"${re}"}`)).body.data.result.length > 0;
        if (!ready) continue;
        checked.set(file, (checked.get(file) ?? 0) + 1);
        const r = await prom!.query(expr);
        assert.equal(r.body.status, 'success', `${file} ${q.where}: ${r.body.error ?? ''}`);
        if (r.body.data.result.length === 0) empty.push(`${file} ${q.where}: ${expr}`);
      }
    }
    assert.deepEqual(empty, []);
    // Not in this data: SLO series, HTTP RED of services, exchange polling (no venue reachable here).
    assert.ok((checked.get('overview.json') ?? 0) >= 18, `only ${checked.get('overview.json')} overview queries had their inputs`);
    assert.ok((checked.get('research.json') ?? 0) >= 12, `only ${checked.get('research.json')} research queries had their inputs`);
  });

  it('the health column reads the trading exporter as healthy and every target as up', async () => {
    const health = await prom!.query(
      'max by (job, instance) ({__name__=~".+_health_status", state="degraded"}) + 2 * max by (job, instance) ({__name__=~".+_health_status", state="unhealthy"})',
    );
    type Sample = { metric: Record<string, string>; value?: [number, string] };
    const trading = (health.body.data.result as Sample[]).find((r) => r.metric.job === 'trading');
    assert.equal(trading?.value?.[1], '0');
    const up = (await prom!.query('min(up)')).body.data.result[0] as Sample | undefined;
    assert.equal(up?.value?.[1], '1');
  });
});
