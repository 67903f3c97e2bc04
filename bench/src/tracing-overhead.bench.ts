// What OpenTelemetry tracing costs ingest. Two built trading exporters run side by side, identical but for
// OTEL_EXPORTER_OTLP_ENDPOINT: one traces (the default sampler, parentbased_always_on, so every batch is a
// sampled trace of three spans: the HTTP request, validate and apply, exemplars on its order observations) and
// sends its spans to an OTLP/HTTP sink in this process; the other has tracing off. Both take the same
// pre-serialised batches of 1,000 market-simulator events over the same concurrent keep-alive connections, in
// alternating blocks so machine noise (and the background work an exporter does after a block: orders
// finalizing, GC) falls on both alike. Printed: events/second with tracing on and off and their ratio, the
// exporters' CPU time per event (all threads, from /proc, over the measured rounds and what they left to do
// after) and its ratio, off over on: the figure the target applies to (tracing_ingest_cpu_off_vs_on_ratio >=
// 0.9; on a shared 2-core machine wall-time throughput swings by more than the cost measured), and what the
// sink received (so "on" is known to have traced).
//
// Needs the built exporter (npm run build -w @vigil/exporter-kit && npm run build -w @vigil/trading-exporter).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { packageBin } from '@vigil/test-support';
import { Simulator } from '@vigil/trading-exporter';
import { openConnections, preparePost, type LeanConnection, type PreparedRequest } from './lean-http-client.js';
import { median, report } from './stats.js';
import { cpuSplit, processCpuMs, threadSchedMs } from './thread-cpu.js';

const BATCH = 1_000;
const CONCURRENCY = 8;
// 200 rounds (25 groups): the groups of one run spread ±20 % (GC, the other tenants' load), so with 5 groups a
// run's median moved ±0.07 between runs, more than the margin measured; 25 narrow it (an A/A run: 1.02).
const ROUNDS = Number(process.env.TRACING_BENCH_ROUNDS ?? 200);
const GROUP = 8;
const PER_ROUND = Number(process.env.TRACING_BENCH_BATCHES_PER_ROUND ?? 10);
// 200 batches are ≈ 600 spans, past the batch span processor's first export (at 512 spans, the default
// OTEL_BSP_MAX_EXPORT_BATCH_SIZE): see the warm-up below.
const WARMUP = Number(process.env.TRACING_BENCH_WARMUP ?? 200);
const TOKEN = 'bench-tracing-token';
const EXPORTER = packageBin('@vigil/trading-exporter', 'vigil-trading-exporter');

const needed = WARMUP + ROUNDS * PER_ROUND;
const sim = new Simulator({ seed: 7, ordersPerSecond: 400, runId: 'tracing' });
const events: unknown[] = [];
const start = Date.now() - 1_800_000;
for (let t = start; events.length < BATCH * needed && t < Date.now(); t += 100) events.push(...sim.tick(t));
const requests: PreparedRequest[] = [];
for (let i = 0; i + BATCH <= events.length; i += BATCH) {
  requests.push(preparePost('/v1/events', Buffer.from(JSON.stringify(events.slice(i, i + BATCH))), { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }));
}
if (requests.length < needed) throw new Error(`only ${requests.length} batches generated, ${needed} needed`);
events.length = 0;

// The Collector's place: takes OTLP/HTTP posts and counts them.
let sinkPosts = 0;
let sinkBytes = 0;
const sink = createServer((req, res) => {
  req.on('data', (c: Buffer) => (sinkBytes += c.length));
  req.on('end', () => {
    sinkPosts++;
    res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
  });
});
await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;

const dir = mkdtempSync(join(tmpdir(), 'vigil-tracing-bench-'));
writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
const children: ChildProcess[] = [];
process.on('exit', () => {
  children.forEach((c) => c.exitCode === null && c.kill('SIGKILL'));
  rmSync(dir, { recursive: true, force: true });
});

