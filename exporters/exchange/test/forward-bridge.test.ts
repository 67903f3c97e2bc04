// --forward.url against a real trading exporter (its built bin, a separate process): a venue history of orders
// and fills (binance's documented allOrders / myTrades shapes, served by the replay server and filtered by
// startTime as binance does) becomes trading events; the exchange exporter is restarted in the middle, the
// history grows, and the trading figures count every order and fill exactly once. Ticker quotes arrive as
// market.quote events and give later orders their arrival price (slippage observed).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freePort, packageBin, sample, startServer, tempDir, waitForSamples, type ServerProcess } from '@vigil/test-support';
import { startExporter, type Running } from './helpers.js';
import { marketsDir, ReplayServer, writeVenues } from './replay-server.js';

interface Order {
  id: number;
  side: 'BUY' | 'SELL';
  type: 'LIMIT' | 'MARKET';
  qty: number;
  price: number;
  status: 'NEW' | 'FILLED' | 'CANCELED' | 'REJECTED' | 'PARTIALLY_FILLED';
  time: number;
}
interface Trade {
  id: number;
  orderId: number;
  qty: number;
  price: number;
  time: number;
  maker: boolean;
}

describe('forwarding bridge into a real trading exporter, restarted in the middle', () => {
  const server = new ReplayServer();
  const orders: Order[] = [];
  const trades: Trade[] = [];
  const stateDir = tempDir('vigil-forward-');
  const dir = tempDir();
  let trading: ServerProcess;
  let base: string;
  let venuesFile: string;
  let ex: Running | undefined;
  const T = Date.now() - 120_000;
  const filled = (o: Order) => trades.filter((t) => t.orderId === o.id).reduce((s, t) => s + t.qty, 0);
  const since = (req: { url?: string }) => Number(new URL(req.url ?? '/', 'http://x').searchParams.get('startTime') ?? 0);

  const startBridge = () =>
    startExporter([`--venues.file=${venuesFile}`, `--exchange.api-base=${base}`, `--exchange.markets-dir=${marketsDir()}`, `--forward.url=${trading.url}`, `--forward.state-dir=${stateDir}`, '--forward.lookback=10m']);
  const tradingSamples = (what: string, test: (m: Map<string, number>) => boolean) => waitForSamples(trading.url, what, test, 30_000);
  const b = { venue: 'binance' };

  before(async () => {
    server.extra.set('GET /api.binance.com/api/v3/allOrders', (req) =>
      orders
        .filter((o) => o.time >= since(req))
        .map((o) => ({
          symbol: 'BTCUSDT',
          orderId: o.id,
          orderListId: -1,
          clientOrderId: `vigil-${o.id}`,
          price: o.type === 'MARKET' ? '0.00000000' : o.price.toFixed(8),
          origQty: o.qty.toFixed(8),
          executedQty: filled(o).toFixed(8),
          cummulativeQuoteQty: (filled(o) * o.price).toFixed(8),
          status: o.status,
          timeInForce: 'GTC',
          type: o.type,
          side: o.side,
          stopPrice: '0.00000000',
          icebergQty: '0.00000000',
          time: o.time,
          updateTime: o.time + 1000,
          isWorking: true,
          workingTime: o.time,
          origQuoteOrderQty: '0.00000000',
          selfTradePreventionMode: 'NONE',
        })),
    );
    server.extra.set('GET /api.binance.com/api/v3/myTrades', (req) =>
      trades
        .filter((t) => t.time >= since(req))
        .map((t) => ({
          symbol: 'BTCUSDT',
          id: t.id,
          orderId: t.orderId,
          orderListId: -1,
          price: t.price.toFixed(8),
          qty: t.qty.toFixed(8),
          quoteQty: (t.qty * t.price).toFixed(8),
          commission: '0.00001000',
          commissionAsset: 'BTC',
          time: t.time,
          isBuyer: orders.find((o) => o.id === t.orderId)?.side === 'BUY',
          isMaker: t.maker,
          isBestMatch: true,
        })),
    );
    base = await server.listen();
    venuesFile = writeVenues(dir, { binance: ['BTC/USDT'] });
    const port = await freePort();
    trading = await startServer(process.execPath, [packageBin('@vigil/trading-exporter', 'vigil-trading-exporter'), `--web.listen-address=127.0.0.1:${port}`, '--orders.grace-period=200ms'], {
      port,
      readyPath: '/ready',
      timeoutMs: 30_000,
    });
  });
  after(async () => {
    await ex?.stop();
    await trading?.stop();
    await server.close();
  });

  it('forwards the first part of the history: submits, fills, a cancel', async () => {
    orders.push(
      { id: 1, side: 'BUY', type: 'LIMIT', qty: 0.5, price: 67000, status: 'FILLED', time: T },
      { id: 2, side: 'SELL', type: 'LIMIT', qty: 1, price: 67100, status: 'CANCELED', time: T + 1000 },
      { id: 3, side: 'BUY', type: 'LIMIT', qty: 0.7, price: 66900, status: 'NEW', time: T + 2000 },
    );
    trades.push(
      { id: 11, orderId: 1, qty: 0.2, price: 67000, time: T + 100, maker: true },
      { id: 12, orderId: 1, qty: 0.3, price: 67000, time: T + 200, maker: false },
      { id: 21, orderId: 2, qty: 0.4, price: 67100, time: T + 1100, maker: true },
    );
    ex = await startBridge();
    const m = await tradingSamples('first part forwarded', (s) => sample(s, 'trading_orders_completed_total', b) === 2);
    assert.equal(sample(m, 'trading_orders_submitted_total', b), 3);
    assert.ok(Math.abs(sample(m, 'trading_order_quantity_filled_total', b)! - 0.9) < 1e-9);
    assert.equal(sample(m, 'trading_orders_completed_total', { ...b, final_status: 'filled' }), 1);
    assert.equal(sample(m, 'trading_orders_completed_total', { ...b, final_status: 'canceled' }), 1);
    // Quotes too: polled tickers forwarded as market.quote.
    await tradingSamples('quotes', (s) => (sample(s, 'trading_events_received_total', { type: 'market.quote' }) ?? 0) >= 1);
  });

  it('after a restart, forwards only what is new: nothing counted twice', async () => {
    // Polled a few more times over the same history first: overlapping polls must not resend.
    await waitForSamples(ex!.url, 'a few more polls', (s) => (sample(s, 'trading_exchange_request_duration_seconds_count', { venue: 'binance', method: 'fetchOrders' }) ?? 0) >= 4, 30_000);
    await ex!.stop();
    ex = undefined;
    const now = Date.now();
    orders[2].status = 'FILLED';
    trades.push({ id: 31, orderId: 3, qty: 0.7, price: 66900, time: now - 1000, maker: true });
    orders.push({ id: 4, side: 'SELL', type: 'LIMIT', qty: 0.2, price: 80000, status: 'REJECTED', time: now - 900 });
    ex = await startBridge();
    // A new order once quotes are flowing again: its arrival price is the mid the bridge saw.
    await waitForSamples(ex.url, 'ticker polled', (s) => (sample(s, 'trading_exchange_request_duration_seconds_count', { venue: 'binance', method: 'fetchTicker', outcome: 'success' }) ?? 0) >= 1, 30_000);
    const t5 = Date.now();
    orders.push({ id: 5, side: 'BUY', type: 'LIMIT', qty: 0.3, price: 73400, status: 'FILLED', time: t5 });
    trades.push({ id: 51, orderId: 5, qty: 0.3, price: 73400, time: t5 + 10, maker: false });
    const m = await tradingSamples('everything forwarded', (s) => sample(s, 'trading_orders_completed_total', b) === 5);
    assert.equal(sample(m, 'trading_orders_submitted_total', b), 5, 'each order submitted once across the restart');
    assert.ok(Math.abs(sample(m, 'trading_order_quantity_filled_total', b)! - 1.9) < 1e-9, `fills counted once: ${sample(m, 'trading_order_quantity_filled_total', b)}`);
    assert.ok(Math.abs(sample(m, 'trading_order_quantity_requested_total', b)! - 2.7) < 1e-9);
    assert.equal(sample(m, 'trading_orders_completed_total', { ...b, final_status: 'filled' }), 3);
    assert.equal(sample(m, 'trading_orders_completed_total', { ...b, final_status: 'rejected' }), 1);
    // Order 5 bought at 73400 against the 73369.835 mid of the recorded binance ticker: adverse slippage.
    assert.equal(sample(m, 'trading_order_slippage_adverse_ratio_count', b), 1, 'only order 5 had an arrival price');
    const adverse = sample(m, 'trading_order_slippage_adverse_ratio_sum', b)!;
    assert.ok(Math.abs(adverse - (73400 - 73369.835) / 73369.835) < 1e-9, String(adverse));
    const bridge = await waitForSamples(ex.url, 'bridge figures', (s) => (sample(s, 'exchange_exporter_forwarded_events_total', { venue: 'binance', type: 'order.filled' }) ?? 0) >= 1);
    assert.equal(sample(bridge, 'exchange_exporter_forward_failures_total', { venue: 'binance' }), undefined);
  });
});
