// A local server playing the five venues of ccxt's recorded responses (reference data "ccxt"), reached through
// --exchange.api-base (BASE/<original host>/<path>). Routes on verb + host + path, as the reference README
// says. Server-time endpoints are generated (the venues' documented shapes) so that clock skew can be set; a
// few calls the recordings lack are answered with bodies written from the venues' API documentation (marked
// "documented" below). Faults can be injected per venue host: 429 with or without Retry-After, 418, 5xx,
// timeouts (no answer), malformed JSON, authentication failure, maintenance.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '@vigil/test-support';
import { MARKETS_DIR, recorded } from './ccxt-reference.js';

export const HOSTS = {
  binance: ['api.binance.com', 'fapi.binance.com'],
  okx: ['www.okx.com'],
  bybit: ['api.bybit.com'],
  kraken: ['api.kraken.com'],
  coinbase: ['api.coinbase.com'],
} as const;
export type ReplayVenue = keyof typeof HOSTS;

export type Fault = '429' | '429-retry-after' | '429-retry-after-30' | '418' | '500' | 'timeout' | 'malformed' | 'auth' | 'maintenance';

type Body = unknown | ((now: number) => unknown);

/** The routes ccxt 4.5 requests for the calls the exporter makes. */
function routes(skewMs: () => number): Record<string, Body> {
  const t = (now: number) => now + skewMs();
  return {
    'GET /api.binance.com/api/v3/time': (now: number) => ({ serverTime: t(now) }),
    'GET /api.binance.com/api/v3/ticker/24hr': recorded('binance', 'fetchTicker'),
    'GET /api.binance.com/api/v3/depth': recorded('binance', 'fetchOrderBook'),
    'GET /api.binance.com/api/v3/account': recorded('binance', 'fetchBalance'),
    'GET /api.binance.com/api/v3/openOrders': recorded('binance', 'fetchOpenOrders'),
    'GET /fapi.binance.com/fapi/v3/positionRisk': recorded('binance', 'fetchPositions'),
    // documented (Notional and Leverage Brackets): ccxt loads them before parsing positions.
    'GET /fapi.binance.com/fapi/v1/leverageBracket': [
      { symbol: 'BTCUSDT', brackets: [{ bracket: 1, initialLeverage: 125, notionalCap: 50000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 }] },
    ],
    'GET /www.okx.com/api/v5/public/time': (now: number) => ({ code: '0', data: [{ ts: String(t(now)) }], msg: '' }),
    'GET /www.okx.com/api/v5/market/ticker': recorded('okx', 'fetchTicker'),
    'GET /www.okx.com/api/v5/market/books': recorded('okx', 'fetchOrderBook', 1),
    'GET /www.okx.com/api/v5/account/balance': recorded('okx', 'fetchBalance', 2),
    'GET /www.okx.com/api/v5/account/positions': recorded('okx', 'fetchPositions', 1),
    'GET /www.okx.com/api/v5/trade/orders-pending': recorded('okx', 'fetchOpenOrders', 1),
    'GET /api.bybit.com/v5/market/time': (now: number) => ({
      retCode: 0,
      retMsg: 'OK',
      result: { timeSecond: String(Math.floor(t(now) / 1000)), timeNano: `${t(now)}000000` },
      retExtInfo: {},
      time: t(now),
    }),
    'GET /api.bybit.com/v5/market/tickers': recorded('bybit', 'fetchTicker'),
    'GET /api.bybit.com/v5/market/orderbook': recorded('bybit', 'fetchOrderBook'),
    'GET /api.bybit.com/v5/account/wallet-balance': recorded('bybit', 'fetchBalance'),
    // documented (Get Account Info, Get API Key Information): ccxt asks whether the account is unified first.
    'GET /api.bybit.com/v5/account/info': { retCode: 0, retMsg: 'OK', result: { unifiedMarginStatus: 4, marginMode: 'REGULAR_MARGIN', isMasterTrader: false, spotHedgingStatus: 'OFF', updatedTime: '1697078946000' }, retExtInfo: {}, time: 1697078946000 },
    'GET /api.bybit.com/v5/user/query-api': { retCode: 0, retMsg: '', result: { id: '13770661', note: 'vigil', apiKey: 'XXXXXX', readOnly: 1, secret: '', permissions: {}, ips: ['*'], type: 1, deadlineDay: 83, expiredAt: '2024-01-01T00:00:00Z', createdAt: '2023-10-10T00:00:00Z', unified: 1, uta: 1, userID: 24617703, inviterID: 0, vipLevel: 'No VIP', mktMakerLevel: '0', affiliateID: 0, rsaPublicKey: '', isMaster: true, parentUid: '0', kycLevel: 'LEVEL_DEFAULT', kycRegion: '' }, retExtInfo: {}, time: 1697078946000 },
    'GET /api.bybit.com/v5/position/list': recorded('bybit', 'fetchPositions'),
    'GET /api.bybit.com/v5/order/realtime': recorded('bybit', 'fetchOpenOrder'),
    'GET /api.kraken.com/0/public/Time': (now: number) => ({
      error: [],
      result: { unixtime: Math.floor(t(now) / 1000), rfc1123: new Date(t(now)).toUTCString() },
    }),
    'GET /api.kraken.com/0/public/Ticker': recorded('kraken', 'fetchTicker'),
    // documented (Get Order Book): result keyed by the pair, [price, volume, timestamp] levels.
    'GET /api.kraken.com/0/public/Depth': {
      error: [],
      result: { XBTUSDT: { asks: [['67012.5', '0.750', 1701475200]], bids: [['67011.9', '1.250', 1701475200]] } },
    },
    // documented (Get Extended Balance): balance and hold_trade per asset.
    'POST /api.kraken.com/0/private/BalanceEx': { error: [], result: { USDT: { balance: '2500.0000', hold_trade: '100.0000' }, XXBT: { balance: '0.5000000000', hold_trade: '0.0000000000' } } },
    'POST /api.kraken.com/0/private/OpenOrders': recorded('kraken', 'fetchOpenOrders'),
    'POST /api.kraken.com/0/private/OpenPositions': recorded('kraken', 'fetchPositions'),
    // documented (Get Current Time, v2): iso and epoch seconds.
    'GET /api.coinbase.com/v2/time': (now: number) => ({ data: { iso: new Date(t(now)).toISOString(), epoch: Math.floor(t(now) / 1000) } }),
    'GET /api.coinbase.com/v2/accounts': recorded('coinbase', 'fetchBalance'),
    // documented (List Orders, Advanced Trade): no open order.
    'GET /api.coinbase.com/api/v3/brokerage/orders/historical/batch': { orders: [], sequence: '0', has_next: false, cursor: '' },
  };
}

