// Ingest throughput of the trading exporter over HTTP (POST /v1/events, batches of 1,000 events from the
// market simulator: the realistic mix of submits, acks, fills, cancels, snapshots and model events) vs
// JSON.parse of the same bytes alone, interleaved in one run. Target: trading_ingest_vs_json_parse_ratio >= 0.5
// (events per second through the exporter / events per second through JSON.parse alone).
import http from 'node:http';
import { Writable } from 'node:stream';
import { buildExporter } from '@vigil/exporter-kit';
import { Simulator } from '../../exporters/trading/src/sim/simulator.js';
import { tradingExporterOptions } from '../../exporters/trading/src/trading-exporter.js';
import { interleave, median, report } from './stats.js';

const BATCH = 1_000;
const BATCHES = Number(process.env.TRADING_BENCH_BATCHES ?? 300);
const WARMUP = 20;

// Unique events for every post (no duplicate-submit shortcut): simulate the past few minutes at a high rate.
const sim = new Simulator({ seed: 1, ordersPerSecond: 400, runId: 'bench' });
const events: unknown[] = [];
const start = Date.now() - 600_000;
for (let t = start; events.length < BATCH * (BATCHES + WARMUP) && t < Date.now(); t += 100) events.push(...sim.tick(t));
const bodies: Buffer[] = [];
for (let i = 0; i + BATCH <= events.length; i += BATCH) bodies.push(Buffer.from(JSON.stringify(events.slice(i, i + BATCH))));
if (bodies.length < BATCHES + WARMUP) throw new Error(`only ${bodies.length} batches generated`);

const quiet = new Writable({ write: (_c, _e, cb) => cb() });
const { exporter } = await buildExporter(
  tradingExporterOptions({ processMetrics: false }),
  ['--web.listen-address=127.0.0.1:0', '--log.level=error', '--orders.max-open=1000000'],
  {},
  quiet,
);
const { port } = await exporter.start();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function post(body: Buffer): Promise<void> {
  return postTo(port, body);
}

function postTo(target: number, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: target, path: '/v1/events', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 202 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let a = 0;
let b = 0;
let sink = 0;
const res = await interleave(
  BATCHES,
  WARMUP,
  () => post(bodies[a++]),
  () => {
    sink += (JSON.parse(bodies[b++].toString('utf8')) as unknown[]).length;
  },
);
await exporter.shutdown();

// For reading the ratio: the same bytes POSTed to a node:http server that only reads them and answers 202,
// i.e. the HTTP transfer cost every ingest path pays before any parsing.
const floorServer = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => res.writeHead(202, { 'content-type': 'application/json' }).end(`{"accepted":${Buffer.concat(chunks).length > 0 ? BATCH : 0}}`));
});
await new Promise<void>((resolve) => floorServer.listen(0, '127.0.0.1', resolve));
const floorPort = (floorServer.address() as { port: number }).port;
let f = 0;
const floor = await interleave(BATCHES, WARMUP, () => postTo(floorPort, bodies[f++ % bodies.length]), () => undefined);
floorServer.close();
agent.destroy();

const ingestEps = (BATCH * 1000) / median(res.a);
const parseEps = (BATCH * 1000) / median(res.b);
report('trading_ingest_batch_events', BATCH);
report('trading_ingest_batch_bytes_median', median(bodies.map((x) => x.length)));
report('trading_ingest_batch_median_ms', median(res.a));
report('json_parse_batch_median_ms', median(res.b));
report('http_post_only_batch_median_ms', median(floor.a));
report('trading_ingest_events_per_second', Math.round(ingestEps));
report('json_parse_events_per_second', Math.round(parseEps));
report('trading_ingest_vs_json_parse_ratio', ingestEps / parseEps);
if (sink === 0) throw new Error('nothing parsed');
