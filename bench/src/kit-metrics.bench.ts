// /metrics served by the exporter kit over HTTP vs prom-client's registry.metrics() alone, 10,000 series,
// interleaved in one run. Target: kit_metrics_ratio <= 1.2.
import { Gauge } from 'prom-client';
import { buildExporter } from '@vigil/exporter-kit';
import { Writable } from 'node:stream';
import { interleave, median, report } from './stats.js';

const SERIES = 10_000;
const quiet = new Writable({ write: (_c, _e, cb) => cb() });
const { exporter } = await buildExporter(
  { name: 'bench', description: 'bench', version: '0', namespace: 'bench', defaultListenAddress: '127.0.0.1:0', envPrefix: 'BENCH', processMetrics: false },
  [],
  {},
  quiet,
);
const g = new Gauge({ name: 'bench_series', help: 'Series for the benchmark.', labelNames: ['venue', 'symbol', 'strategy'], registers: [exporter.registry] });
for (let i = 0; i < SERIES; i++) g.set({ venue: `v${i % 10}`, symbol: `SYM${Math.floor(i / 10) % 100}`, strategy: `s${Math.floor(i / 1000)}` }, i);
const { url } = await exporter.start();

let bytes = 0;
const res = await interleave(
  200,
  20,
  async () => {
    // Identity, as prom-client's side is: fetch would ask for gzip (exchange-scrape measures the gzip path).
    const r = await fetch(`${url}/metrics`, { headers: { 'accept-encoding': 'identity' } });
    bytes = (await r.text()).length;
  },
  () => exporter.registry.metrics(),
);
await exporter.shutdown();
report('kit_metrics_series', SERIES);
report('kit_metrics_body_bytes', bytes);
report('kit_metrics_median_ms', median(res.a));
report('promclient_metrics_median_ms', median(res.b));
report('kit_metrics_ratio', median(res.a) / median(res.b));
