// Test helpers: a real exporter on 127.0.0.1:0 with a controllable clock, an HTTP poster, and a parser
// for the text exposition format.
import { buildExporter, renderText, type Exporter } from '@vigil/exporter-kit';
import { TextSink, parseSamples, sample } from '@vigil/test-support';
import { validateBatch } from '../src/ingest/validate.js';
import { Simulator } from '../src/sim/simulator.js';
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
    setup: (exporter, flags) => {
      state = setupTrading(exporter, flags, clock?.now);
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

export { parseSamples, sample, scrape, waitForSamples } from '@vigil/test-support';

/**
 * The signed sum of a signed histogram (markouts, shortfall: exported without _sum) from its parts,
 * `<prefix>_adverse_ratio_total` - `<prefix>_favorable_ratio_total`; undefined when neither has a series.
 */
export function signedSum(samples: Map<string, number>, prefix: string, labels: Record<string, string> = {}): number | undefined {
  const adverse = sample(samples, `${prefix}_adverse_ratio_total`, labels);
  const favorable = sample(samples, `${prefix}_favorable_ratio_total`, labels);
  if (adverse === undefined && favorable === undefined) return undefined;
  return (adverse ?? 0) - (favorable ?? 0);
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

/** Validates and applies raw events the way the ingest route does (traceId: the batch's sampled trace). */
export function applyRaw(state: TradingState, events: unknown[], now: number, traceId?: string): void {
  state.applyBatch(validateBatch(events, { now, maxFutureMs: 300_000 }), now, traceId);
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
