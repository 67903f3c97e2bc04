// /metrics of the trading exporter with 10,000 series vs prom-client alone holding the same families, label
// sets and observations, interleaved in one run. Both are scraped the same way: over keep-alive HTTP (prom-client
// behind a plain node:http server answering registry.metrics(), as its README shows) by the same client.
// Target: trading_metrics_ratio <= 1.2. Also printed: the in-process render time of each (no HTTP).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Counter, Histogram, Registry } from 'prom-client';
import { buildExporter } from '@vigil/exporter-kit';
import {
  DURATION_BUCKETS,
  FILL_RATIO_BUCKETS,
  ORDER_LABELS,
  SLIPPAGE_BUCKETS,
  setupTrading,
  tradingExporterOptions,
  validateBatch,
  type TradingState,
} from '@vigil/trading-exporter';
import { interleave, median, report } from './stats.js';

const LABEL_SETS = 102; // × 98 samples per order label set ≈ 10,000 series
const quiet = new Writable({ write: (_c, _e, cb) => cb() });
let state: TradingState | undefined;
const now = Date.now();
const { exporter } = await buildExporter(
  tradingExporterOptions({ processMetrics: false, setup: (e, f) => void (state = setupTrading(e, f, () => now + 60_000)) }),
  ['--web.listen-address=127.0.0.1:0', '--log.level=error', '--orders.grace-period=1ms'],
  {},
  quiet,
);

// prom-client alone, with the same order families.
const registry = new Registry();
const labelNames = [...ORDER_LABELS];
const pc = {
  submitted: new Counter({ name: 'trading_orders_submitted_total', help: 'Orders submitted.', labelNames, registers: [registry] }),
  completed: new Counter({ name: 'trading_orders_completed_total', help: 'Orders completed.', labelNames: [...labelNames, 'final_status'], registers: [registry] }),
  requested: new Counter({ name: 'trading_order_quantity_requested_total', help: 'Requested.', labelNames, registers: [registry] }),
  filled: new Counter({ name: 'trading_order_quantity_filled_total', help: 'Filled.', labelNames, registers: [registry] }),
  ack: new Histogram({ name: 'trading_order_ack_duration_seconds', help: 'Ack.', labelNames, buckets: DURATION_BUCKETS, registers: [registry] }),
  first: new Histogram({ name: 'trading_order_first_fill_duration_seconds', help: 'First fill.', labelNames, buckets: DURATION_BUCKETS, registers: [registry] }),
  completion: new Histogram({ name: 'trading_order_completion_duration_seconds', help: 'Completion.', labelNames, buckets: DURATION_BUCKETS, registers: [registry] }),
  ratio: new Histogram({ name: 'trading_order_fill_ratio', help: 'Fill ratio.', labelNames, buckets: FILL_RATIO_BUCKETS, registers: [registry] }),
  adverse: new Histogram({ name: 'trading_order_slippage_adverse_ratio', help: 'Adverse.', labelNames, buckets: SLIPPAGE_BUCKETS, registers: [registry] }),
  favorable: new Histogram({ name: 'trading_order_slippage_favorable_ratio', help: 'Favourable.', labelNames, buckets: SLIPPAGE_BUCKETS, registers: [registry] }),
};

const venues = ['binance', 'okx', 'bybit', 'kraken', 'coinbase', 'kucoin'];
const symbols = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
const events: Record<string, unknown>[] = [];
for (let i = 0; i < LABEL_SETS; i++) {
  const labels = { venue: venues[i % 6], symbol: symbols[Math.floor(i / 6) % 3], side: i % 2 ? 'buy' : 'sell', order_type: 'limit', strategy: `s${Math.floor(i / 18)}` };
  for (let k = 0; k < 3; k++) {
    const id = `o-${i}-${k}`;
    const ack = 5 + k * 7;
    const fill = 40 + k * 100;
    const price = 100 * (1 + (k - 1) * 3e-4 * (labels.side === 'buy' ? 1 : -1));
    events.push(
      { type: 'order.submitted', ts: now, orderId: id, venue: labels.venue, symbol: labels.symbol, strategy: labels.strategy, side: labels.side, orderType: 'limit', quantity: 1, arrivalPrice: 100 },
      { type: 'order.acknowledged', ts: now + ack, orderId: id },
      { type: 'order.filled', ts: now + fill, orderId: id, fillId: 'f', fillQuantity: 1, fillPrice: price },
    );
    const slip = (labels.side === 'buy' ? 1 : -1) * ((price - 100) / 100);
    pc.submitted.inc(labels);
    pc.requested.inc(labels, 1);
    pc.filled.inc(labels, 1);
    pc.completed.inc({ ...labels, final_status: 'filled' });
    pc.ack.observe(labels, ack / 1000);
    pc.first.observe(labels, fill / 1000);
    pc.completion.observe(labels, fill / 1000);
    pc.ratio.observe(labels, 1);
    pc.adverse.observe(labels, Math.max(0, slip));
    pc.favorable.observe(labels, Math.max(0, -slip));
  }
}
state!.applyBatch(validateBatch(events, { now: now + 1000, maxFutureMs: 60_000 }), now + 1000);
const { url } = await exporter.start();

// The order families both sides hold (the exporter also has its own bookkeeping families).
const ORDER_FAMILY = /^trading_(orders_(submitted|completed)_total|order_(quantity|ack|first_fill|completion|fill_ratio|slippage))/;
const promServer = http.createServer((_req, res) => {
  registry.metrics().then((body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body));
});
await new Promise<void>((resolve) => promServer.listen(0, '127.0.0.1', resolve));
const promPort = (promServer.address() as AddressInfo).port;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(target, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`status ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

const countOrderLines = (text: string) => text.split('\n').filter((l) => ORDER_FAMILY.test(l)).length;
const lines = countOrderLines(await get(`${url}/metrics`));
const pcLines = countOrderLines(await get(`http://127.0.0.1:${promPort}/metrics`));
if (lines !== pcLines) throw new Error(`series differ: exporter ${lines}, prom-client ${pcLines}`);

const overHttp = await interleave(200, 20, () => get(`${url}/metrics`), () => get(`http://127.0.0.1:${promPort}/metrics`));
const inProcess = await interleave(100, 10, () => exporter.scrape(), () => registry.metrics());
await exporter.shutdown();
promServer.close();
agent.destroy();
report('trading_metrics_series', lines);
report('trading_metrics_http_median_ms', median(overHttp.a));
report('promclient_metrics_http_median_ms', median(overHttp.b));
report('trading_metrics_render_median_ms', median(inProcess.a));
report('promclient_metrics_render_median_ms', median(inProcess.b));
report('trading_metrics_ratio', median(overHttp.a) / median(overHttp.b));
