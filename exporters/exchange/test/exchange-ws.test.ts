// --exchange.stream: real ccxt.pro ticker streams for binance and okx against a local server speaking both
// venues' documented websocket protocols (venue-ws-server.ts), reached through --exchange.api-base like the
// REST polls, which the same server answers with ccxt's recorded responses (reference data "ccxt").
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MARKETS_DIR, recorded } from './ccxt-reference.js';
import { assertMetricsClean, freePort, tempDir } from '@vigil/test-support';
import { sample, scrape, startExporter, waitForSamples, type Running } from './helpers.js';
import { VenueWsServer, type Quote, type Venue } from './venue-ws-server.js';

const OKX_KEY = 'okx-key-ws-7f3e9a1c';
const SYMBOL = 'BTC/USDT';
const labels = (venue: Venue) => ({ venue, symbol: SYMBOL });
const spreadOf = (q: Quote) => (q.ask - q.bid) / ((q.ask + q.bid) / 2);
const close = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) < 1e-12;

describe('exchange websocket ticker streams (--exchange.stream) through ccxt.pro', () => {
  // REST routes the poller requests (verb + host + path); binance answers with its used-weight header.
  const routes: Record<string, [venue: string, method: string, entry: number]> = {
    'GET /api.binance.com/api/v3/ticker/24hr': ['binance', 'fetchTicker', 0],
    'GET /api.binance.com/api/v3/depth': ['binance', 'fetchOrderBook', 0],
    'GET /www.okx.com/api/v5/market/ticker': ['okx', 'fetchTicker', 0],
    'GET /www.okx.com/api/v5/market/books': ['okx', 'fetchOrderBook', 1],
    'GET /www.okx.com/api/v5/account/balance': ['okx', 'fetchBalance', 2],
  };
  const rest = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes[`${req.method} ${path}`];
    if (route === undefined)
      return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"msg":"no such route"}');
    const weight = path.startsWith('/api.binance.com/')
      ? { 'x-mbx-used-weight': '1500', 'x-mbx-used-weight-1m': '1500' }
      : {};
    res
      .writeHead(200, { 'content-type': 'application/json', ...weight })
      .end(JSON.stringify(recorded(...route)));
  };
  const server = new VenueWsServer(rest, {
    binance: { bid: 67251.1, bidQty: 1.25, ask: 67251.3, askQty: 0.5 },
    okx: { bid: 67250.3, bidQty: 2.5, ask: 67250.9, askQty: 0.75 },
  });
  let ex: Running;
  const until = (what: string, test: (m: Map<string, number>) => boolean, timeoutMs?: number) =>
    waitForSamples(ex.url, what, test, timeoutMs);
  const up = (m: Map<string, number>, venue: Venue) => sample(m, 'trading_ws_up', labels(venue)) === 1;

  before(async () => {
    const base = await server.listen();
    const credentials = join(tempDir(), 'credentials.json');
    writeFileSync(
      credentials,
      JSON.stringify({ okx: { apiKey: OKX_KEY, secret: 'okx-ws-secret-abcdef', password: 'okx-ws-pass' } }),
    );
    ex = await startExporter([
      `--exchange=binance:${SYMBOL}`,
      `--exchange=okx:${SYMBOL}`,
      '--exchange.stream',
      '--exchange.stream-max-backoff=2s',
      `--exchange.api-base=${base}`,
      `--exchange.markets-dir=${MARKETS_DIR}`,
      `--exchange.credentials-file=${credentials}`,
      '--exchange.poll-interval=300ms',
      '--exchange.timeout=2s',
    ]);
  });
  after(async () => {
    await ex?.stop();
    await server.close();
  });

  it('subscribes with each venue protocol and puts the streamed bid and ask in the book gauges', async () => {
    let m = await until('both streams up', (s) => up(s, 'binance') && up(s, 'okx'));
    for (const venue of ['binance', 'okx'] as const) {
      const q = server.venues[venue].quote;
      m = await until(`${venue} streamed book`, (s) =>
        close(sample(s, 'trading_spread_ratio', labels(venue)), spreadOf(q)),
      );
      assert.equal(sample(m, 'trading_top_of_book_depth', { ...labels(venue), side: 'bid' }), q.bidQty);
      assert.equal(sample(m, 'trading_top_of_book_depth', { ...labels(venue), side: 'ask' }), q.askQty);
      assert.ok(sample(m, 'trading_ws_messages_total', labels(venue))! >= 1);
      assert.ok(
        Math.abs(sample(m, 'trading_ws_last_message_timestamp_seconds', labels(venue))! - Date.now() / 1000) <
          5,
      );
      assert.equal(sample(m, 'trading_ws_reconnects_total', labels(venue)), 0);
    }
    // What the venues were asked for, in their own words.
    assert.deepEqual(server.venues.binance.subscriptions[0], {
      method: 'SUBSCRIBE',
      params: ['btcusdt@ticker'],
      id: (server.venues.binance.subscriptions[0] as { id: number }).id,
    });
    assert.deepEqual(server.venues.okx.subscriptions[0], {
      op: 'subscribe',
      args: [{ channel: 'tickers', instId: 'BTC-USDT' }],
    });
    // The REST poll keeps running beside the streams, but does not overwrite a streamed book.
    const polls = (s: Map<string, number>) =>
      sample(s, 'trading_exchange_request_duration_seconds_count', {
        venue: 'binance',
        method: 'fetchOrderBook',
        outcome: 'success',
      }) ?? 0;
    const p0 = polls(m);
    m = await until('two more book polls', (s) => polls(s) >= p0 + 2);
    assert.ok(
      close(sample(m, 'trading_spread_ratio', labels('binance')), spreadOf(server.venues.binance.quote)),
      'still the streamed book',
    );
    // A new quote on the stream moves the gauges.
    server.venues.binance.quote = { bid: 67300, bidQty: 3, ask: 67300.5, askQty: 0.25 };
    m = await until('binance new quote', (s) =>
      close(sample(s, 'trading_spread_ratio', labels('binance')), spreadOf(server.venues.binance.quote)),
    );
    assert.equal(sample(m, 'trading_top_of_book_depth', { ...labels('binance'), side: 'bid' }), 3);
    assert.equal(sample(m, 'trading_top_of_book_depth', { ...labels('binance'), side: 'ask' }), 0.25);
    assertMetricsClean(await scrape(ex.url));
  });

  it('reads binance used weight against its 6000-per-minute limit; okx, which sends none, gets the share of its documented rate the schedule uses', async () => {
    const m = await until(
      'binance rate limit',
      (s) => sample(s, 'trading_exchange_rate_limit_used', { venue: 'binance' }) !== undefined,
    );
    assert.equal(sample(m, 'trading_exchange_rate_limit_used', { venue: 'binance' }), 1500 / 6000);
    const okx = await until('okx share', (s) => sample(s, 'trading_exchange_rate_limit_used', { venue: 'okx' }) !== undefined);
    const share = sample(okx, 'trading_exchange_rate_limit_used', { venue: 'okx' })!;
    assert.ok(share > 0 && share <= 1, String(share));
  });

  it('counts exactly one reconnect per dropped connection, and the stream resumes each time', async () => {
    const before = await until('binance up', (s) => up(s, 'binance'));
    const r0 = sample(before, 'trading_ws_reconnects_total', labels('binance'))!;
    const e0 =
      sample(before, 'trading_exchange_errors_total', { venue: 'binance', method: 'watchTicker' }) ?? 0;
    const c0 = server.venues.binance.connections;
    const drops = 3;
    for (let i = 1; i <= drops; i++) {
      assert.equal(server.terminate('binance'), 1, 'one open binance stream');
      const m = await until(
        `reconnect ${i}`,
        (s) => sample(s, 'trading_ws_reconnects_total', labels('binance')) === r0 + i && up(s, 'binance'),
      );
      const msgs = sample(m, 'trading_ws_messages_total', labels('binance'))!;
      await until(
        `binance delivering after drop ${i}`,
        (s) => sample(s, 'trading_ws_messages_total', labels('binance'))! > msgs,
      );
    }
    const m = await until('settled', () => true);
    assert.equal(sample(m, 'trading_ws_reconnects_total', labels('binance')), r0 + drops);
    assert.equal(server.venues.binance.connections, c0 + drops, 'one new connection per drop');
    assert.equal(
      (sample(m, 'trading_exchange_errors_total', {
        venue: 'binance',
        method: 'watchTicker',
        error_class: 'NetworkError',
      }) ?? 0) - e0,
      drops,
    );
    assert.equal(
      sample(m, 'trading_ws_reconnects_total', labels('okx')),
      0,
      'the other venue was not touched',
    );
    // okx too, over its own protocol.
    server.terminate('okx');
    await until(
      'okx reconnect',
      (s) => sample(s, 'trading_ws_reconnects_total', labels('okx')) === 1 && up(s, 'okx'),
    );
    assert.ok(server.venues.okx.subscriptions.length >= 2, 'okx resubscribed');
  });

  it('shows a silent stream in the last message timestamp', async () => {
    await until('okx up', (s) => up(s, 'okx'));
    server.venues.okx.silent = true;
    // Silent once two scrapes in a row (100 ms apart) count the same messages: what was in flight has landed.
    let previous: number | undefined;
    const m1 = await until('okx silent', (s) => {
      const n = sample(s, 'trading_ws_messages_total', labels('okx'));
      const settled = n !== undefined && n === previous;
      previous = n;
      return settled;
    });
    const last = sample(m1, 'trading_ws_last_message_timestamp_seconds', labels('okx'))!;
    // Polled until the last message is 1.5 s old, instead of sleeping for it.
    const m2 = await until('1.5 s without an okx message', () => Date.now() / 1000 - last >= 1.5);
    assert.equal(
      sample(m2, 'trading_ws_last_message_timestamp_seconds', labels('okx')),
      last,
      'no message, no new timestamp',
    );
    assert.equal(
      sample(m2, 'trading_ws_messages_total', labels('okx')),
      sample(m1, 'trading_ws_messages_total', labels('okx')),
    );
    assert.ok(Date.now() / 1000 - last >= 1.5, 'the age of the last message grows');
    assert.ok(
      Date.now() / 1000 - sample(m2, 'trading_ws_last_message_timestamp_seconds', labels('binance'))! < 1,
      'binance still delivering',
    );
    server.venues.okx.silent = false;
    await until(
      'okx delivering again',
      (s) => sample(s, 'trading_ws_last_message_timestamp_seconds', labels('okx'))! > last,
    );
  });

  it('counts a rejected subscription and keeps the echoed key out of the log', async () => {
    const m0 = await until('okx up', (s) => up(s, 'okx'));
    const e0 =
      sample(m0, 'trading_exchange_errors_total', {
        venue: 'okx',
        method: 'watchTicker',
        error_class: 'ExchangeError',
      }) ?? 0;
    const r0 = sample(m0, 'trading_ws_reconnects_total', labels('okx'))!;
    server.venues.okx.rejectWith = `{"op":"subscribe","apiKey":"${OKX_KEY}"}`;
    server.terminate('okx');
    const m = await until(
      'okx resubscribed after the rejection',
      (s) =>
        (sample(s, 'trading_exchange_errors_total', {
          venue: 'okx',
          method: 'watchTicker',
          error_class: 'ExchangeError',
        }) ?? 0) > e0 && up(s, 'okx'),
    );
    assert.equal(
      sample(m, 'trading_ws_reconnects_total', labels('okx')),
      r0 + 1,
      'one re-established stream: the rejected connection never delivered',
    );
    assert.ok(!ex.logs.text.includes(OKX_KEY), 'log holds the API key');
    const rejected = ex.logs.text
      .split('\n')
      .find((l) => l.includes('"error_class":"ExchangeError"') && l.includes('Illegal request'));
    assert.ok(
      rejected?.includes('[redacted]'),
      `the venue's error is logged with the key redacted: ${rejected}`,
    );
  });

  it('leaves the book to the REST poll while the streamed tickers carry no bid and ask', async () => {
    const messages = (s: Map<string, number>) => sample(s, 'trading_ws_messages_total', labels('binance')) ?? 0;
    const streamed = spreadOf(server.venues.binance.quote);
    const m0 = await until('binance streaming its quote', (s) => up(s, 'binance') && close(sample(s, 'trading_spread_ratio', labels('binance')), streamed));
    // On the same connection: the stream stays up, only its tickers lose the book.
    server.venues.binance.bookless = true;
    const polled = (42574.31 - 42574.3) / ((42574.31 + 42574.3) / 2);
    const m = await until(
      'tickers without a book delivered, and the polled book in the gauges',
      (s) => up(s, 'binance') && messages(s) >= messages(m0) + 2 && close(sample(s, 'trading_spread_ratio', labels('binance')), polled),
    );
    assert.equal(sample(m, 'trading_ws_up', labels('binance')), 1, 'the stream itself is up');
    server.venues.binance.bookless = false;
    await until('the streamed book again', (s) => close(sample(s, 'trading_spread_ratio', labels('binance')), streamed));
  });

  it('reports a venue refusing connections as down, counts the errors, keeps /health answering, and recovers', async () => {
    const m0 = await until('binance up', (s) => up(s, 'binance'));
    const errors = (s: Map<string, number>) =>
      sample(s, 'trading_exchange_errors_total', { venue: 'binance', method: 'watchTicker' }) ?? 0;
    const e0 = errors(m0);
    const r0 = sample(m0, 'trading_ws_reconnects_total', labels('binance'))!;
    server.venues.binance.refuse = true;
    server.terminate('binance');
    const m = await until(
      'binance down with refused attempts',
      (s) => sample(s, 'trading_ws_up', labels('binance')) === 0 && errors(s) >= e0 + 3,
    );
    assert.equal(sample(m, 'trading_ws_up', labels('okx')), 1);
    const res = await fetch(`${ex.url}/health`);
    assert.equal(res.status, 200);
    const health = (await res.json()) as { checks: Record<string, { status: string; message?: string }> };
    assert.equal(health.checks.exchanges.status, 'degraded');
    assert.match(health.checks.exchanges.message ?? '', /stream down: binance BTC\/USDT/);
    // While the stream is down the REST poll keeps the book again.
    await until('book back from the poll', (s) =>
      close(
        sample(s, 'trading_spread_ratio', labels('binance')),
        (42574.31 - 42574.3) / ((42574.31 + 42574.3) / 2),
      ),
    );
    server.venues.binance.refuse = false;
    const back = await until('binance back', (s) => up(s, 'binance'));
    assert.equal(
      sample(back, 'trading_ws_reconnects_total', labels('binance')),
      r0 + 1,
      'refused attempts are errors, not reconnects',
    );
  });

  it('never connects to a closed port, and still starts, answers and stops promptly', async () => {
    const port = await freePort();
    const lonely = await startExporter([
      `--exchange=okx:${SYMBOL}`,
      '--exchange.stream',
      `--exchange.api-base=http://127.0.0.1:${port}`,
      `--exchange.markets-dir=${MARKETS_DIR}`,
      '--exchange.poll-interval=1h',
      '--exchange.timeout=1s',
    ]);
    try {
      const m = await waitForSamples(
        lonely.url,
        'refused',
        (s) =>
          (sample(s, 'trading_exchange_errors_total', {
            venue: 'okx',
            method: 'watchTicker',
            error_class: 'NetworkError',
          }) ?? 0) >= 1,
      );
      assert.equal(sample(m, 'trading_ws_up', labels('okx')), 0);
      assert.equal(sample(m, 'trading_ws_reconnects_total', labels('okx')), 0);
      assert.equal((await fetch(`${lonely.url}/health`)).status, 200);
      assert.match(lonely.logs.text, /exchange stream lost/);
    } finally {
      const t0 = performance.now();
      await lonely.stop();
      assert.ok(performance.now() - t0 < 3000, `stopped in ${Math.round(performance.now() - t0)} ms`);
    }
  });
});
