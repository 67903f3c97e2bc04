// --pollers.threads when things go wrong: a venue's market list unreadable (refused at start like in-process mode;
// in a worker, that venue alone fails and the worker lives), a worker restarted while a venue is paused by
// Retry-After (the pause holds), a worker stuck in a busy loop (noticed, terminated, restarted, counted), and a
// venue removed, or changed under the same id, while its worker is too busy to answer (nothing late of the old
// poller comes back or lands on the new one), shutdown while every
// venue's request hangs (bounded by the grace period, not the sum of the requests). Real ccxt against the
// replay server.
import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir, waitFor } from '@vigil/test-support';
import { setupExchanges, type ExchangeSetup } from '../src/setup-exchanges.js';
import type { ToWorker } from '../src/pollers/protocol.js';
import { parseSamples, sample, scrape, startExporter, waitForSamples, type Running } from './helpers.js';
import { HOSTS, marketsDir, ReplayServer, writeVenues } from './replay-server.js';

// Lets a test busy-loop a worker (the worker honours 'block' only with this set).
process.env.VIGIL_EXCHANGE_TEST_HOOKS = '1';

const up = (m: Map<string, number>, venue: string) => sample(m, 'trading_exchange_up', { venue });
const restarts = (m: Map<string, number>) => sample(m, 'exchange_exporter_poller_thread_restarts_total', {});
const tickers = (m: Map<string, number>, venue: string) => sample(m, 'trading_exchange_request_duration_seconds_count', { venue, method: 'fetchTicker', outcome: 'success' }) ?? 0;
const anyOf = (m: Map<string, number>, venue: string) => [...m.keys()].filter((k) => k.includes(`venue="${venue}"`));

function start(argv: string[], set: (s: ExchangeSetup | undefined) => void): Promise<Running> {
  return startExporter(argv, {}, { setup: async (exporter, flags) => void set(await setupExchanges(exporter, flags)) });
}

describe('a venue whose market list does not parse', { timeout: 90_000 }, () => {
  const server = new ReplayServer();
  let ex: Running | undefined;
  let setup: ExchangeSetup | undefined;
  let base: string;
  before(async () => void (base = await server.listen()));
  after(async () => {
    await ex?.stop();
    await server.close();
  });

  it('is refused at start naming the venue, as without threads', async () => {
    const md = tempDir();
    cpSync(marketsDir(), md, { recursive: true });
    writeFileSync(join(md, 'okx.json'), '{"BTC/USDT": ');
    const file = writeVenues(tempDir(), { okx: ['BTC/USDT'], bybit: ['BTC/USDT:USDT'] });
    for (const threads of ['0', '1']) {
      await assert.rejects(start([`--venues.file=${file}`, `--exchange.api-base=${base}`, `--exchange.markets-dir=${md}`, `--pollers.threads=${threads}`], () => undefined), /venue okx: markets file .*okx\.json/);
    }
  });

  it('spoilt after start, fails alone in its worker: shown as its own error, the other venue polled, the worker alive', async () => {
    const md = tempDir();
    cpSync(marketsDir(), md, { recursive: true });
    const file = writeVenues(tempDir(), { okx: ['BTC/USDT'], bybit: ['BTC/USDT:USDT'] });
    ex = await start([`--venues.file=${file}`, `--exchange.api-base=${base}`, `--exchange.markets-dir=${md}`, '--exchange.timeout=1s', '--pollers.threads=1'], (s) => (setup = s));
    await waitForSamples(ex.url, 'both up', (s) => up(s, 'okx') === 1 && up(s, 'bybit') === 1, 30_000);
    writeFileSync(join(md, 'okx.json'), '{"BTC/USDT": ');
    // The restarted worker builds okx's poller again from the spoilt file.
    await setup!.threads!.workers[0]!.terminate();
    const m = await waitForSamples(ex.url, 'okx failing on its own, bybit polled again', (s) => (sample(s, 'trading_exchange_errors_total', { venue: 'okx', method: 'poll', error_class: 'other' }) ?? 0) >= 1 && up(s, 'okx') === 0 && up(s, 'bybit') === 1 && restarts(s) === 1, 30_000);
    const n = tickers(m, 'bybit');
    const later = await waitForSamples(ex.url, 'bybit polled on', (s) => tickers(s, 'bybit') >= n + 3, 30_000);
    assert.equal(restarts(later), 1, 'the worker did not die again');
    assert.equal(up(later, 'okx'), 0);
    assert.match(ex.logs.text, /"venue":"okx".*venue poller could not be set up in its thread/);
    // Mended: tried again after its backoff, polled again.
    cpSync(join(marketsDir(), 'okx.json'), join(md, 'okx.json'));
    await waitForSamples(ex.url, 'okx polled again', (s) => up(s, 'okx') === 1, 30_000);
  });
});

