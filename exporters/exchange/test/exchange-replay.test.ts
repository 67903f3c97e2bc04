// The ccxt exchange-health source against a local replay server serving ccxt's own recorded exchange
// responses (reference data "ccxt", see @vigil/test-support): real ccxt builds the requests and parses the answers; the server
// plays the venue, and can be made to fail.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MARKETS_DIR, recorded } from './ccxt-reference.js';
import { assertMetricsClean, tempDir } from '@vigil/test-support';
import { sample, scrape, startExporter, waitForSamples, type Running } from './helpers.js';

const API_KEY = 'okx-key-1234567890';

describe('exchange health through ccxt against recorded responses', () => {
  // Routes ccxt 4.5 requests for these calls (verb + host + path, as the reference README lists them).
  const routes: Record<string, unknown> = {
    'GET /www.okx.com/api/v5/market/ticker': recorded('okx', 'fetchTicker'),
    'GET /api.bybit.com/v5/market/tickers': recorded('bybit', 'fetchTicker'),
    // Order books for the polled symbols: okx's BTC/USDT spot entry, bybit's BTC/USDT:USDT swap entry.
    'GET /www.okx.com/api/v5/market/books': recorded('okx', 'fetchOrderBook', 1),
    'GET /api.bybit.com/v5/market/orderbook': recorded('bybit', 'fetchOrderBook'),
  };
  const down = new Set<string>();
  let authFails = false;
  const seen: string[] = [];
  let server: Server;
  let ex: Running;

  before(async () => {
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const host = path.split('/')[1];
      seen.push(`${req.method} ${path}`);
      if (down.has(host)) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
      if (path.endsWith('/account/balance')) {
        // A venue echoing the key back in an error: the exporter must not log it.
        if (authFails) return void res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: '50113', msg: `Invalid Sign for ${API_KEY}`, data: [] }));
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(recorded('okx', 'fetchBalance', 2)));
      }
      const body = routes[`${req.method} ${path}`];
      if (body === undefined) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"msg":"no such route in the replay"}');
      const limits = host === 'api.bybit.com' ? { 'X-Bapi-Limit': '50', 'X-Bapi-Limit-Status': '42' } : {};
      res.writeHead(200, { 'content-type': 'application/json', ...limits }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const dir = tempDir();
    const credentials = join(dir, 'credentials.json');
    writeFileSync(credentials, JSON.stringify({ okx: { apiKey: API_KEY, secret: 'okx-secret-abcdef', password: 'okx-pass-xyz' } }));
    ex = await startExporter([
      '--exchange=okx:BTC/USDT',
      '--exchange=bybit:BTC/USDT:USDT',
      `--exchange.api-base=http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      `--exchange.markets-dir=${MARKETS_DIR}`,
      `--exchange.credentials-file=${credentials}`,
      '--exchange.poll-interval=100ms',
      '--exchange.timeout=2s',
    ]);
  });
  after(async () => {
    await ex?.stop();
    server?.close();
  });

  const until = (what: string, test: (m: Map<string, number>) => boolean) => waitForSamples(ex.url, what, test);

  it('polls tickers and the balance, reporting both venues up', async () => {
    const m = await until('both venues up', (s) => sample(s, 'trading_exchange_up', { venue: 'okx' }) === 1 && sample(s, 'trading_exchange_up', { venue: 'bybit' }) === 1);
    assert.ok(sample(m, 'trading_exchange_request_duration_seconds_count', { venue: 'okx', method: 'fetchTicker', outcome: 'success' })! >= 1);
    assert.ok(sample(m, 'trading_exchange_request_duration_seconds_count', { venue: 'okx', method: 'fetchBalance', outcome: 'success' })! >= 1);
    assert.ok(sample(m, 'trading_exchange_request_duration_seconds_count', { venue: 'bybit', method: 'fetchTicker', outcome: 'success' })! >= 1);
    assert.equal(sample(m, 'trading_exchange_request_duration_seconds_count', { venue: 'bybit', method: 'fetchBalance' }), undefined, 'no credentials, no balance call');
    const last = sample(m, 'trading_exchange_last_success_timestamp_seconds', { venue: 'okx' })!;
    assert.ok(Math.abs(last - Date.now() / 1000) < 30);
    assert.ok(Math.abs(sample(m, 'trading_exchange_rate_limit_used', { venue: 'bybit' })! - 0.16) < 1e-9, 'bybit: 8 of 50 used');
    assert.equal(sample(m, 'trading_exchange_rate_limit_used', { venue: 'okx' }), undefined, 'okx sends no rate-limit headers');
    // Top of book as ccxt parsed it from the recorded responses.
    const okxSpread = sample(m, 'trading_spread_ratio', { venue: 'okx', symbol: 'BTC/USDT' })!;
    assert.ok(Math.abs(okxSpread - 0.1 / 67973.35) < 1e-12, String(okxSpread));
    assert.equal(sample(m, 'trading_top_of_book_depth', { venue: 'okx', symbol: 'BTC/USDT', side: 'bid' }), 0.05);
    assert.equal(sample(m, 'trading_top_of_book_depth', { venue: 'okx', symbol: 'BTC/USDT', side: 'ask' }), 1.40848059);
    assert.ok(Math.abs(sample(m, 'trading_spread_ratio', { venue: 'bybit', symbol: 'BTC/USDT:USDT' })! - 3.3 / 42546.35) < 1e-9);
    assert.ok(seen.includes('GET /www.okx.com/api/v5/market/ticker'));
    assert.ok(seen.includes('GET /api.bybit.com/v5/market/tickers'));
  });

  it('reports a venue that answers 503 as down with ExchangeNotAvailable, the other stays up', async () => {
    down.add('www.okx.com');
    const m = await until('okx down', (s) => sample(s, 'trading_exchange_up', { venue: 'okx' }) === 0);
    assert.ok(sample(m, 'trading_exchange_errors_total', { venue: 'okx', error_class: 'ExchangeNotAvailable' })! >= 1);
    assert.equal(sample(m, 'trading_exchange_up', { venue: 'bybit' }), 1);
    const health = (await (await fetch(`${ex.url}/health`)).json()) as { status: string; checks: Record<string, { status: string; message?: string }> };
    assert.equal(health.checks.exchanges.status, 'degraded');
    assert.match(health.checks.exchanges.message ?? '', /okx/);
    down.delete('www.okx.com');
    await until('okx back up', (s) => sample(s, 'trading_exchange_up', { venue: 'okx' }) === 1);
  });

  it('counts an authentication failure and never logs or exports the credentials', async () => {
    authFails = true;
    const m = await until('auth error', (s) => (sample(s, 'trading_exchange_errors_total', { venue: 'okx', method: 'fetchBalance', error_class: 'AuthenticationError' }) ?? 0) >= 1);
    authFails = false;
    assert.equal(sample(m, 'trading_exchange_up', { venue: 'okx' }), 0);
    const text = await scrape(ex.url);
    for (const secret of [API_KEY, 'okx-secret-abcdef', 'okx-pass-xyz']) {
      assert.ok(!ex.logs.text.includes(secret), `log holds ${secret}`);
      assert.ok(!text.includes(secret), `metrics hold ${secret}`);
    }
    assert.match(ex.logs.text, /\[redacted\]/);
    assertMetricsClean(text);
  });

  it('refuses an unknown exchange id at start-up', async () => {
    await assert.rejects(startExporter(['--exchange=notanexchange']), /not a ccxt exchange id/);
  });
});
