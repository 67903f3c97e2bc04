// Memory (JS heap plus ArrayBuffers) per open order in the trading exporter's order table (submitted,
// acknowledged, one partial fill with a fill id — the state a resting order is in), vs keeping the same orders'
// parsed JSON events, as a naive table would, measured in one run with forced GC.
// Target: trading_open_order_bytes <= 1024.
import { randomUUID } from 'node:crypto';
import { TradingState, validateBatch } from '@vigil/trading-exporter';
import { report } from './stats.js';

const ORDERS = Number(process.env.TRADING_BENCH_ORDERS ?? 100_000);
const BATCH = 1_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc (npm run bench does)');

/** The JS heap plus ArrayBuffer memory (the order table keeps its numbers in a Float64Array outside the heap). */
function heap(): number {
  for (let i = 0; i < 3; i++) gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const now = Date.now();
const venues = ['binance', 'okx', 'bybit', 'kraken'];
const symbols = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'XRP/USDT'];
function orderEvents(i: number, id: string): Record<string, unknown>[] {
  return [
    { type: 'order.submitted', ts: now - 1000, orderId: id, venue: venues[i % 4], symbol: symbols[(i >> 2) % 4], strategy: 'momentum', side: i % 2 ? 'buy' : 'sell', orderType: 'limit', quantity: 2.5, limitPrice: 100.02, arrivalPrice: 100.01 },
    { type: 'order.acknowledged', ts: now - 990, orderId: id },
    { type: 'order.filled', ts: now - 900, orderId: id, fillId: `${id}-1`, fillQuantity: 1.25, fillPrice: 100.02, fee: 0.01, feeCurrency: 'USDT' },
  ];
}
// Order ids as desks send them (UUIDs). Through JSON so each is one flat string: node builds randomUUID()'s
// result by concatenation, a tree of ~20 pieces (~500 bytes) that V8 flattens, freeing the pieces, the first
// time the string is hashed or serialised, which would happen during the measured phase and hide the table.
const ids = JSON.parse(JSON.stringify(Array.from({ length: ORDERS }, () => randomUUID()))) as string[];

const before = heap();
const state = new TradingState({ orders: { maxOrders: ORDERS * 2 } });
for (let i = 0; i < ORDERS; i += BATCH) {
  const raw = [];
  for (let k = i; k < Math.min(ORDERS, i + BATCH); k++) raw.push(...orderEvents(k, ids[k]));
  // Through JSON like the HTTP ingest, so the table holds its own copies of the id strings.
  state.applyBatch(validateBatch(JSON.parse(JSON.stringify(raw)) as unknown[], { now, maxFutureMs: 60_000 }), now);
}
const afterTable = heap();
if (state.orders.openOrders !== ORDERS) throw new Error(`expected ${ORDERS} open orders, have ${state.orders.openOrders}`);

// The naive alternative: the parsed events of each open order kept in a Map.
const naive = new Map<string, unknown[]>();
for (let k = 0; k < ORDERS; k++) naive.set(ids[k], JSON.parse(JSON.stringify(orderEvents(k, ids[k]))) as unknown[]);
const afterNaive = heap();

report('trading_open_orders', ORDERS);
report('trading_open_order_bytes', Math.round((afterTable - before) / ORDERS));
report('naive_event_map_order_bytes', Math.round((afterNaive - afterTable) / ORDERS));
report('trading_open_order_vs_naive_ratio', (afterTable - before) / (afterNaive - afterTable));
if (naive.size !== ORDERS || state.orders.openOrders !== ORDERS) throw new Error('lost orders');