/** An exporter polling okx alone in one worker thread, started before the describe's tests, stopped after. */
function okxInOneThread(): { server: ReplayServer; ex: () => Running; threads: () => NonNullable<ExchangeSetup['threads']> } {
  const server = new ReplayServer();
  let ex: Running | undefined;
  let setup: ExchangeSetup | undefined;
  before(async () => {
    const base = await server.listen();
    const file = writeVenues(tempDir(), { okx: ['BTC/USDT'] });
    ex = await start([`--venues.file=${file}`, `--exchange.api-base=${base}`, `--exchange.markets-dir=${marketsDir()}`, '--exchange.timeout=1s', '--pollers.threads=1'], (s) => (setup = s));
    await waitForSamples(ex.url, 'up', (m) => up(m, 'okx') === 1, 30_000);
  });
  after(async () => {
    await ex?.stop();
    await server.close();
  });
  return { server, ex: () => ex!, threads: () => setup!.threads! };
}

describe('a worker restarted while a venue is paused by Retry-After', { timeout: 90_000 }, () => {
  const { server, ex, threads } = okxInOneThread();
  const okx = () => server.seen.filter((r) => r.includes('/www.okx.com/')).length;

  it('does not ask the venue again before its Retry-After', async () => {
    server.fault('okx', '429-retry-after-30');
    await waitForSamples(ex().url, 'paused by its 30 s Retry-After', (m) => (sample(m, 'trading_exchange_backoff_seconds', { venue: 'okx' }) ?? 0) > 20, 30_000);
    server.fault('okx', undefined);
    const asked = okx();
    await threads().workers[0]!.terminate();
    await waitForSamples(ex().url, 'restarted', (m) => restarts(m) === 1, 30_000);
    // The new worker has been up 6 s (it loads ccxt in 1-3 s, then would poll at once).
    await waitFor(() => threads().workers.length === 1 || undefined, { what: 'a new worker', timeoutMs: 30_000 });
    const t0 = Date.now();
    await waitFor(() => Date.now() - t0 > 6000 || undefined, { what: '6 s', timeoutMs: 10_000, intervalMs: 200 });
    const m = parseSamples(await scrape(ex().url));
    assert.equal(okx() - asked, 0, 'requests to okx during its Retry-After');
    assert.ok((sample(m, 'trading_exchange_backoff_seconds', { venue: 'okx' }) ?? 0) > 5, 'still paused');
  });
});

describe('a worker stuck in a busy loop', { timeout: 90_000 }, () => {
  const { ex, threads } = okxInOneThread();

  it('is terminated, counted and restarted; its venue is down meanwhile and polled again after', async () => {
    threads().workers[0]!.postMessage({ type: 'block', ms: 600_000 } satisfies ToWorker);
    await waitForSamples(ex().url, 'the silent worker restarted, okx down', (m) => restarts(m) === 1 && up(m, 'okx') === 0, 30_000);
    assert.match(ex().logs.text, /poller thread stopped answering: terminating it/);
    await waitForSamples(ex().url, 'okx polled again', (m) => up(m, 'okx') === 1, 30_000);
  });

  it('stuck at shutdown, is terminated after the grace period', async () => {
    threads().workers[0]!.postMessage({ type: 'block', ms: 600_000 } satisfies ToWorker);
    const t0 = Date.now();
    await ex().stop();
    const ms = Date.now() - t0;
    assert.ok(ms < 6000, `shutdown took ${ms} ms`);
  });
});

/**
 * An exporter with one poller thread over `venues` (ids → symbols) on a replay server, started before the suite's
 * tests once every venue is up, stopped after them; `dir` holds its venues file, for a reload to rewrite.
 */
function busyWorkerSuite(venues: Record<string, string[]>, timeout: string) {
  const server = new ReplayServer();
  const suite = { server, dir: tempDir(), ex: undefined as Running | undefined, setup: undefined as ExchangeSetup | undefined };
  before(async () => {
    const base = await server.listen();
    const file = writeVenues(suite.dir, venues);
    const args = [`--venues.file=${file}`, `--exchange.api-base=${base}`, `--exchange.markets-dir=${marketsDir()}`, `--exchange.timeout=${timeout}`, '--pollers.threads=1'];
    suite.ex = await start(args, (s) => (suite.setup = s));
    await waitForSamples(suite.ex.url, 'every venue up', (m) => Object.keys(venues).every((v) => up(m, v) === 1), 30_000);
  });
  after(async () => {
    await suite.ex?.stop();
    await server.close();
  });
  return suite;
}

