// Every venue of ccxt's recorded responses (binance, okx, bybit, kraken, coinbase) from a venues file, with
// read-only keys, against the local replay server: real ccxt builds and signs the requests and parses the
// answers, public and private. Then a SIGHUP reload that changes some venues and keeps the others' state.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertFamiliesGrouped, assertMetricsClean, tempDir } from '@vigil/test-support';
import { parseSamples, sample, scrape, startExporter, waitForSamples, type Running } from './helpers.js';
import { marketsDir, ReplayServer, secretOf, VENUES, writeVenues } from './replay-server.js';

describe('every recorded venue through ccxt, from a venues file', () => {
  const server = new ReplayServer();
  const dir = tempDir();
  let file: string;
  let ex: Running;
  const until = (what: string, test: (m: Map<string, number>) => boolean) => waitForSamples(ex.url, what, test, 30_000);
  const count = (m: Map<string, number>, venue: string, method: string) =>
    sample(m, 'trading_exchange_request_duration_seconds_count', { venue, method, outcome: 'success' }) ?? 0;

  before(async () => {
    server.skewMs = 2500;
    const base = await server.listen();
    file = writeVenues(dir, VENUES);
    ex = await startExporter([`--venues.file=${file}`, `--exchange.api-base=${base}`, `--exchange.markets-dir=${marketsDir()}`, '--exchange.timeout=2s']);
  });
  after(async () => {
    await ex?.stop();
    await server.close();
  });

  it('polls each venue public and private calls and reports all five up', async () => {
    const m = await until('every venue up', (s) => Object.keys(VENUES).every((v) => sample(s, 'trading_exchange_up', { venue: v }) === 1));
    assert.deepEqual([...server.missing], [], 'every call the exporter makes has a route');
    for (const venue of ['binance', 'okx', 'bybit', 'kraken']) {
      for (const method of ['fetchTime', 'fetchTicker', 'fetchOrderBook', 'fetchBalance', 'fetchOpenOrders']) assert.ok(count(m, venue, method) >= 1, `${venue} ${method}`);
    }
    for (const venue of ['binance', 'okx', 'bybit', 'kraken']) assert.ok(count(m, venue, 'fetchPositions') >= 1, `${venue} fetchPositions`);
    assert.ok(count(m, 'coinbase', 'fetchBalance') >= 1 && count(m, 'coinbase', 'fetchTime') >= 1);
    assert.equal(count(m, 'coinbase', 'fetchTicker'), 0, 'no symbol, no ticker');
  });

  it('exports the book as ccxt parsed it from the recordings', async () => {
    const m = await until('books', (s) => sample(s, 'trading_spread_ratio', { venue: 'kraken' }) !== undefined);
    const okxSpread = sample(m, 'trading_spread_ratio', { venue: 'okx', symbol: 'BTC/USDT' })!;
    assert.ok(Math.abs(okxSpread - 0.1 / 67973.35) < 1e-12, String(okxSpread));
    assert.equal(sample(m, 'trading_top_of_book_depth', { venue: 'okx', symbol: 'BTC/USDT', side: 'bid' }), 0.05);
    assert.equal(sample(m, 'trading_top_of_book_depth', { venue: 'okx', symbol: 'BTC/USDT', side: 'ask' }), 1.40848059);
    assert.ok(Math.abs(sample(m, 'trading_spread_ratio', { venue: 'bybit', symbol: 'BTC/USDT:USDT' })! - 3.3 / 42546.35) < 1e-9);
    assert.ok(Math.abs(sample(m, 'trading_spread_ratio', { venue: 'kraken', symbol: 'BTC/USDT' })! - 0.6 / 67012.2) < 1e-9);
    assert.ok(Math.abs(sample(m, 'trading_exchange_rate_limit_used', { venue: 'bybit' })! - 0.16) < 1e-9, 'bybit: 8 of 50 used, from its headers');
  });

  it('measures clock skew against each venue server time, and the age of every figure', async () => {
    const m = await until('skew everywhere', (s) => Object.keys(VENUES).every((v) => sample(s, 'trading_exchange_clock_skew_seconds', { venue: v }) !== undefined));
    for (const venue of ['binance', 'okx', 'bybit']) {
      const skew = sample(m, 'trading_exchange_clock_skew_seconds', { venue })!;
      assert.ok(Math.abs(skew - 2.5) < 0.25, `${venue} ${skew}`);
    }
    // kraken and coinbase send whole seconds.
    for (const venue of ['kraken', 'coinbase']) {
      const skew = sample(m, 'trading_exchange_clock_skew_seconds', { venue })!;
      assert.ok(skew > 1.2 && skew < 4, `${venue} ${skew}`);
    }
    for (const kind of ['time', 'ticker', 'book', 'balance', 'positions', 'orders']) {
      const age = sample(m, 'trading_exchange_data_age_seconds', { venue: 'okx', kind });
      assert.ok(age !== undefined && age >= 0 && age < 10, `okx ${kind} ${age}`);
    }
    // The recorded okx ticker is from its recording date: market data that old is what the venue sent.
    const ts = sample(m, 'trading_exchange_market_data_timestamp_seconds', { venue: 'okx', symbol: 'BTC/USDT' })!;
    assert.ok(ts > 1.6e9 && ts < Date.now() / 1000, String(ts));
  });

  it('exports account state: balances by currency, positions, open orders', async () => {
    const m = await until('accounts', (s) => sample(s, 'trading_exchange_balance', { venue: 'kraken' }) !== undefined && sample(s, 'trading_exchange_position_quantity', { venue: 'bybit' }) !== undefined);
    assert.equal(sample(m, 'trading_exchange_balance', { venue: 'kraken', currency: 'USDT', state: 'used' }), 100);
    assert.equal(sample(m, 'trading_exchange_balance', { venue: 'kraken', currency: 'USDT', state: 'free' }), 2400);
    assert.equal(sample(m, 'trading_exchange_balance', { venue: 'okx', currency: 'BTC', state: 'total' }), 1.06126645222);
    assert.equal(sample(m, 'trading_exchange_balance', { venue: 'coinbase', currency: 'ADA', state: 'total' }), 27.361178);
    // bybit's recorded position is on LTC/USDT:USDT, not a configured symbol: folded into "other".
    assert.equal(sample(m, 'trading_exchange_position_quantity', { venue: 'bybit', symbol: 'other' }), 1.2);
    assert.equal(sample(m, 'trading_exchange_open_orders', { venue: 'okx', symbol: 'other' }), 1);
    assert.equal(sample(m, 'trading_exchange_open_orders', { venue: 'okx', symbol: 'BTC/USDT' }), 0);
  });

  it('never logs or exports a key, secret or passphrase', async () => {
    const text = await scrape(ex.url);
    for (const id of Object.keys(VENUES)) {
      for (const secret of [`${id}-key-7f3e9a1c`, secretOf(id), `${id}-pass-xyz`]) {
        assert.ok(!ex.logs.text.includes(secret), `log holds ${secret}`);
        assert.ok(!text.includes(secret), `metrics hold ${secret}`);
      }
    }
    assertMetricsClean(text);
  });

  it('renders each family once, venue blocks grouped under it, in text and OpenMetrics, ASCII only', async () => {
    const text = await scrape(ex.url);
    assertFamiliesGrouped(text);
    for (const family of ['trading_exchange_up', 'trading_exchange_request_duration_seconds', 'trading_spread_ratio', 'trading_exchange_balance']) {
      assert.equal(text.split('\n').filter((l) => l === `# TYPE ${family} ${family.endsWith('_seconds') ? 'histogram' : 'gauge'}`).length, 1, family);
    }
    // One character past Latin-1 in a help text makes V8 hold the whole body as UTF-16 (see the trading exporter).
    assert.deepEqual([...text].filter((c) => c.charCodeAt(0) > 0x7e), [], 'non-ASCII characters in the exposition');
    const om = await (await fetch(`${ex.url}/metrics`, { headers: { accept: 'application/openmetrics-text; version=1.0.0' } })).text();
    assert.match(om, /# EOF\n$/);
    assertFamiliesGrouped(om, 'the OpenMetrics exposition');
    assert.match(om, /^# TYPE trading_exchange_errors counter$/m);
    for (const venue of Object.keys(VENUES)) assert.match(om, new RegExp(`^trading_exchange_up\\{venue="${venue}"\\} 1$`, 'm'));
  });

  it('shows a poll that lands in the next scrape (venue blocks are rendered again), with ages worked out per scrape', async () => {
    const first = parseSamples(await scrape(ex.url));
    const lastSuccess = (m: Map<string, number>) => sample(m, 'trading_exchange_last_success_timestamp_seconds', { venue: 'okx' })!;
    // A poll cycle lands: its requests are counted as they end, its success when the cycle does (a stale block
    // would never show either).
    const polled = await until('the next okx poll', (s) => lastSuccess(s) > lastSuccess(first) && count(s, 'okx', 'fetchTime') > count(first, 'okx', 'fetchTime'));
    assert.ok(count(polled, 'okx', 'fetchTicker') >= count(first, 'okx', 'fetchTicker'));
    // Ages are not cached: each scrape works them out from when the figure came, so they never exceed the time
    // since the poll that brought them, plus the scrape's own.
    for (const m of [first, polled]) {
      const scrapedAt = Date.now() / 1000;
      const age = sample(m, 'trading_exchange_data_age_seconds', { venue: 'okx', kind: 'time' })!;
      assert.ok(age >= 0 && age <= scrapedAt - sample(m, 'trading_exchange_last_success_timestamp_seconds', { venue: 'okx' })! + 5, String(age));
    }
  });

  it('reloads the venues file on SIGHUP: changed venues restart, the others keep their state; a bad file changes nothing', async () => {
    const before = await until('bybit polled a few times', (s) => count(s, 'bybit', 'fetchTicker') >= 3);
    const bybitBefore = count(before, 'bybit', 'fetchTicker');
    // kraken removed, okx gets a second symbol, the others unchanged.
    writeVenues(dir, { binance: VENUES.binance, okx: ['BTC/USDT', 'LTC/USDT'], bybit: VENUES.bybit, coinbase: [] });
    process.kill(process.pid, 'SIGHUP');
    const m = await until('reloaded', (s) => sample(s, 'trading_exchange_up', { venue: 'kraken' }) === undefined && sample(s, 'trading_exchange_clock_skew_seconds', { venue: 'okx' }) !== undefined);
    assert.equal(sample(m, 'exchange_exporter_config_reloads_total', { result: 'success' }), 1);
    assert.ok(count(m, 'bybit', 'fetchTicker') >= bybitBefore, 'bybit kept its counters');
    assert.equal(sample(m, 'trading_exchange_balance', { venue: 'kraken' }), undefined, "kraken's series are gone");
    const after = await scrape(ex.url);
    assert.doesNotMatch(after, /venue="kraken"/, 'no line of kraken left: its blocks went with it');
    assertFamiliesGrouped(after);
    assert.match(ex.logs.text, /"changed":\["okx"\]/);
    assert.match(ex.logs.text, /"removed":\["kraken"\]/);

    writeFileSync(file, 'venues:\n  - id: okx\n    poll_interval: often\n');
    process.kill(process.pid, 'SIGHUP');
    const bad = await until('refused', (s) => sample(s, 'exchange_exporter_config_reloads_total', { result: 'failure' }) === 1);
    assert.equal(sample(bad, 'exchange_exporter_config_last_reload_successful'), 0);
    assert.match(ex.logs.text, /venue okx: field poll_interval/);
    await until('venues still polled', (s) => count(s, 'bybit', 'fetchTicker') > count(bad, 'bybit', 'fetchTicker') && sample(s, 'trading_exchange_up', { venue: 'binance' }) === 1);
  });

  it('refuses to start on a bad venues file, naming the venue and field', async () => {
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'venues:\n  - id: okx\n    symbols: [BTC/USDT]\n  - id: notanexchange\n');
    await assert.rejects(startExporter([`--venues.file=${bad}`]), /venue notanexchange: field id: not a ccxt exchange id/);
    writeFileSync(bad, 'venues:\n  - id: okx\n    credentials_file: /nonexistent/okx.json\n');
    await assert.rejects(startExporter([`--venues.file=${bad}`]), /venue okx: field credentials_file: cannot read/);
  });
});
