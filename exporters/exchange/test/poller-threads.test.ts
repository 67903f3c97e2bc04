// --pollers.threads: venues polled in worker threads, spread over them, their figures applied on the main thread;
// a worker that dies is counted and started again, its venues down meanwhile, the other worker's venues polled
// throughout, and the process never stops. Real ccxt against the replay server.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '@vigil/test-support';
import { setupExchanges, type ExchangeSetup } from '../src/setup-exchanges.js';
import { VenuePoller } from '../src/venue-poller.js';
import { parseSamples, sample, scrape, startExporter, waitForSamples, type Running } from './helpers.js';
import { marketsDir, ReplayServer, writeVenues } from './replay-server.js';

describe('poller threads', { timeout: 120_000 }, () => {
  const server = new ReplayServer();
  let ex: Running;
  let setup: ExchangeSetup | undefined;
  const dir = tempDir();
  const until = (what: string, test: (m: Map<string, number>) => boolean, timeoutMs = 30_000) => waitForSamples(ex.url, what, test, timeoutMs);
  const up = (m: Map<string, number>, venue: string) => sample(m, 'trading_exchange_up', { venue });
  const polls = (m: Map<string, number>, venue: string) => sample(m, 'trading_exchange_request_duration_seconds_count', { venue, method: 'fetchTicker', outcome: 'success' }) ?? 0;
  const restarts = (m: Map<string, number>) => sample(m, 'exchange_exporter_poller_thread_restarts_total', {});

  before(async () => {
    const base = await server.listen();
    // okx goes to the first thread, bybit to the second (a venue goes to the thread with the fewest).
    const file = writeVenues(dir, { okx: ['BTC/USDT'], bybit: ['BTC/USDT:USDT'] });
    const argv = [`--venues.file=${file}`, `--exchange.api-base=${base}`, `--exchange.markets-dir=${marketsDir()}`, '--exchange.timeout=1s', '--pollers.threads=2'];
    ex = await startExporter(argv, {}, { setup: async (exporter, flags) => void (setup = await setupExchanges(exporter, flags)) });
    await until('both up', (s) => up(s, 'okx') === 1 && up(s, 'bybit') === 1);
  });
  after(async () => {
    await ex?.stop();
    await server.close();
  });

  it('polls the venues in worker threads, one venue on each, their figures on the main thread', async () => {
    assert.equal(setup?.threads?.workers.length, 2);
    assert.deepEqual(setup.threads.spread, [1, 1], 'venues per thread');
    assert.ok(setup.venues.pollers.every((p) => !(p instanceof VenuePoller)), 'no poller on the main thread');
    const m = await until('both polled and their books in', (s) => polls(s, 'okx') > 0 && polls(s, 'bybit') > 0 && sample(s, 'trading_spread_ratio', { venue: 'okx', symbol: 'BTC/USDT' }) !== undefined);
    assert.equal(restarts(m), 0);
    assert.ok((sample(m, 'trading_exchange_balance', { venue: 'okx', currency: 'USDT', state: 'total' }) ?? 0) > 0, 'balances from the worker');
  });

  it('restarts a worker that dies, counts it, shows its venues down meanwhile; the other thread keeps polling', async () => {
    const before = parseSamples(await scrape(ex.url));
    // The credentials were read (and checked) when the venues were applied, as without threads: a file gone since
    // changes nothing for the restarted worker.
    rmSync(join(dir, 'okx.json'));
    await setup!.threads!.workers[0]!.terminate();
    const down = await until('okx down after its thread died', (s) => restarts(s) === 1 && up(s, 'okx') === 0);
    assert.match(ex.logs.text, /poller thread exited/);
    await until('bybit polled on its own thread meanwhile', (s) => polls(s, 'bybit') >= polls(down, 'bybit') + 2 && up(s, 'bybit') === 1);
    const back = await until('okx polled again by the new thread', (s) => up(s, 'okx') === 1 && polls(s, 'okx') > polls(before, 'okx'));
    assert.equal(restarts(back), 1);
    assert.equal(setup!.threads!.workers.length, 2);
  });

  it('drops a venue removed on reload for good: nothing late from its thread brings its figures back', async () => {
    writeVenues(dir, { bybit: ['BTC/USDT:USDT'] });
    await setup!.reload();
    const gone = await until('okx gone', (s) => up(s, 'okx') === undefined && up(s, 'bybit') === 1);
    const m = await until('bybit polled twice more', (s) => polls(s, 'bybit') >= polls(gone, 'bybit') + 2);
    assert.equal(up(m, 'okx'), undefined);
    assert.equal(polls(m, 'okx'), 0);
  });
});
