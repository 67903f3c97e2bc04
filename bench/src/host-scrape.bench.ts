// Scrape latency and CPU per scrape of Vigil's host exporter vs Debian's node_exporter 1.5, with the same core
// collectors, measured side by side in one run: both run as separate processes on 127.0.0.1, are scraped over
// keep-alive HTTP like Prometheus does, alternately (which goes first flips every round), ROUNDS times each;
// CPU time per scrape is each process's utime+stime over the run divided by its scrapes.
// Needs the built exporter: npm run build -w @vigil/exporter-kit && npm run build -w @vigil/host-exporter.
import { packageBin, requireBinary, startExporterProcess } from '@vigil/test-support';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { interleave, median, quantile, report } from './stats.js';

const ROUNDS = Number(process.env.HOST_BENCH_ROUNDS ?? 1000);
const WARMUP = 50;
const COLLECTORS = [
  'cpu',
  'diskstats',
  'filesystem',
  'loadavg',
  'meminfo',
  'netdev',
  'pressure',
  'stat',
  'time',
  'uname',
];
const ARGS = ['--collector.disable-defaults', ...COLLECTORS.map((c) => `--collector.${c}`)];
const VIGIL_BIN = packageBin('@vigil/host-exporter', 'vigil-host-exporter');
const CLK_TCK = 100;

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** The headers Prometheus 2.42 sends: it prefers OpenMetrics and accepts gzip. */
const PROMETHEUS_HEADERS = {
  Accept:
    'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
  'Accept-Encoding': 'gzip',
};

function scrape(port: number, headers: Record<string, string> = {}): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    http
      .get({ host: '127.0.0.1', port, path: '/metrics', agent, headers }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve({ ms: performance.now() - started, bytes })
            : reject(new Error(`status ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

/** utime + stime of a process in ms, from /proc/<pid>/stat. */
function cpuMs(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) / CLK_TCK) * 1000;
}

const vigil = await startExporterProcess([process.execPath, VIGIL_BIN], ['--log.level=warn', ...ARGS]);
const ne = await startExporterProcess([requireBinary('node_exporter')], ['--log.level=warn', ...ARGS]);
try {
  let bytesVigil = 0;
  let bytesNe = 0;
  // CPU is read around the whole run (warm-up included) and divided by the scrapes that ran in it.
  const cpuBefore = [cpuMs(vigil.proc.pid!), cpuMs(ne.proc.pid!)];
  const t = await interleave(
    ROUNDS,
    WARMUP,
    async () => (bytesVigil = (await scrape(vigil.port)).bytes),
    async () => (bytesNe = (await scrape(ne.port)).bytes),
  );
  const scrapes = ROUNDS + WARMUP;
  const cpuVigil = (cpuMs(vigil.proc.pid!) - cpuBefore[0]) / scrapes;
  const cpuNe = (cpuMs(ne.proc.pid!) - cpuBefore[1]) / scrapes;
  const ratio = median(t.a) / median(t.b);
  report('host_scrape_rounds', ROUNDS);
  report('host_scrape_median_ms_vigil', median(t.a));
  report('host_scrape_median_ms_node_exporter', median(t.b));
  report('host_scrape_median_ratio', ratio);
  report('host_scrape_p90_ms_vigil', quantile(t.a, 0.9));
  report('host_scrape_p90_ms_node_exporter', quantile(t.b, 0.9));
  report('host_scrape_p90_ratio', quantile(t.a, 0.9) / quantile(t.b, 0.9));
  report('host_scrape_cpu_ms_per_scrape_vigil', cpuVigil);
  report('host_scrape_cpu_ms_per_scrape_node_exporter', cpuNe);
  report('host_scrape_cpu_ratio', cpuVigil / cpuNe);
  report('host_scrape_body_bytes_vigil', bytesVigil);
  report('host_scrape_body_bytes_node_exporter', bytesNe);
  // The same with Prometheus's request headers (node_exporter then gzips; Vigil answers OpenMetrics, uncompressed).
  const p = await interleave(
    ROUNDS,
    WARMUP,
    () => scrape(vigil.port, PROMETHEUS_HEADERS),
    () => scrape(ne.port, PROMETHEUS_HEADERS),
  );
  report('host_scrape_prometheus_headers_median_ms_vigil', median(p.a));
  report('host_scrape_prometheus_headers_median_ms_node_exporter', median(p.b));
  report('host_scrape_prometheus_headers_median_ratio', median(p.a) / median(p.b));
  report('host_scrape_target_median_ratio_max', 1);
  report('host_scrape_target_met', ratio <= 1 ? 1 : 0);
} finally {
  agent.destroy();
  await vigil.stop();
  await ne.stop();
}