describe('a venue removed while its worker is too busy to answer', { timeout: 90_000 }, () => {
  const suite = busyWorkerSuite({ okx: ['BTC/USDT'], bybit: ['BTC/USDT:USDT'] }, '1s');

  it('stays removed: what its poller wrote after the stop gave up waiting is dropped', async () => {
    // Busy 5 s: longer than a stop waits (the 1 s request timeout + 2 s), shorter than the heartbeat limit.
    suite.setup!.threads!.workers[0]!.postMessage({ type: 'block', ms: 5000 } satisfies ToWorker);
    writeVenues(suite.dir, { bybit: ['BTC/USDT:USDT'] });
    const t0 = Date.now();
    await suite.setup!.reload();
    assert.ok(Date.now() - t0 < 4500, 'the stop did not wait for the busy worker');
    const gone = await waitForSamples(suite.ex!.url, 'okx gone', (m) => anyOf(m, 'okx').length === 0 && up(m, 'bybit') !== undefined, 10_000);
    // The worker wakes, runs okx's due timers (a request, its figures), then the stop: all that arrives late.
    const m = await waitForSamples(suite.ex!.url, 'bybit polled 3 more times after the worker woke', (s) => tickers(s, 'bybit') >= tickers(gone, 'bybit') + 3, 30_000);
    assert.deepEqual(anyOf(m, 'okx'), []);
    assert.equal(restarts(m), 0);
  });
});

describe('a venue changed (same id) while its worker is too busy to answer', { timeout: 90_000 }, () => {
  const suite = busyWorkerSuite({ okx: ['BTC/USDT'] }, '4s');

  it("gets nothing of the old poller: its request's timeout, reported late, is not the new venue's", async () => {
    suite.server.fault('okx', 'timeout');
    const seen = suite.server.seen.length;
    await waitFor(() => suite.server.seen.slice(seen).some((r) => r.includes(HOSTS.okx[0])) || undefined, { what: 'an okx request held', timeoutMs: 30_000 });
    // Busy 7.5 s: past the request's 4 s timeout and the stop's 6 s wait, within the heartbeat limit.
    suite.setup!.threads!.workers[0]!.postMessage({ type: 'block', ms: 7500 } satisfies ToWorker);
    // okx now polled through bybit's API (public calls only): it never times out.
    writeFileSync(join(suite.dir, 'venues.yml'), 'venues:\n  - id: okx\n    exchange: bybit\n    symbols: ["BTC/USDT:USDT"]\n    poll_interval: 300ms\n    request_interval: 10ms\n');
    await suite.setup!.reload();
    const bybitSeen = suite.server.seen.length;
    // The worker woke: the old request timed out, the new poller has polled bybit 3 times since.
    await waitFor(() => suite.server.seen.slice(bybitSeen).filter((r) => r.includes(HOSTS.bybit[0])).length >= 3 || undefined, { what: 'the new okx polled', timeoutMs: 30_000 });
    const m = await waitForSamples(suite.ex!.url, 'okx up through bybit', (s) => up(s, 'okx') === 1, 30_000);
    assert.deepEqual(anyOf(m, 'okx').filter((k) => k.includes('RequestTimeout') || k.includes('outcome="error"')), []);
    assert.equal(restarts(m), 0);
  });
});

describe('shutdown while every venue waits for an answer', { timeout: 90_000 }, () => {
  const server = new ReplayServer();
  after(async () => server.close());

  it('takes the grace period, not the sum (nor the longest) of the requests', async () => {
    const base = await server.listen();
    const names = ['okx', 'bybit', 'kraken'] as const;
    const file = writeVenues(tempDir(), { okx: ['BTC/USDT'], bybit: ['BTC/USDT:USDT'], kraken: ['BTC/USDT'] });
    const ex = await start([`--venues.file=${file}`, `--exchange.api-base=${base}`, `--exchange.markets-dir=${marketsDir()}`, '--exchange.timeout=8s', '--pollers.threads=1'], () => undefined);
    try {
      await waitForSamples(ex.url, 'all up', (s) => names.every((v) => up(s, v) === 1), 30_000);
    } catch (err) {
      await ex.stop();
      throw err;
    }
    for (const n of names) server.fault(n, 'timeout');
    const seen = server.seen.length;
    // A request of each venue held by the server.
    await waitFor(() => names.every((n) => server.seen.slice(seen).some((r) => r.includes(HOSTS[n][0]))) || undefined, { what: 'a request of each venue held', timeoutMs: 30_000 });
    const t0 = Date.now();
    await ex.stop();
    const ms = Date.now() - t0;
    assert.ok(ms < 5000, `shutdown took ${ms} ms`);
  });
});
