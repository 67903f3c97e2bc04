// The exchange exporter with 100 venues × 10 symbols against 1 venue × 10 symbols, side by side in one run, both
// polling a local replay server (ccxt's recorded binance ticker and book for every symbol, server time generated):
// /metrics latency (scrapes never wait on a venue, so 100 venues should cost little more than one; target ≤ 2x),
// and CPU per venue poll (process utime+stime over a window without scrapes, divided by the venue cycles done).
// Needs the built exporter: npm run build -w @vigil/exchange-exporter.
import { packageBin, referenceDir, startExporterProcess, tempDir, waitFor, parseSamples, sample } from '@vigil/test-support';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { interleave, median, quantile, report } from './stats.js';
import { threadCpuMs } from './thread-cpu.js';

const VENUES = Number(process.env.EXCHANGE_BENCH_VENUES ?? 100);
const SYMBOLS = 10;
const ROUNDS = Number(process.env.EXCHANGE_BENCH_ROUNDS ?? 300);
const CPU_WINDOW_MS = Number(process.env.EXCHANGE_BENCH_CPU_WINDOW_MS ?? 10_000);
// The documented default poll interval: what a desk runs.
const POLL = process.env.EXCHANGE_BENCH_POLL ?? '15s';
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
const server = createServer((req, res) => {
  const body = bodies[(req.url ?? '/').split('?')[0]];
  if (!body) return void res.writeHead(404).end('{}');
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body()));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

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

const args = (file: string) => ['--log.level=warn', `--venues.file=${file}`, `--exchange.api-base=${base}`, `--exchange.markets-dir=${join(dir, 'markets')}`];
const many = await startExporterProcess([process.execPath, BIN], args(venuesFile('many.yml', VENUES)), { timeoutMs: 60_000 });
const one = await startExporterProcess([process.execPath, BIN], args(venuesFile('one.yml', 1)), { timeoutMs: 60_000 });

const cycles = (text: string) => sample(parseSamples(text), 'trading_exchange_request_duration_seconds_count', { method: 'fetchTime' }) ?? 0;
const upCount = (text: string) => [...parseSamples(text)].filter(([k, v]) => k.startsWith('trading_exchange_up{') && v === 1).length;

try {
  await waitFor(async () => upCount(await many.scrape()) === VENUES && upCount(await one.scrape()) === 1, { what: `${VENUES} venues up`, timeoutMs: 120_000 });

  // CPU per venue poll: a window with no scrape but the two reading the counters.
  const c0 = cycles(await many.scrape());
  const cpu0 = [...threadCpuMs(many.proc.pid!).values()].reduce((a, b) => a + b, 0);
  const started = Date.now();
  await waitFor(() => Date.now() - started >= CPU_WINDOW_MS || undefined, { what: 'the CPU window', timeoutMs: CPU_WINDOW_MS + 5000, intervalMs: 250 });
  const cpu1 = [...threadCpuMs(many.proc.pid!).values()].reduce((a, b) => a + b, 0);
  const c1 = cycles(await many.scrape());

  const t = await interleave(ROUNDS, 20, () => many.scrape(), () => one.scrape());
  const text = await many.scrape();
  report('exchange_scrape_venues', VENUES);
  report('exchange_scrape_symbols_per_venue', SYMBOLS);
  report('exchange_scrape_series_many', text.split('\n').filter((l) => l && !l.startsWith('#')).length);
  report('exchange_scrape_median_ms_many', median(t.a));
  report('exchange_scrape_median_ms_one', median(t.b));
  report('exchange_scrape_median_ratio', median(t.a) / median(t.b));
  report('exchange_scrape_p90_ratio', quantile(t.a, 0.9) / quantile(t.b, 0.9));
  report('exchange_venue_polls_in_window', c1 - c0);
  report('exchange_cpu_ms_per_venue_poll', (cpu1 - cpu0) / Math.max(1, c1 - c0));
  report('exchange_requests_per_venue_poll', 1 + 2 * SYMBOLS);
} finally {
  await many.stop();
  await one.stop();
  server.close();
}
