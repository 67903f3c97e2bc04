// Real Prometheus scrapes the host exporter (job "host", as in provisioning/prometheus/prometheus.yml) and can
// query node_exporter-named series from it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { freePort, startHost, tempDir, writeTemp, type RunningHost } from './helpers.js';

const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? 'prometheus';

describe('Prometheus scraping the host exporter', () => {
  let host: RunningHost | undefined;
  let stopPrometheus: (() => Promise<void>) | undefined;
  after(async () => {
    await stopPrometheus?.();
    await host?.stop();
  });

  it('reports the target up and answers node_exporter queries', async () => {
    host = await startHost([]);
    const target = new URL(host.url).host;
    const dir = tempDir('vigil-prom-');
    const config = writeTemp(
      dir,
      'prometheus.yml',
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: host\n    static_configs:\n      - targets: ['${target}']\n`,
    );
    const port = await freePort();
    const child = spawn(
      PROMETHEUS_BIN,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${dir}/data`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.once('error', (err) => (stderr += `spawn failed: ${err.message}`));
    stopPrometheus = async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    };
    const query = async (q: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(q)}`);
      return (
        (await res.json()) as {
          data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
        }
      ).data.result;
    };
    const deadline = Date.now() + 20_000;
    let cpu: Awaited<ReturnType<typeof query>> = [];
    for (;;) {
      try {
        cpu = await query('sum by (mode) (rate(node_cpu_seconds_total{job="host"}[5s]))');
        if (cpu.length > 0) break;
      } catch {
        // Prometheus not up yet
      }
      if (child.exitCode !== null || Date.now() > deadline)
        assert.fail(`no data from Prometheus: ${stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(cpu.some((r) => r.metric.mode === 'idle'));
    const up = await query('up{job="host"}');
    assert.equal(up[0]?.value[1], '1');
    const mem = await query('node_memory_MemTotal_bytes{job="host"}');
    assert.ok(Number(mem[0]?.value[1]) > 0);
    const fs = await query('node_filesystem_avail_bytes{job="host",mountpoint="/"}');
    assert.equal(fs.length, 1);
  });
});
