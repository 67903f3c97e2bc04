// Test helpers: a real exporter on 127.0.0.1:0 with a controllable clock, an HTTP poster, and a parser
// for the text exposition format.
import { buildExporter, renderText, type Exporter } from '@vigil/exporter-kit';
import { TextSink, waitFor } from '@vigil/test-support';
import { validateBatch } from '../src/ingest/validate.js';
import { Simulator } from '../src/sim/simulator.js';
import { setupExchanges } from '../src/exchange/setup-exchanges.js';
import { setupTrading, tradingExporterOptions } from '../src/trading-exporter.js';
import type { TradingState } from '../src/trading-state.js';

export class Clock {
  constructor(public t = Date.UTC(2026, 10, 24, 12, 0, 0)) {}
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface Running {
  exporter: Exporter;
  state: TradingState;
  url: string;
  logs: TextSink;
  stop: () => Promise<void>;
}

export async function startExporter(argv: string[] = [], clock?: Clock, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  let state: TradingState | undefined;
  const logs = new TextSink();
  const opts = tradingExporterOptions({
    setup: async (exporter, flags) => {
      state = setupTrading(exporter, flags, clock?.now);
      await setupExchanges(exporter, flags);
    },
  });
  const { exporter } = await buildExporter(opts, ['--web.listen-address=127.0.0.1:0', ...argv], env, logs);
  const { url } = await exporter.start();
  return { exporter, state: state!, url, logs, stop: () => exporter.shutdown('test') };
}

export interface PostOptions {
  token?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export async function post(url: string, body: string | Buffer | unknown[], o: PostOptions = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': o.contentType ?? 'application/json', ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const res = await fetch(`${url}/v1/events`, { method: 'POST', headers, body: payload });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { raw: text };
  }
  return { status: res.status, json };
}

export async function scrape(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  return res.text();
}

/** Scrapes every 100 ms until `test` holds for the samples (returned), or fails naming `what` after timeoutMs. */
export function waitForSamples(url: string, what: string, test: (m: Map<string, number>) => boolean, timeoutMs = 15_000): Promise<Map<string, number>> {
  return waitFor(
    async () => {
      const m = parseSamples(await scrape(url));
      return test(m) ? m : undefined;
    },
    { what, timeoutMs },
  );
}

/** name{labels} → value, for every sample line; label order as exposed. */
export function parseSamples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const sp = line.lastIndexOf(' ');
    const v = line.slice(sp + 1);
    out.set(line.slice(0, sp), v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v));
  }
  return out;
}

const byName = new WeakMap<Map<string, number>, Map<string, Array<[string, number]>>>();

/** The value of the sample whose name matches and whose labels include all of `labels`; sums several. */
export function sample(samples: Map<string, number>, name: string, labels: Record<string, string> = {}): number | undefined {
  let index = byName.get(samples);
  if (!index) {
    index = new Map();
    for (const [key, v] of samples) {
      const brace = key.indexOf('{');
      const n = brace < 0 ? key : key.slice(0, brace);
      let list = index.get(n);
      if (!list) index.set(n, (list = []));
      list.push([key, v]);
    }
    byName.set(samples, index);
  }
  const wanted = Object.entries(labels).map(([k, lv]) => `${k}="${lv}"`);
  let total: number | undefined;
  for (const [key, v] of index.get(name) ?? []) {
    if (!wanted.every((w) => key.includes(w))) continue;
    total = (total ?? 0) + v;
  }
  return total;
}

export const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);

export function submitted(orderId: string, ts: number | string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'order.submitted',
    ts,
    orderId,
    venue: 'binance',
    symbol: 'BTC/USDT',
    strategy: 'momentum',
    side: 'buy',
    orderType: 'limit',
    quantity: 2,
    arrivalPrice: 100,
    ...extra,
  };
}

export function filled(orderId: string, ts: number, fillId: string, fillQuantity: number, fillPrice: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'order.filled', ts, orderId, fillId, fillQuantity, fillPrice, ...extra };
}

/** Every trading family of a state, rendered as /metrics would (after due orders are finalized). */
export function render(state: TradingState, now: number): string {
  state.sweep(now);
  return renderText([
    ...state.orderMetrics.families(),
    ...state.markoutMetrics.families(state.markouts.pending),
    ...state.ingest.families(state.orders.openOrders, state.orders.pendingEvents, 0),
    ...state.positions.families(),
    ...state.portfolio.families(),
    ...state.models.families(now),
    ...state.strategies.families(),
  ]);
}

export function quote(ts: number, bid: number, ask: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'market.quote', ts, venue: 'binance', symbol: 'BTC/USDT', bid, ask, ...extra };
}

/** Validates and applies raw events the way the ingest route does. */
export function applyRaw(state: TradingState, events: unknown[], now: number): void {
  state.applyBatch(validateBatch(events, { now, maxFutureMs: 300_000 }), now);
}

/** Simulator traffic ending now: `seconds` of it at 200 orders/s (about 40 KiB a second as JSON). */
export function traffic(seconds: number, seed = 3): Record<string, unknown>[] {
  const sim = new Simulator({ seed, ordersPerSecond: 200 });
  const out: Record<string, unknown>[] = [];
  const end = Date.now();
  for (let t = end - seconds * 1000; t < end; t += 100) out.push(...(sim.tick(t) as Record<string, unknown>[]));
  return out;
}

/** The trading figures of an exposition, without what differs between exporters by design. */
export function tradingFigures(text: string): Map<string, number> {
  const m = parseSamples(text);
  for (const k of [...m.keys()]) if (!k.startsWith('trading_') || k.startsWith('trading_exporter_') || k.startsWith('trading_ingest_worker')) m.delete(k);
  return m;
}
