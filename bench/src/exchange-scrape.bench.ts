// The exchange exporter with 100 venues × 10 symbols against 1 venue × 10 symbols, side by side in one run, each
// polling its own local replay server (ccxt's recorded binance ticker and book for every symbol, server time
// generated): /metrics latency (scrapes never wait on a venue, so 100 venues should cost little more than one;
// target ≤ 2x), and CPU per venue poll (process CPU over a window without scrapes, divided by the venue polls'
// requests the replay server answered in it). The scrape latency is measured by three clients, each alternating
// the two exporters: `fetch().text()` (undici; its web streams and the UTF-8 decode cost per byte), a lean
// node:http-socket client that reads the body as bytes (as Prometheus does), and the same sending Prometheus'
// headers (OpenMetrics, gzip) and decompressing; the two lean ones again with every venue changed since the previous
// scrape (a poll interval apart); then a real Prometheus scrapes both and its scrape_duration_seconds is compared,
// beside its scrapes of the same bodies served by a static server (the floor: Prometheus' own work). Needs the built exporter: npm run build -w @vigil/exchange-exporter.
import {
  packageBin,
  referenceDir,
  startExporterProcess,
  startPrometheus,
  tempDir,
  waitFor,
  parseSamples,
} from '@vigil/test-support';
import { parseDuration } from '@vigil/exporter-kit';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { LeanConnection, prepareGet, type Answer, type PreparedRequest } from './lean-http-client.js';
import { interleave, median, quantile, report } from './stats.js';
import { processCpuMs } from './thread-cpu.js';
import { readFinished, REQUEST_TIMING_PRELOAD, SplitRecorder, wallMs } from './scrape-split.js';

const benchStarted = Date.now();
const VENUES = Number(process.env.EXCHANGE_BENCH_VENUES ?? 100);
const SYMBOLS = 10;
const ROUNDS = Number(process.env.EXCHANGE_BENCH_ROUNDS ?? 300);
const CPU_WINDOW_MS = Number(process.env.EXCHANGE_BENCH_CPU_WINDOW_MS ?? 10_000);
// The documented default poll interval: what a desk runs.
const POLL = process.env.EXCHANGE_BENCH_POLL ?? '15s';
// Real Prometheus: scrape interval and how long it scrapes both (0 skips it).
const PROM_INTERVAL = process.env.EXCHANGE_BENCH_PROM_INTERVAL ?? '250ms';
const PROM_SECONDS = Number(process.env.EXCHANGE_BENCH_PROM_SECONDS ?? 60);
// Rounds of scrapes taken each after every venue has polled since the round before (a poll interval apart): what a
// Prometheus scraping as often as the venues are polled gets. Each round scrapes each exporter once with each
// client (identity, Prometheus' headers), so a run's medians are of CHANGED_ROUNDS scrapes each.
const CHANGED_ROUNDS = Number(process.env.EXCHANGE_BENCH_CHANGED_ROUNDS ?? 20);
// Extra flags for the 100-venue exporter only (e.g. `--pollers.threads=0`), and for both.
const MANY_ARGS = (process.env.EXCHANGE_BENCH_MANY_ARGS ?? '').split(' ').filter(Boolean);
const BOTH_ARGS = (process.env.EXCHANGE_BENCH_ARGS ?? '').split(' ').filter(Boolean);
const REQUESTS_PER_POLL = 1 + 2 * SYMBOLS;
const BIN = packageBin('@vigil/exchange-exporter', 'vigil-exchange-exporter');
const ccxtDir = referenceDir('ccxt');

const recorded = JSON.parse(readFileSync(join(ccxtDir, 'response', 'binance.json'), 'utf8')) as {
  methods: Record<string, Array<{ httpResponse: unknown }>>;
};
const bodies: Record<string, () => unknown> = {
  '/api.binance.com/api/v3/time': () => ({ serverTime: Date.now() }),
  '/api.binance.com/api/v3/ticker/24hr': () => recorded.methods.fetchTicker[0].httpResponse,
  '/api.binance.com/api/v3/depth': () => recorded.methods.fetchOrderBook[0].httpResponse,
};