/** The markets files, binance's integer precisions turned into tick sizes (n → 10^-n) as the reference README says. */
export function marketsDir(): string {
  const dir = join(tempDir('vigil-markets-'), 'markets');
  mkdirSync(dir, { recursive: true });
  for (const id of Object.keys(HOSTS)) {
    const markets = JSON.parse(readFileSync(join(MARKETS_DIR, `${id}.json`), 'utf8')) as Record<string, { precision: Record<string, number> }>;
    if (id === 'binance') {
      for (const m of Object.values(markets)) {
        for (const [k, v] of Object.entries(m.precision)) if (Number.isInteger(v)) m.precision[k] = 10 ** -v;
      }
    }
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(markets));
  }
  return dir;
}

export class ReplayServer {
  readonly faults = new Map<string, Fault>();
  /** Requests served, as "VERB /host/path". */
  readonly seen: string[] = [];
  /** Requests no route answered (a call the exporter makes that the replay lacks). */
  readonly missing = new Set<string>();
  skewMs = 0;
  /** Extra routes (the forwarding bridge's order history), consulted first. */
  readonly extra = new Map<string, (req: IncomingMessage, now: number) => unknown>();
  private server?: Server;
  private readonly table = routes(() => this.skewMs);
  private readonly held = new Set<ServerResponse>();

  fault(venue: ReplayVenue, f: Fault | undefined): void {
    for (const h of HOSTS[venue]) {
      if (f) this.faults.set(h, f);
      else this.faults.delete(h);
    }
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => this.answer(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    for (const r of this.held) r.destroy();
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    const host = path.split('/')[1];
    const key = `${req.method} ${path}`;
    this.seen.push(key);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
    switch (this.faults.get(host)) {
      case '429':
        return void res.writeHead(429, { 'content-type': 'text/plain' }).end('Too Many Requests');
      case '429-retry-after':
        return void res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '3' }).end('Too Many Requests');
      case '429-retry-after-30':
        return void res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '30' }).end('Too Many Requests');
      case '418':
        return void res.writeHead(418, { 'content-type': 'text/plain', 'retry-after': '5' }).end("I'm a teapot: banned");
      case '500':
        return json(500, 'Internal Server Error');
      case 'timeout':
        this.held.add(res);
        return;
      case 'malformed':
        return json(200, '{"code":"0","data":[{"instId":');
      case 'auth':
        return json(401, { code: '50113', msg: 'Invalid Sign', data: [] });
      case 'maintenance':
        return json(200, { code: '50001', msg: 'Service temporarily unavailable. Please try again later', data: [] });
    }
    const extra = this.extra.get(key);
    if (extra) return json(200, extra(req, Date.now()));
    const body = this.table[key];
    if (body === undefined) {
      this.missing.add(key);
      return json(404, { msg: 'no such route in the replay' });
    }
    json(200, typeof body === 'function' ? (body as (now: number) => unknown)(Date.now()) : body, host === 'api.bybit.com' ? { 'X-Bapi-Limit': '50', 'X-Bapi-Limit-Status': '42' } : {});
  }
}

export const VENUES: Record<string, string[]> = {
  binance: ['BTC/USDT'],
  okx: ['BTC/USDT'],
  bybit: ['BTC/USDT:USDT'],
  kraken: ['BTC/USDT'],
  coinbase: [],
};

/** A venue's test secret: base64 (kraken decodes it) of 18 bytes (coinbase takes 64-byte ones for ed25519). */
export const secretOf = (id: string) => Buffer.from(`${id}-secret-abcdef`.slice(0, 18).padEnd(18, 'x')).toString('base64');

/** One credentials file per venue; the secrets are what the tests look for in logs and metrics. */
export function writeVenues(dir: string, venues: Record<string, string[]>, extra = ''): string {
  let yaml = 'venues:\n';
  for (const [id, symbols] of Object.entries(venues)) {
    const cred = join(dir, `${id}.json`);
    writeFileSync(cred, JSON.stringify({ apiKey: `${id}-key-7f3e9a1c`, secret: secretOf(id), password: `${id}-pass-xyz` }));
    yaml += `  - id: ${id}\n    symbols: ${JSON.stringify(symbols)}\n    poll_interval: 300ms\n    request_interval: 10ms\n    credentials_file: ${cred}\n${extra}`;
  }
  const file = join(dir, 'venues.yml');
  writeFileSync(file, yaml);
  return file;
}
