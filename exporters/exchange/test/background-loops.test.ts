// Every background loop catches, logs, counts and backs off: a stream whose set-up fails before its first
// watchTicker (ccxt's proxy agent loading, here made to fail twice) is retried and streams, and a poll cycle that
// fails outside its requests (a bridge hook throwing while the cycle is built) is counted and the venue polled
// on. Neither ends its loop nor leaves an unhandled rejection. Real ccxt against the local venue stand-in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Logger } from '@vigil/exporter-kit';
import { freePort, waitFor } from '@vigil/test-support';
import { AccountMetrics } from '../src/account-metrics.js';
import { BookMetrics } from '../src/book-metrics.js';
import { loadCcxt, type CcxtModule } from '../src/ccxt-client.js';
import { ExchangeMetrics } from '../src/exchange-metrics.js';
import { TickerStream } from '../src/ticker-stream.js';
import { VenuePoller } from '../src/venue-poller.js';
import { WsMetrics } from '../src/ws-metrics.js';
import { MARKETS_DIR } from './ccxt-reference.js';
import { VenueWsServer } from './venue-ws-server.js';

/** Keeps every log line (level, message, fields): what the loops say is part of what is tested. */
function recordingLogger(lines: Array<{ level: string; msg: string; fields: Record<string, unknown> }>): Logger {
  const at = (level: string) => (fields: Record<string, unknown> | string, msg?: string) =>
    void lines.push(typeof fields === 'string' ? { level, msg: fields, fields: {} } : { level, msg: msg ?? '', fields });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger;
}

describe('background loops back off and go on', { timeout: 60_000 }, () => {
  const server = new VenueWsServer((_req, res) => void res.writeHead(404).end('{}'), {
    binance: { bid: 67251.1, bidQty: 1.25, ask: 67251.3, askQty: 0.5 },
    okx: { bid: 67250.3, bidQty: 2.5, ask: 67250.9, askQty: 0.75 },
  });
  let base: string;
  let ccxt: CcxtModule;
  const rejections: unknown[] = [];
  const onRejection = (r: unknown) => void rejections.push(r);

  before(async () => {
    base = await server.listen();
    ccxt = await loadCcxt();
    process.on('unhandledRejection', onRejection);
  });
  after(async () => {
    process.off('unhandledRejection', onRejection);
    await server.close();
  });

  it('a stream whose set-up fails is counted, logged, retried with backoff, and streams once set-up works', async () => {
    const lines: Parameters<typeof recordingLogger>[0] = [];
    const exchangeMetrics = new ExchangeMetrics();
    const ws = new WsMetrics();
    const book = new BookMetrics();
    const stream = new TickerStream(ccxt, { id: 'okx', exchange: 'okx', symbol: 'BTC/USDT' }, {
      apiBase: base,
      marketsDir: MARKETS_DIR,
      timeoutMs: 2000,
      backoffInitialMs: 100,
      backoffMaxMs: 400,
      credentials: {},
      logger: recordingLogger(lines),
      metrics: ws,
      exchangeMetrics,
      book,
    });
    const ex = (stream as unknown as { ex: { loadHttpProxyAgent: () => Promise<unknown> } }).ex;
    const real = ex.loadHttpProxyAgent.bind(ex);
    let setUps = 0;
    ex.loadHttpProxyAgent = async () => {
      if (++setUps <= 2) throw new (ccxt.NetworkError as new (m: string) => Error)('proxy agent could not be loaded');
      return real();
    };
    stream.start();
    try {
      await waitFor(() => server.venues.okx.subscribed.size > 0 || undefined, { what: 'the okx stream subscribed after two failed set-ups', timeoutMs: 20_000 });
      await waitFor(() => ws.up.child(['okx', 'BTC/USDT']).value === 1 || undefined, { what: 'the stream up', timeoutMs: 20_000 });
      assert.equal(setUps, 3);
      assert.equal(exchangeMetrics.errors.child(['okx', 'watchTicker', 'NetworkError']).value, 2);
      const lost = lines.filter((l) => l.msg === 'exchange stream lost, resubscribing with backoff');
      assert.equal(lost.length, 2);
      assert.match(String(lost[0].fields.err), /proxy agent could not be loaded/);
    } finally {
      await stream.stop();
    }
    assert.deepEqual(rejections, []);
  });

  it('a poll cycle that fails outside its requests is counted and logged, and the venue is polled on with backoff', async () => {
    const lines: Parameters<typeof recordingLogger>[0] = [];
    const metrics = new ExchangeMetrics();
    let builds = 0;
    const poller = new VenuePoller(
      { id: 'okx', exchange: 'okx', symbols: ['BTC/USDT'], pollIntervalMs: 100, sandbox: false, stream: false, requestIntervalMs: 10 },
      {
        ccxt,
        // Nothing listens there: the requests themselves fail (inside the cycle, as usual).
        apiBase: `http://127.0.0.1:${await freePort()}`,
        marketsDir: MARKETS_DIR,
        timeoutMs: 1000,
        credentials: {},
        logger: recordingLogger(lines),
        metrics,
        book: new BookMetrics(),
        account: new AccountMetrics(),
        extraTasks: () => {
          if (++builds === 1) throw new Error('bridge hook broke');
          return [];
        },
      },
    );
    poller.start();
    try {
      await waitFor(() => poller.cycles >= 2 || undefined, { what: 'two cycles after the failed one', timeoutMs: 20_000 });
      assert.equal(metrics.errors.child(['okx', 'poll', 'other']).value, 1);
      assert.equal(metrics.up.child(['okx']).value, 0);
      const failed = lines.find((l) => l.msg === 'venue poll cycle failed: backing off');
      assert.ok(failed, JSON.stringify(lines.map((l) => l.msg)));
      assert.equal(failed.level, 'error');
      assert.match(String(failed.fields.err), /bridge hook broke/);
    } finally {
      await poller.stop();
    }
    assert.deepEqual(rejections, []);
  });
});