/** A replay server of its own per exporter, counting the requests it answered (the venue polls' work). */
async function replayServer(): Promise<{ base: string; answered: () => number; close: () => void }> {
  let answered = 0;
  const server = createServer((req, res) => {
    const body = bodies[(req.url ?? '/').split('?')[0]];
    if (!body) return void res.writeHead(404).end('{}');
    answered++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, answered: () => answered, close: () => server.close() };
}
const replayMany = await replayServer();
const replayOne = await replayServer();

// Ten spot markets cloned from binance's BTC/USDT (integer precisions turned into tick sizes).
const dir = tempDir('vigil-exchange-bench-');
mkdirSync(join(dir, 'markets'));
const markets = JSON.parse(readFileSync(join(ccxtDir, 'markets', 'binance.json'), 'utf8')) as Record<string, Record<string, unknown>>;
const btc = markets['BTC/USDT'];
const precision = Object.fromEntries(Object.entries(btc.precision as Record<string, number>).map(([k, v]) => [k, 10 ** -v]));
const symbols = Array.from({ length: SYMBOLS }, (_, i) => `C${i}/USDT`);
writeFileSync(
  join(dir, 'markets', 'binance.json'),
  JSON.stringify(Object.fromEntries(symbols.map((s, i) => [s, { ...btc, id: `C${i}USDT`, symbol: s, base: `C${i}`, baseId: `C${i}`, precision }]))),
);

function venuesFile(name: string, count: number): string {
  let yaml = 'venues:\n';
  for (let i = 0; i < count; i++) {
    yaml += `  - id: v${String(i).padStart(3, '0')}\n    exchange: binance\n    symbols: ${JSON.stringify(symbols)}\n    poll_interval: ${POLL}\n    request_interval: 1ms\n`;
  }
  writeFileSync(join(dir, name), yaml);
  return join(dir, name);
}

const args = (file: string, base: string) => ['--log.level=warn', `--venues.file=${file}`, `--exchange.api-base=${base}`, `--exchange.markets-dir=${join(dir, 'markets')}`, ...BOTH_ARGS];
// Both run with request-timing.mjs preloaded: each answer says when its request reached the exporter's 'request'
// event and when its first byte was written; the finish times come in a file at exit (scrape-split.ts).
const timing = { many: join(dir, 'timing-many.json'), one: join(dir, 'timing-one.json') };
const command = [process.execPath, '--import', REQUEST_TIMING_PRELOAD, BIN];
const many = await startExporterProcess(command, [...args(venuesFile('many.yml', VENUES), replayMany.base), ...MANY_ARGS], { timeoutMs: 60_000, env: { VIGIL_BENCH_TIMING_FILE: timing.many } });
const one = await startExporterProcess(command, args(venuesFile('one.yml', 1), replayOne.base), { timeoutMs: 60_000, env: { VIGIL_BENCH_TIMING_FILE: timing.one } });

const upCount = (text: string) => [...parseSamples(text)].filter(([k, v]) => k.startsWith('trading_exchange_up{') && v === 1).length;

const IDENTITY = prepareGet('/metrics', {});
/** The headers Prometheus 2.42 sends: it prefers OpenMetrics and accepts gzip. */
const PROMETHEUS_LIKE = prepareGet('/metrics', {
  Accept: 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
  'Accept-Encoding': 'gzip',
});
const isGzip = (a: Answer) => /\r\ncontent-encoding:\s*gzip/i.test(a.head);
/** A lean scrape: the body's bytes as a scraper reads them, gunzipped when the answer is gzip. */
async function leanScrape(conn: LeanConnection, req: PreparedRequest, split?: SplitRecorder): Promise<{ wire: number; bytes: Buffer }> {
  const sent = wallMs();
  const a = await conn.send(req);
  split?.add(sent, wallMs(), a);
  if (a.status !== 200) throw new Error(`/metrics answered ${a.status}`);
  return { wire: a.bytes.length, bytes: isGzip(a) ? gunzipSync(a.bytes) : a.bytes };
}

/**
 * A server that answers every GET with one captured answer (its body as sent, content type and encoding): what
 * Prometheus' own scrape costs for that body (read, gunzip, parse, append) with an exporter that does nothing.
 */
async function staticServer(a: Answer): Promise<{ port: number; close: () => void }> {
  const header = (name: string) => new RegExp(`\\r\\n${name}:\\s*([^\\r]*)`, 'i').exec(a.head)?.[1];
  const headers: Record<string, string> = { 'content-type': header('content-type') ?? 'text/plain', 'content-length': String(a.bytes.length) };
  const encoding = header('content-encoding');
  if (encoding) headers['content-encoding'] = encoding;
  const server = createServer((_req, res) => res.writeHead(200, headers).end(a.bytes));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

function reportPair(prefix: string, t: { a: number[]; b: number[] }): void {
  report(`${prefix}_median_ms_many`, median(t.a));
  report(`${prefix}_median_ms_one`, median(t.b));
  report(`${prefix}_median_ratio`, median(t.a) / median(t.b));
  report(`${prefix}_p90_ratio`, quantile(t.a, 0.9) / quantile(t.b, 0.9));
}

// Each split phase: [name, recorder of the 100-venue exporter's scrapes, of the 1-venue exporter's].
const splits: Array<[string, SplitRecorder, SplitRecorder]> = [];
const splitPhase = (name: string) => {
  const phase: [string, SplitRecorder, SplitRecorder] = [name, new SplitRecorder(), new SplitRecorder()];
  splits.push(phase);
  return { many: phase[1], one: phase[2] };
};

// Opened once the venues are up and the CPU window is over: the exporter closes a connection idle for 10 s (408).
let connMany: LeanConnection | undefined;
let connOne: LeanConnection | undefined;
try {
  await waitFor(async () => upCount(await many.scrape()) === VENUES && upCount(await one.scrape()) === 1, { what: `${VENUES} venues up`, timeoutMs: 120_000 });

  // CPU per venue poll: a window with no scrape, at least one poll interval long (the venues may poll in step, all
  // at once every interval: a shorter window can hold none of their polls, or all of them), over the requests the
  // replay server answered in it; a poll cut by the window's edges counts by the requests it made inside.
  const windowMs = Math.max(CPU_WINDOW_MS, parseDuration(POLL) ?? 0);
  const n0 = [replayMany.answered(), replayOne.answered()];
  const cpu0 = [processCpuMs(many.proc.pid!), processCpuMs(one.proc.pid!)];
  const started = Date.now();
  await waitFor(() => Date.now() - started >= windowMs || undefined, { what: 'the CPU window', timeoutMs: windowMs + 5000, intervalMs: 250 });
  const cpu = [processCpuMs(many.proc.pid!) - cpu0[0], processCpuMs(one.proc.pid!) - cpu0[1]];
  const polls = [(replayMany.answered() - n0[0]) / REQUESTS_PER_POLL, (replayOne.answered() - n0[1]) / REQUESTS_PER_POLL];

  connMany = await LeanConnection.open(many.port);
  connOne = await LeanConnection.open(one.port);
  const [cm, co] = [connMany, connOne];
  const text = await many.scrape();
  const lean = await leanScrape(cm, IDENTITY);
  const gz = await leanScrape(cm, PROMETHEUS_LIKE);
  report('exchange_scrape_venues', VENUES);
  report('exchange_scrape_symbols_per_venue', SYMBOLS);
  report('exchange_scrape_series_many', text.split('\n').filter((l) => l && !l.startsWith('#')).length);
  report('exchange_scrape_body_bytes_many', lean.wire);
  report('exchange_scrape_gzip_bytes_many', gz.wire);

  // The target's figure: the lean client reading bytes, no gzip (the same client the figure was first taken with
  // was fetch; both are printed).
  const backToBack = splitPhase('exchange_scrape_split');
  reportPair('exchange_scrape', await interleave(ROUNDS, 20, () => leanScrape(cm, IDENTITY, backToBack.many), () => leanScrape(co, IDENTITY, backToBack.one)));
  // The warm-up rounds' scrapes out of the split.
  for (const r of [backToBack.many, backToBack.one]) r.scrapes.splice(0, r.scrapes.length - ROUNDS);
  // As Prometheus asks: OpenMetrics, gzip (decompressed by the client, as Prometheus does before parsing).
  reportPair('exchange_scrape_prometheus_headers', await interleave(ROUNDS, 20, () => leanScrape(cm, PROMETHEUS_LIKE), () => leanScrape(co, PROMETHEUS_LIKE)));
  cm.close();
  co.close();
  // fetch asks for gzip (undici's default Accept-Encoding) and decodes the answer into a string.
  reportPair('exchange_scrape_fetch', await interleave(ROUNDS, 20, () => many.scrape(), () => one.scrape()));

  if (CHANGED_ROUNDS > 0) {
    // Every venue changed since the previous scrape: each round waits one poll interval (and a margin) after the
    // round before, then scrapes both exporters on fresh connections (the exporter closes one idle for 10 s).
    const pollMs = parseDuration(POLL) ?? 15_000;
    // Each round: the two clients one after the other on one fresh connection per exporter (a client's scrape
    // re-joins its own encoding's blocks: the second finds every venue changed in its encoding too), the order of
    // the clients and of the exporters alternating over rounds.
    const changed = { identity: { a: [] as number[], b: [] as number[] }, prometheus: { a: [] as number[], b: [] as number[] } };
    const split = { identity: splitPhase('exchange_scrape_all_changed_split'), prometheus: splitPhase('exchange_scrape_all_changed_prometheus_headers_split') };
    const changedStarted = Date.now();
    let last = Date.now();
    for (let i = 0; i < CHANGED_ROUNDS; i++) {
      await waitFor(() => Date.now() - last >= pollMs + 500 || undefined, { what: 'a poll interval', timeoutMs: pollMs + 5000, intervalMs: 100 });
      const clients: Array<'identity' | 'prometheus'> = i % 2 ? ['prometheus', 'identity'] : ['identity', 'prometheus'];
      const [c1, c2] = [await LeanConnection.open(many.port), await LeanConnection.open(one.port)];
      try {
        for (const client of clients) {
          const out = changed[client];
          const req = client === 'identity' ? IDENTITY : PROMETHEUS_LIKE;
          const order: Array<[LeanConnection, number[], SplitRecorder]> =
            (i >> 1) % 2 ? [[c2, out.b, split[client].one], [c1, out.a, split[client].many]] : [[c1, out.a, split[client].many], [c2, out.b, split[client].one]];
          for (const [c, times, rec] of order) {
            const t0 = performance.now();
            await leanScrape(c, req, rec);
            times.push(performance.now() - t0);
          }
        }
      } finally {
        c1.close();
        c2.close();
      }
      last = Date.now();
    }
    report('exchange_scrape_all_changed_rounds', CHANGED_ROUNDS);
    report('exchange_scrape_all_changed_phase_seconds', (Date.now() - changedStarted) / 1000, 1);
    reportPair('exchange_scrape_all_changed', changed.identity);
    reportPair('exchange_scrape_all_changed_prometheus_headers', changed.prometheus);
  }

  if (PROM_SECONDS > 0) {
    // The floor: each exporter's answer to Prometheus' headers, captured now and served as it is by a static
    // server in this process, scraped by the same Prometheus in the same run. Its scrape_duration is Prometheus'
    // own work for that body (gunzip, parse, append); the exporters' minus it is what the exporters add.
    const captured = [await LeanConnection.open(many.port), await LeanConnection.open(one.port)];
    const floors: Array<{ port: number; close: () => void }> = [];
    try {
      for (const c of captured) {
        const a = await c.send(PROMETHEUS_LIKE);
        if (a.status !== 200) throw new Error(`/metrics answered ${a.status}`);
        floors.push(await staticServer(a));
      }
    } finally {
      for (const c of captured) c.close();
    }
    const intervalS = (parseDuration(PROM_INTERVAL) ?? 250) / 1000;
    const target = (job: string, port: number) => ({ job_name: job, static_configs: [{ targets: [`127.0.0.1:${port}`] }] });
    const prom = await startPrometheus({
      config: {
        global: { scrape_interval: PROM_INTERVAL, scrape_timeout: PROM_INTERVAL },
        scrape_configs: [target('many', many.port), target('one', one.port), target('floor_many', floors[0].port), target('floor_one', floors[1].port)],
      },
      args: ['--storage.tsdb.retention.time=1h'],
    });
    try {
      const since = Date.now() / 1000;
      await waitFor(() => Date.now() / 1000 - since >= PROM_SECONDS || undefined, { what: 'the Prometheus scrapes', timeoutMs: PROM_SECONDS * 1000 + 10_000, intervalMs: 500 });
      const at = Date.now() / 1000;
      const range = `${Math.floor(at - since - 2 * intervalS)}s`;
      const q = async (expr: string) => Number((await prom.query(expr, at))[0]?.value[1] ?? NaN);
      const med = (job: string) => q(`quantile_over_time(0.5, scrape_duration_seconds{job="${job}"}[${range}])`);
      const p90 = (job: string) => q(`quantile_over_time(0.9, scrape_duration_seconds{job="${job}"}[${range}])`);
      const [mm, mo, pm, po] = [await med('many'), await med('one'), await p90('many'), await p90('one')];
      const [fm, fo] = [await med('floor_many'), await med('floor_one')];
      report('exchange_prometheus_scrapes_many', await q(`count_over_time(scrape_duration_seconds{job="many"}[${range}])`));
      report('exchange_prometheus_scrape_median_ms_many', mm * 1000);
      report('exchange_prometheus_scrape_median_ms_one', mo * 1000);
      report('exchange_prometheus_scrape_median_ratio', mm / mo);
      report('exchange_prometheus_scrape_p90_ratio', pm / po);
      report('exchange_prometheus_floor_median_ms_many', fm * 1000);
      report('exchange_prometheus_floor_median_ms_one', fo * 1000);
      report('exchange_prometheus_floor_ratio', fm / fo);
      report('exchange_prometheus_excess_ms_many', (mm - fm) * 1000);
      report('exchange_prometheus_excess_ms_one', (mo - fo) * 1000);
      report('exchange_prometheus_excess_ratio', (mm - fm) / (mo - fo));
    } finally {
      await prom.stop();
      for (const f of floors) f.close();
    }
  }
  report('exchange_venue_polls_in_window', Math.round(polls[0]));
  report('exchange_cpu_window_ms', windowMs);
  report('exchange_cpu_ms_per_venue_poll', cpu[0] / Math.max(1, polls[0]));
  // Less what a 1-venue process spends in the same window (timers, GC, process metrics: the fixed part).
  report('exchange_cpu_ms_per_venue_poll_net', (cpu[0] - cpu[1]) / Math.max(1, polls[0] - polls[1]));
  report('exchange_requests_per_venue_poll', REQUESTS_PER_POLL);
} finally {
  connMany?.close();
  connOne?.close();
  await many.stop();
  await one.stop();
  replayMany.close();
  replayOne.close();
}
// The split of each phase's scrapes, once the exporters have written their finish times at exit.
const finished = { many: readFinished(timing.many), one: readFinished(timing.one) };
for (const [name, m, o] of splits) {
  m.report(`${name}_many`, finished.many);
  o.report(`${name}_one`, finished.one);
}
report('exchange_bench_seconds', (Date.now() - benchStarted) / 1000, 1);