async function startExporter(name: string, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const args = [EXPORTER, '--web.listen-address=127.0.0.1:0', `--ingest.token-file=${join(dir, 'token')}`, '--orders.grace-period=250ms', '--orders.max-open=2000000'];
  // No OTEL_* from the shell: each exporter gets exactly its own.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_')));
  // TRACING_BENCH_PROFILE_DIR: both exporters write a V8 CPU profile there at exit (where the cost goes).
  const prof = process.env.TRACING_BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.TRACING_BENCH_PROFILE_DIR}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...prof, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...base, ...env } });
  children.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exporter exited with ${code} before listening`)));
    createInterface({ input: child.stderr! }).on('line', (line) => {
      if (!line.includes('"level":30')) process.stderr.write(`${line}\n`);
      const m = /"msg":"listening".*"address":"[^"]*:(\d+)"|"address":"[^"]*:(\d+)".*"msg":"listening"/.exec(line);
      if (m) resolve(Number(m[1] ?? m[2]));
    });
  });
  return { child, port };
}

async function postAll(conns: LeanConnection[], batch: PreparedRequest[]): Promise<{ accepted: number; ms: number }> {
  let i = 0;
  let accepted = 0;
  const t0 = performance.now();
  await Promise.all(
    conns.map(async (conn) => {
      while (i < batch.length) {
        const answer = await conn.send(batch[i++]);
        if (answer.status !== 202) throw new Error(`status ${answer.status}: ${answer.body}`);
        accepted += (JSON.parse(answer.body) as { accepted: number }).accepted;
      }
    }),
  );
  return { accepted, ms: performance.now() - t0 };
}

// TRACING_BENCH_SAMPLER (e.g. always_off) tells the context propagation's share from the spans' and exemplars'.
const sampler: Record<string, string> = process.env.TRACING_BENCH_SAMPLER ? { OTEL_TRACES_SAMPLER: process.env.TRACING_BENCH_SAMPLER } : {};
// TRACING_BENCH_UNTRACED_BOTH=1: "on" gets no endpoint either, an A/A run that shows the measure's own bias.
const aa = process.env.TRACING_BENCH_UNTRACED_BOTH === '1';
const on = await startExporter('traced', aa ? {} : { OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl, OTEL_SERVICE_NAME: 'trading-exporter', ...sampler });
const off = await startExporter('untraced', {});
const targets = { on: await openConnections(on.port, CONCURRENCY), off: await openConnections(off.port, CONCURRENCY) };

// Warm-up: both take the first batches (JIT, order table, first finalizations), and the traced one makes its
// first export. That export is a one-off (the OTLP exporter opens its HTTP agent and connection, and its
// serializer first runs unoptimised: ≈ 0.05–0.15 s of CPU once, measured 2026-12-03), not a cost per event;
// with 40 warm-up batches it fell inside the measured rounds and was most of what they showed (bench/README).
// TRACING_BENCH_WARMUP sets the count (and skips the wait for the first export).
for (const mode of ['on', 'off'] as const) await postAll(targets[mode], requests.slice(0, WARMUP));
const traced = !aa && !process.env.TRACING_BENCH_SAMPLER;
if (traced && !process.env.TRACING_BENCH_WARMUP) {
  const deadline = Date.now() + 10_000;
  while (sinkPosts === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (sinkPosts === 0) throw new Error('the traced exporter made no export during the warm-up');
}
const postsBefore = sinkPosts;
// Each round: a block for each (the order alternating), both processes' CPU (all threads, ns from /proc) read
// at the round's edges, so each round's window holds both exporters' work, what the round before left them
// (finalizations, GC) included. A round is too short to compare alone (a GC or a burst of the other tenants'
// load moves it by ±30 %): rounds are summed in groups of GROUP, and the ratios printed are the median over
// groups (min and max beside it), with the ratio over all rounds.
type Work = { events: number; ms: number; cpuMs: number };
const rounds: Array<{ on: Work; off: Work }> = [];
const cpu = { on: () => processCpuMs(on.child.pid!), off: () => processCpuMs(off.child.pid!) };
const cpuStart = { on: cpu.on(), off: cpu.off() };
const threadsStart = { on: threadSchedMs(on.child.pid!), off: threadSchedMs(off.child.pid!) };
for (let r = 0; r < ROUNDS; r++) {
  const batch = requests.slice(WARMUP + r * PER_ROUND, WARMUP + (r + 1) * PER_ROUND);
  const before = { on: cpu.on(), off: cpu.off() };
  const round = { on: { events: 0, ms: 0, cpuMs: 0 }, off: { events: 0, ms: 0, cpuMs: 0 } };
  for (const mode of r % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
    const { accepted, ms } = await postAll(targets[mode], batch);
    round[mode].events = accepted;
    round[mode].ms = ms;
  }
  round.on.cpuMs = cpu.on() - before.on;
  round.off.cpuMs = cpu.off() - before.off;
  rounds.push(round);
}
// Let both finish what the rounds left (finalizations; the traced one sends what it still holds).
await new Promise((r) => setTimeout(r, 1500));
const sum = (rs: typeof rounds, m: 'on' | 'off', k: keyof Work) => rs.reduce((a, r) => a + r[m][k], 0);
const groups: Array<typeof rounds> = [];
for (let i = 0; i + GROUP <= rounds.length; i += GROUP) groups.push(rounds.slice(i, i + GROUP));
const epsRatio = groups.map((g) => sum(g, 'on', 'events') / sum(g, 'on', 'ms') / (sum(g, 'off', 'events') / sum(g, 'off', 'ms')));
const cpuRatio = groups.map((g) => sum(g, 'off', 'cpuMs') / sum(g, 'off', 'events') / (sum(g, 'on', 'cpuMs') / sum(g, 'on', 'events')));
const eps = (m: 'on' | 'off') => (sum(rounds, m, 'events') / sum(rounds, m, 'ms')) * 1000;
// Over all rounds and the wait after them.
const cpuPerEvent = (m: 'on' | 'off') => ((cpu[m]() - cpuStart[m]) * 1000) / sum(rounds, m, 'events');
report('tracing_ingest_groups', groups.length);
report('tracing_ingest_on_events_per_second', Math.round(eps('on')));
report('tracing_ingest_off_events_per_second', Math.round(eps('off')));
report('tracing_ingest_on_vs_off_ratio', median(epsRatio));
report('tracing_ingest_on_vs_off_ratio_min', Math.min(...epsRatio));
report('tracing_ingest_on_vs_off_ratio_max', Math.max(...epsRatio));
report('tracing_ingest_cpu_us_per_event_on', cpuPerEvent('on'));
report('tracing_ingest_cpu_us_per_event_off', cpuPerEvent('off'));
report('tracing_ingest_cpu_off_vs_on_ratio', median(cpuRatio));
report('tracing_ingest_cpu_off_vs_on_ratio_min', Math.min(...cpuRatio));
report('tracing_ingest_cpu_off_vs_on_ratio_max', Math.max(...cpuRatio));
report('tracing_ingest_cpu_off_vs_on_ratio_overall', cpuPerEvent('off') / cpuPerEvent('on'));
// Each group's CPU ratio in run order: whether what tracing costs settles as the run goes on (JIT) or stays.
process.stderr.write(`# CPU ratio by group, in order: ${cpuRatio.map((r) => r.toFixed(3)).join(' ')}\n`);
// Where each one's CPU went, per thread (ids are in creation order: the main thread, V8's platform workers,
// the ingest worker thread, libuv's pool), as µs per event: what tracing adds, thread by thread.
for (const m of ['on', 'off'] as const) {
  const pid = (m === 'on' ? on : off).child.pid!;
  const after = threadSchedMs(pid);
  const split = cpuSplit(pid, threadsStart[m], after);
  const n = sum(rounds, m, 'events');
  report(`tracing_ingest_cpu_us_per_event_${m}_main`, (split.main * 1000) / n);
  report(`tracing_ingest_cpu_us_per_event_${m}_busiest_other`, (split.busiest * 1000) / n);
  report(`tracing_ingest_cpu_us_per_event_${m}_rest`, (split.rest * 1000) / n);
  const line = [...after].map(([tid, ms]) => `+${tid - pid}:${(ms - (threadsStart[m].get(tid) ?? 0)).toFixed(0)}`).join(' ');
  process.stderr.write(`# ${m} threads (tid - pid: CPU ms over the rounds and the wait): ${line}\n`);
}
report('tracing_otlp_posts_received', sinkPosts);
report('tracing_otlp_posts_during_rounds', sinkPosts - postsBefore);
report('tracing_otlp_bytes_received', sinkBytes);
if (sinkPosts === 0 && traced) throw new Error('the traced exporter sent no spans: the comparison measured nothing');
// The rounds' ≈ 1,200 spans make two exports (at 512 spans each); none would mean the serialisation and sending
// were left out of what was measured.
if (traced && !process.env.TRACING_BENCH_WARMUP && sinkPosts === postsBefore) throw new Error('the traced exporter made no export during the rounds');
for (const c of [...targets.on, ...targets.off]) c.close();
// Both stop gracefully (and write their profiles when asked), within 10 s.
const exited = children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r))));
for (const c of children) c.kill('SIGTERM');
await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, 10_000).unref())]);
sink.close();
