// Real Prometheus scrapes the host exporter (job "host", as in provisioning/prometheus/prometheus.yml) and can
// query node_exporter-named series from it.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startPrometheus, waitFor, type RunningPrometheus } from '@vigil/test-support';
import { startHost, type RunningHost } from './helpers.js';

describe('Prometheus scraping the host exporter', () => {
  let host: RunningHost | undefined;
  let prom: RunningPrometheus | undefined;
  after(async () => {
    await prom?.stop();
    await host?.stop();
  });

  it('reports the target up and answers node_exporter queries', async () => {
    host = await startHost([]);
    const target = new URL(host.url).host;
    prom = await startPrometheus({
      config: { global: { scrape_interval: '1s' }, scrape_configs: [{ job_name: 'host', static_configs: [{ targets: [target] }] }] },
    });
    const p = prom;
    const cpu = await waitFor(
      async () => {
        const r = await p.query('sum by (mode) (rate(node_cpu_seconds_total{job="host"}[5s]))');
        return r.length > 0 ? r : undefined;
      },
      { what: 'CPU rates of job "host" in Prometheus', timeoutMs: 20_000, intervalMs: 250 },
    );
    assert.ok(cpu.some((r) => r.metric.mode === 'idle'));
    const up = await p.query('up{job="host"}');
    assert.equal(up[0]?.value[1], '1');
    const mem = await p.query('node_memory_MemTotal_bytes{job="host"}');
    assert.ok(Number(mem[0]?.value[1]) > 0);
    const fs = await p.query('node_filesystem_avail_bytes{job="host",mountpoint="/"}');
    assert.equal(fs.length, 1);
  });
});
