// Ingest throughput of the trading exporter, measured as a server is measured: the built exporter runs in its
// own process (dist/bin/trading-exporter.js, as a user runs it, with a bearer token), and this process posts
// pre-serialised batches of 1,000 market-simulator events (the realistic mix of submits, acks, fills, cancels,
// snapshots, model and strategy events; every event unique, so no duplicate shortcut) over a few concurrent
// keep-alive connections, with a lean socket client (lean-http-client.ts) as wrk or autocannon would.
// Events/second = events the exporter accepted (202 {accepted}) / wall time. Compared with JSON.parse of the
// same bytes alone, single-threaded in this process, in the same run: rounds of the two alternate so machine
// noise hits both. Target: trading_ingest_vs_json_parse_ratio >= 0.5.
// Each exporter runs in a block of its own, alone: an exporter that took batches a moment ago keeps working
// for seconds after (orders finalize after the grace period, its GC runs), and on 2 CPUs that work would land
// in whichever server is measured next. The blocks: the exporter as shipped; the same with --ingest.workers=0
// (every body checked on the main thread), so what the worker threads add is printed; the same without the
// native scanner (--no-ingest.native-scanner), so what the scanner adds is printed. Where the scanner is not
// built (@vigil/trading-native-scanner is optional), the shipped exporter is the JavaScript path, that last
// block is not run, and a line says the native figure was not measured. Each is compared with JSON.parse
// in its own block. Also printed, so nobody mistakes one figure for another: the sequential (one connection,
// one batch at a time) latency per batch, and the same client against two bare node:http servers, one that
// only reads the bytes and one that also decodes and JSON.parses them (the ceiling of any JSON-over-HTTP ingest).
//
// Needs the built exporter (npm run build -w @vigil/exporter-kit && npm run build -w @vigil/trading-exporter).
// TRADING_BENCH_EXPORTER_NODE_ARGS adds node flags to the exporter, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { packageBin } from '@vigil/test-support';
import { Simulator } from '@vigil/trading-exporter';
import { LeanConnection, openConnections, preparePost, type PreparedRequest } from './lean-http-client.js';
import { median, report } from './stats.js';
import { cpuSplit, threadCpuMs } from './thread-cpu.js';

const BATCH = 1_000;
// 8 keep-alive connections: enough that a batch is always waiting for each stage (wrk and autocannon default to 10).
const CONCURRENCY = Number(process.env.TRADING_BENCH_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.TRADING_BENCH_ROUNDS ?? 24);
const PER_ROUND = Number(process.env.TRADING_BENCH_BATCHES_PER_ROUND ?? 20);
const SEQUENTIAL_PER_ROUND = 5;
// Long enough (about half a second of batches) for the first orders to pass the grace period below.
const WARMUP = 240;
const TOKEN = 'bench-ingest-token';
// The exporter's --orders.grace-period (below says why 250 ms). On a machine so loaded that a batch can wait
// longer than that behind the next one, the run fails with orphaned events; a longer grace (say 1s) then lets
// it finish, with less of the order finalization inside the measured rounds: compare only like with like.
const GRACE = process.env.TRADING_BENCH_GRACE ?? '250ms';
const EXPORTER = packageBin('@vigil/trading-exporter', 'vigil-trading-exporter');

// Unique events for every post: simulate the past minutes at a high order rate.
const needed = WARMUP + ROUNDS * (PER_ROUND + SEQUENTIAL_PER_ROUND);
const sim = new Simulator({ seed: 1, ordersPerSecond: 400, runId: 'bench' });
const events: unknown[] = [];
const start = Date.now() - 1_800_000;
for (let t = start; events.length < BATCH * needed && t < Date.now(); t += 100) events.push(...sim.tick(t));
const bodies: Buffer[] = [];
for (let i = 0; i + BATCH <= events.length; i += BATCH) bodies.push(Buffer.from(JSON.stringify(events.slice(i, i + BATCH))));
if (bodies.length < needed) throw new Error(`only ${bodies.length} batches generated, ${needed} needed`);
events.length = 0;

const dir = mkdtempSync(join(tmpdir(), 'vigil-trading-bench-'));
writeFileSync(join(dir, 'token'), `${TOKEN}\n`);

// Servers this run started; killed however it ends, so a failed run leaves no process behind.
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

interface Started {
  child: ChildProcess;
  port: number;
  /** What the exporter logged about its ingest scanner before listening: "native", or "javascript: <why>". */
  scanner?: string;
}

