// What a venue poller in a worker thread hands the main thread: the writes it would have made to the metrics, the
// book, the account figures, the log and the forwarding bridge's quotes, recorded as plain operations and applied
// on the main thread in order. Only the fields the main thread's figures read travel (an order book's top level,
// a balance's free/used/total, a position's numbers, an order's symbol), not ccxt's raw `info`.
import { traceFields, type Logger } from '@vigil/exporter-kit';
import type { AccountMetrics, CcxtBalance, CcxtOrder, CcxtPosition } from '../account-metrics.js';
import type { BookMetrics, BookTop } from '../book-metrics.js';
import type { ExchangeMetrics } from '../exchange-metrics.js';

/** A method call on one of the main thread's objects, or a gauge child's value set (`f`, labels `l`, value `v`). */
export type PollOp = { t: Target; m: string; a: unknown[] } | { t: 'metrics'; f: Gauge; l: string[]; v: number };

type Target = 'metrics' | 'book' | 'account' | 'log' | 'quote';
type Gauge = 'rateLimitUsed' | 'clockSkew' | 'marketDataTime';

/** Every call and gauge a poller makes; anything else in a message is ignored. */
const METHODS: Record<Target, readonly string[]> = {
  metrics: ['request', 'fetched', 'error', 'pollDone', 'paused'],
  book: ['update'],
  account: ['setBalance', 'setPositions', 'setOpenOrders'],
  log: ['debug', 'info', 'warn', 'error'],
  quote: ['quote'],
};
const GAUGES: readonly string[] = ['rateLimitUsed', 'clockSkew', 'marketDataTime'];

const POSITION_FIELDS = ['symbol', 'side', 'contracts', 'contractSize', 'entryPrice', 'markPrice', 'unrealizedPnl', 'liquidationPrice'] as const;

/** The arguments as they travel: what the main thread's figures read of ccxt's answers, and nothing more. */
function compact(t: Target, m: string, a: unknown[]): unknown[] {
  // A log line carries the ids of the span it was written in (the main thread logs it outside any span).
  if (t === 'log') return typeof a[0] === 'object' && a[0] !== null ? [{ ...traceFields(), ...a[0] }, ...a.slice(1)] : a;
  if (t === 'book') {
    const b = a[2] as BookTop;
    return [a[0], a[1], { bids: b.bids.slice(0, 1).map((l) => [...l]), asks: b.asks.slice(0, 1).map((l) => [...l]) }, a[3]];
  }
  if (t !== 'account') return a;
  if (m === 'setBalance') {
    const b = a[1] as CcxtBalance;
    return [a[0], { free: b.free, used: b.used, total: b.total }];
  }
  if (m === 'setPositions') {
    const ps = (a[1] as CcxtPosition[]).map((p) => Object.fromEntries(POSITION_FIELDS.filter((k) => p[k] !== undefined).map((k) => [k, p[k]])));
    return [a[0], ps, a[2]];
  }
  return [a[0], (a[1] as CcxtOrder[]).map((o) => ({ symbol: o.symbol })), a[2]];
}

/**
 * Stand-ins for the main thread's objects inside a worker: each call or gauge write is recorded as a PollOp and
 * handed to `emit`. Typed as the real objects for the poller's sake; only what METHODS and GAUGES name works.
 */
export function recorders(emit: (op: PollOp) => void): { metrics: ExchangeMetrics; book: BookMetrics; account: AccountMetrics; logger: Logger; quote: (venue: string, symbol: string, bid: number, ask: number, tsMs: number) => void } {
  const stand = (t: Target) =>
    new Proxy(
      {},
      {
        get: (_o, prop) => {
          if (typeof prop !== 'string') return undefined;
          if (t === 'metrics' && GAUGES.includes(prop)) {
            return { child: (l: string[]) => ({ set value(v: number) { emit({ t: 'metrics', f: prop as Gauge, l, v }); } }) };
          }
          if (!METHODS[t].includes(prop)) return undefined;
          return (...a: unknown[]) => emit({ t, m: prop, a: compact(t, prop, a) });
        },
      },
    );
  return {
    metrics: stand('metrics') as ExchangeMetrics,
    book: stand('book') as BookMetrics,
    account: stand('account') as AccountMetrics,
    logger: stand('log') as Logger,
    quote: (...a) => emit({ t: 'quote', m: 'quote', a }),
  };
}

export interface OpTargets {
  metrics: ExchangeMetrics;
  book: BookMetrics;
  account: AccountMetrics;
  logger: Logger;
  quote?: (venue: string, symbol: string, bid: number, ask: number, tsMs: number) => void;
}

/** The venue an operation is about (its first argument or label), to drop those of venues no longer watched. */
export function opVenue(op: PollOp): unknown {
  if ('f' in op) return op.l[0];
  return op.t === 'log' ? (op.a[0] as { venue?: unknown } | undefined)?.venue : op.a[0];
}

/** Applies one operation on the main thread. */
export function applyOp(op: PollOp, to: OpTargets): void {
  if ('f' in op) {
    if (GAUGES.includes(op.f)) to.metrics[op.f].child(op.l).value = op.v;
    return;
  }
  if (!METHODS[op.t]?.includes(op.m)) return;
  if (op.t === 'quote') return void to.quote?.(...(op.a as [string, string, number, number, number]));
  const target = op.t === 'log' ? to.logger : to[op.t];
  (target as unknown as Record<string, (...a: unknown[]) => void>)[op.m](...op.a);
}
