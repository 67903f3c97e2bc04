// The hosts dashboard against real data: a real Prometheus scrapes a real node_exporter (limited to the host
// exporter's collectors) every second with Vigil's host recording rules loaded, and every hosts-dashboard query
// whose node_* inputs this machine exposes must return series — so label matchers (mode, fstype, device) and
// the instance joins really select something, not just parse.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startNodeExporter, type RunningExporter } from '@vigil/test-support';

import { dashboardQueries, metricNames, substitute } from '../grafana/src/promql.js';
import {
  hostCollectors,
  recordedMetricNames,
  sampledNames,
} from '../grafana/src/testing/metric-inventory.js';
import { startPrometheus, type TestPrometheus } from '../grafana/src/testing/prometheus.js';
import { committedDashboards, workspaceDir } from '../grafana/src/testing/repo.js';

const hostRules = path.join(workspaceDir, 'prometheus', 'rules', 'host-recording.yml');

describe('hosts dashboard on a real node_exporter', () => {
  let node: RunningExporter | undefined;
  let prom: TestPrometheus | undefined;
  let nonEmpty = new Set<string>();

  const query = async (expr: string) => (await prom!.query(expr)).body;

  before(async () => {
    node = await startNodeExporter([
      '--collector.disable-defaults',
      ...hostCollectors().map((c) => `--collector.${c}`),
    ]);
    // Families with at least one sample on this machine (e.g. no disks in a container means no node_disk_*).
    const text = await (await fetch(`${node.url}/metrics`)).text();
    nonEmpty = sampledNames(text);
    prom = await startPrometheus({
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      rule_files: [hostRules],
      scrape_configs: [{ job_name: 'host', static_configs: [{ targets: [new URL(node.url).host] }] }],
    });
    // rate() needs two samples of a scrape, and the recording rules one evaluation after that.
    await prom.waitForSeries(
      'rate(node_cpu_seconds_total[5m]) and on () instance:node_cpu_utilisation:rate5m',
      'CPU rate and recorded utilisation',
      { timeoutMs: 20_000 },
    );
  });

  after(async () => {
    await prom?.stop();
    await node?.stop();
  });

  it('every query whose node_* inputs exist here returns series', async () => {
    const hosts = committedDashboards().get('hosts.json')!;
    const recorded = recordedMetricNames();
    let checked = 0;
    const empty: string[] = [];
    for (const q of dashboardQueries(hosts)) {
      const expr = substitute(q.expr, '.*');
      const names = metricNames(expr).names;
      if (!names.every((n) => n.startsWith('node_') || n.startsWith('instance'))) continue; // vigil_host_* extras
      const raw = names.filter((n) => !recorded.has(n));
      if (!raw.every((n) => nonEmpty.has(n))) continue;
      checked++;
      const r = await query(expr);
      assert.equal(r.status, 'success', `${q.where}: ${r.error ?? ''}`);
      if (r.data.result.length === 0) empty.push(`${q.where}: ${expr}`);
    }
    assert.deepEqual(empty, []);
    // CPU, load, context switches, memory and the recorded ratios exist on any Linux machine.
    assert.ok(checked >= 12, `only ${checked} host queries had their inputs on this machine`);
  });

  it('the instance variable lists the scraped node_exporter', async () => {
    const r = await fetch(`${prom!.url}/api/v1/label/instance/values?match[]=node_cpu_seconds_total`);
    const body = (await r.json()) as { data: string[] };
    assert.deepEqual(body.data, [new URL(node!.url).host]);
  });
});