/** Starts a node process that logs a JSON line with msg "listening" and address; resolves its port. */
async function startProcess(args: string[], env: Record<string, string> = {}): Promise<Started> {
  // The kit logs to stderr; the bare servers to stdout.
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  children.push(child);
  let scanner: string | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before listening`)));
    const onLine = (line: string) => {
      try {
        const rec = JSON.parse(line) as { msg?: string; address?: string; scanner?: string; reason?: string };
        if (rec.scanner) scanner = rec.reason ? `${rec.scanner}: ${rec.reason}` : rec.scanner;
        if (rec.msg === 'listening' && rec.address) resolve(Number(rec.address.split(':').pop()));
      } catch {
        // not a log record
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', (line) => {
      if (!line.includes('"level":30')) process.stderr.write(`${line}\n`);
      onLine(line);
    });
  });
  return { child, port, scanner };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const nodeArgs = (process.env.TRADING_BENCH_EXPORTER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const startExporter = (workers: string[], env: Record<string, string> = {}) =>
  startProcess(
    [
      ...nodeArgs,
      EXPORTER,
      '--web.listen-address=127.0.0.1:0',
      `--ingest.token-file=${join(dir, 'token')}`,
      // An order's final metrics are recorded a grace period after its final event. With the default 5 s, a
      // block (about a second of batches) would end before the first order is finalized and leave that work
      // (a third of applying) out of the measure: 250 ms reaches the steady state, where orders are finalized
      // as fast as they arrive, early in the warm-up. Reordering across the concurrent connections spans a few
      // milliseconds, far inside it (the run fails if an event is orphaned).
      `--orders.grace-period=${GRACE}`,
      // At this rate even 250 ms of orders waiting for their final metrics is tens of thousands of orders;
      // capacity evictions would change the work measured.
      '--orders.max-open=2000000',
      '--log.level=info',
      ...workers,
    ],
    env,
  );
const workerFlags = process.env.TRADING_BENCH_WORKERS ? [`--ingest.workers=${process.env.TRADING_BENCH_WORKERS}`] : [];
// The same client against bare servers answering 202: one only reads the bytes (the HTTP share of the cost),
// one also decodes and parses them as the exporter must (HTTP + JSON.parse: what validation and applying add to).
const bareServer = (parse: boolean) => `
const http = require('node:http');
const s = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const accepted = ${parse} ? JSON.parse(body.toString('utf8')).length : body.length > 0 ? ${BATCH} : 0;
    const answer = JSON.stringify({ accepted });
    res.writeHead(202, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) }).end(answer);
  });
});
s.keepAliveTimeout = 65000;
s.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ msg: 'listening', address: '127.0.0.1:' + s.address().port })));
process.on('SIGTERM', () => process.exit(0));`;

// The lean client (plain sockets, requests built once): node:http's client would take a share of the two CPUs
// the server needs. Every server gets the same client, so the ratios between servers are like for like.
const requests = bodies.map((b) => preparePost('/v1/events', b, { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }));

interface Target extends Started {
  concurrent: LeanConnection[];
  sequential: LeanConnection;
}
async function connect(started: Started): Promise<Target> {
  return { ...started, concurrent: await openConnections(started.port, CONCURRENCY), sequential: await LeanConnection.open(started.port) };
}
async function disconnect(t: Target): Promise<void> {
  for (const c of [...t.concurrent, t.sequential]) c.close();
  await stop(t.child);
}

/** POSTs one batch; resolves the accepted count from the 202 answer. */
async function post(conn: LeanConnection, req: PreparedRequest): Promise<number> {
  const answer = await conn.send(req);
  if (answer.status !== 202) throw new Error(`status ${answer.status}: ${answer.body}`);
  return (JSON.parse(answer.body) as { accepted: number }).accepted;
}

/** Posts every body over the target's concurrent connections at once; returns accepted events and wall ms. */
async function postConcurrently(target: Target, batch: PreparedRequest[]): Promise<{ accepted: number; ms: number }> {
  let i = 0;
  let accepted = 0;
  const t0 = performance.now();
  const worker = async (conn: LeanConnection) => {
    while (i < batch.length) {
      // Not `accepted += await ...`: that reads `accepted` before the await and loses other workers' counts.
      const n = await post(conn, batch[i++]);
      accepted += n;
    }
  };
  await Promise.all(target.concurrent.map(worker));
  return { accepted, ms: performance.now() - t0 };
}

let sink = 0;
function parseAll(batch: PreparedRequest[]): number {
  const t0 = performance.now();
  for (const { body } of batch) sink += (JSON.parse(body.toString('utf8')) as unknown[]).length;
  return performance.now() - t0;
}

/** Events taken and wall ms per server, and for JSON.parse alone in each exporter's block, summed over its rounds. */
const totals = new Map<string, { events: number; ms: number }>();
function add(key: string, events: number, ms: number): void {
  const t = totals.get(key) ?? { events: 0, ms: 0 };
  t.events += events;
  t.ms += ms;
  totals.set(key, t);
}
const eventsPerSecond = (key: string) => (totals.get(key)!.events * 1000) / totals.get(key)!.ms;

/** Checks an exporter applied what it acknowledged and refused nothing; returns its orphan/eviction counts. */
async function counted(name: string, port: number, posted: number) {
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const sumOf = (family: string) =>
    metrics
      .split('\n')
      .filter((l) => l.startsWith(`${family}{`) || l.startsWith(`${family} `))
      .reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  const c = {
    received: sumOf('trading_events_received_total'),
    rejected: sumOf('trading_events_rejected_total'),
    // Batches applied out of order (concurrent connections) hold early fills for their submit; none may be lost.
    orphaned: sumOf('trading_events_orphaned_total'),
    evicted: sumOf('trading_orders_evicted_total'),
    workers: sumOf('trading_ingest_workers'),
  };
  if (c.received !== posted || c.rejected !== 0 || c.orphaned !== 0 || c.evicted !== 0) {
    throw new Error(`${name} counted ${c.received} received, ${c.rejected} refused, ${c.orphaned} orphaned and ${c.evicted} evicted of ${posted} posted`);
  }
  return c;
}

/**
 * One exporter's block: it alone runs (the others are not started yet or already stopped, so none of their
 * background work, order finalization or GC, lands in its time), fed every body in order, its concurrent
 * rounds alternating with JSON.parse of the same bodies in this process, plus any extra phases.
 */
async function block(name: string, args: string[], env: Record<string, string>, extra: Array<(batch: PreparedRequest[]) => Promise<void>> = []) {
  const target = await connect(await startExporter(args, env));
  let next = 0;
  const take = (n: number) => requests.slice(next, (next += n));
  const warmup = take(WARMUP);
  await postConcurrently(target, warmup);
  parseAll(warmup);
  for (const phase of extra) await phase(warmup);
  const roundRatios: number[] = [];
  const sequentialMs: number[] = [];
  const pid = target.child.pid!;
  const cpuBefore = threadCpuMs(pid);
  for (let r = 0; r < ROUNDS; r++) {
    const batch = take(PER_ROUND);
    const sequential = take(SEQUENTIAL_PER_ROUND);
    let round = { accepted: 0, ms: 0 };
    let parseMs = 0;
    const phases = [
      async () => void (round = await postConcurrently(target, batch)),
      () => void (parseMs = parseAll(batch)),
      ...extra.map((phase) => () => phase(batch)),
      async () => {
        for (const b of sequential) {
          const t0 = performance.now();
          await post(target.sequential, b);
          sequentialMs.push(performance.now() - t0);
        }
      },
    ];
    // Rotate the order so no phase always runs first (or right after the heavy one).
    for (let k = 0; k < phases.length; k++) await phases[(r + k) % phases.length]();
    add(name, round.accepted, round.ms);
    add(`parse:${name}`, PER_ROUND * BATCH, parseMs);
    roundRatios.push(round.accepted / round.ms / ((PER_ROUND * BATCH) / parseMs));
  }
  const cpu = cpuSplit(pid, cpuBefore, threadCpuMs(pid));
  const counts = await counted(name, target.port, next * BATCH);
  await disconnect(target);
  const batches = ROUNDS * (PER_ROUND + SEQUENTIAL_PER_ROUND);
  const perBatch = { main: cpu.main / batches, worker: cpu.busiest / batches, rest: cpu.rest / batches };
  return { counts, roundRatios, sequentialMs, perBatch, scanner: target.scanner, ratio: eventsPerSecond(name) / eventsPerSecond(`parse:${name}`) };
}

// The bare servers hold no state and do nothing between requests; they run through the first block.
const floor = await connect(await startProcess(['-e', bareServer(false)]));
const parseOnly = await connect(await startProcess(['-e', bareServer(true)]));
const bare = (server: 'floor' | 'parseOnly', target: Target) => async (batch: PreparedRequest[]) => {
  const f = await postConcurrently(target, batch);
  add(server, f.accepted, f.ms);
};
// The exporter as shipped (--ingest.workers at its default, or TRADING_BENCH_WORKERS); then the same exporter
// checking every body on its main thread (what the worker threads add); then the shipped one without the
// native scanner (what the scanner adds), when the shipped one has it. Each in its own block against
// JSON.parse in the same block.
const shipped = await block('ingest', workerFlags, {}, [bare('floor', floor), bare('parseOnly', parseOnly)]);
await Promise.all([disconnect(floor), disconnect(parseOnly)]);
if (shipped.scanner === undefined) throw new Error('the exporter did not log which ingest scanner it uses');
const withNative = shipped.scanner === 'native';
console.log(`# the shipped exporter's ingest scanner: ${shipped.scanner}`);
const inline = await block('inline', ['--ingest.workers=0'], {});
const jsScan = withNative ? await block('jsScan', [...workerFlags, '--no-ingest.native-scanner'], {}) : shipped;
rmSync(dir, { recursive: true, force: true });
if (sink === 0) throw new Error('nothing parsed');

const ingestEps = eventsPerSecond('ingest');
const parseEps = eventsPerSecond('parse:ingest');
const seqMedian = median(shipped.sequentialMs);
report('trading_ingest_batch_events', BATCH);
report('trading_ingest_batch_bytes_median', median(bodies.map((x) => x.length)));
report('trading_ingest_concurrency', CONCURRENCY);
report('trading_ingest_rounds', ROUNDS);
report('trading_ingest_batches_per_round', PER_ROUND);
report('trading_ingest_workers', shipped.counts.workers);
report('trading_ingest_events_per_second', Math.round(ingestEps));
report('trading_ingest_inline_events_per_second', Math.round(eventsPerSecond('inline')));
report('trading_ingest_inline_vs_json_parse_ratio', inline.ratio);
// What the worker threads add: the shipped exporter vs the same exporter with --ingest.workers=0, each
// relative to JSON.parse in its own block (so a slower or faster machine moment cancels out).
report('trading_ingest_workers_vs_inline_ratio', shipped.ratio / inline.ratio);
// What the native scanner adds: the shipped exporter vs the same exporter with --no-ingest.native-scanner.
report('trading_ingest_without_native_events_per_second', Math.round(eventsPerSecond(withNative ? 'jsScan' : 'ingest')));
report('trading_ingest_without_native_vs_json_parse_ratio', jsScan.ratio);
if (withNative) report('trading_ingest_native_vs_without_ratio', shipped.ratio / jsScan.ratio);
else console.log(`# trading_ingest_native_vs_without_ratio not measured: the native scanner is not in use (${shipped.scanner.replace(/^javascript: /, '')}); every figure here is the JavaScript path`);
report('json_parse_events_per_second', Math.round(parseEps));
report('http_read_only_events_per_second', Math.round(eventsPerSecond('floor')));
const parseOnlyEps = eventsPerSecond('parseOnly');
report('http_json_parse_only_events_per_second', Math.round(parseOnlyEps));
report('http_json_parse_only_vs_json_parse_ratio', parseOnlyEps / parseEps);
// Steadier under machine load than the ratio to JSON.parse: both sides are servers fed by the same client.
report('trading_ingest_vs_http_json_parse_only_ratio', ingestEps / parseOnlyEps);
report('trading_ingest_sequential_batch_median_ms', seqMedian);
report('trading_ingest_sequential_events_per_second', Math.round((BATCH * 1000) / seqMedian));
report('json_parse_batch_mean_ms', totals.get('parse:ingest')!.ms / (ROUNDS * PER_ROUND));
// The exporter's CPU per batch by thread over its rounds (Linux /proc; 10 ms resolution, so ≈ 1-2% here):
// the main thread, its ingest worker (its busiest other thread), and the rest (V8's GC helpers, libuv).
if (shipped.perBatch.main > 0) {
  report('trading_ingest_main_thread_cpu_ms_per_batch', shipped.perBatch.main);
  report('trading_ingest_worker_thread_cpu_ms_per_batch', shipped.perBatch.worker);
  report('trading_ingest_other_threads_cpu_ms_per_batch', shipped.perBatch.rest);
}
report('trading_ingest_round_ratio_min', Math.min(...shipped.roundRatios));
report('trading_ingest_round_ratio_max', Math.max(...shipped.roundRatios));
report('trading_ingest_orphaned_events', shipped.counts.orphaned);
report('trading_ingest_evicted_orders', shipped.counts.evicted);
report('trading_ingest_vs_json_parse_ratio', shipped.ratio);
