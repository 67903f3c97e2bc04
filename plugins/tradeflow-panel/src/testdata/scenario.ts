// A scripted book of orders and the series the trading exporter's metric contract gives for it, summed as the
// panel's default queries sum them. Every figure the panel should show can be worked out by hand from ORDERS.
import type { OrderState } from '../data/flow';
import type { Role } from '../queries';
import { bucketize, DURATION_BUCKETS, SLIPPAGE_BUCKETS, type RawSample } from './histograms';

export interface ScriptedOrders {
  venue: string;
  strategy: string;
  symbol: string;
  /** How many orders take this path. */
  orders: number;
  /** States visited after submitted; the last one is where the order is at the end of the range. */
  path: OrderState[];
  quantity: number;
  /** Filled share of the quantity. */
  filled: number;
  reason?: string;
  /** Signed slippage of each fill (ratio, positive = cost) and seconds to acknowledgement. */
  slippage: number;
  ackSeconds: number;
}

export const ORDERS: ScriptedOrders[] = [
  {
    venue: 'binance',
    strategy: 'momentum',
    symbol: 'BTC-USD',
    orders: 40,
    path: ['acknowledged', 'filled'],
    quantity: 2,
    filled: 1,
    slippage: -0.0001,
    ackSeconds: 0.02,
  },
  {
    venue: 'binance',
    strategy: 'momentum',
    symbol: 'BTC-USD',
    orders: 10,
    path: ['acknowledged', 'partially_filled', 'filled'],
    quantity: 5,
    filled: 1,
    slippage: 0.0002,
    ackSeconds: 0.03,
  },
  {
    venue: 'binance',
    strategy: 'momentum',
    symbol: 'ETH-USD',
    orders: 5,
    path: ['rejected'],
    quantity: 1,
    filled: 0,
    reason: 'insufficient_balance',
    slippage: 0,
    ackSeconds: 0,
  },
  {
    venue: 'binance',
    strategy: 'market_making',
    symbol: 'ETH-USD',
    orders: 5,
    path: ['acknowledged', 'canceled'],
    quantity: 3,
    filled: 0,
    slippage: 0,
    ackSeconds: 0.015,
  },
  {
    venue: 'kraken',
    strategy: 'market_making',
    symbol: 'ETH-USD',
    orders: 20,
    path: ['acknowledged', 'partially_filled', 'canceled'],
    quantity: 4,
    filled: 0.5,
    slippage: 0.0004,
    ackSeconds: 0.2,
  },
  {
    venue: 'kraken',
    strategy: 'market_making',
    symbol: 'ETH-USD',
    orders: 30,
    path: ['filled'],
    quantity: 1,
    filled: 1,
    slippage: 0.0003,
    ackSeconds: 0,
  },
  {
    venue: 'kraken',
    strategy: 'momentum',
    symbol: 'BTC-USD',
    orders: 15,
    path: ['acknowledged', 'rejected'],
    quantity: 2,
    filled: 0,
    reason: 'price_out_of_band',
    slippage: 0,
    ackSeconds: 0.4,
  },
  {
    venue: 'kraken',
    strategy: 'momentum',
    symbol: 'BTC-USD',
    orders: 5,
    path: ['acknowledged'],
    quantity: 2,
    filled: 0,
    slippage: 0,
    ackSeconds: 0.25,
  },
  {
    venue: 'lmax',
    strategy: 'momentum',
    symbol: 'EUR-USD',
    orders: 25,
    path: ['acknowledged', 'expired'],
    quantity: 10,
    filled: 0,
    slippage: 0,
    ackSeconds: 0.004,
  },
  {
    venue: 'lmax',
    strategy: 'momentum',
    symbol: 'EUR-USD',
    orders: 10,
    path: ['acknowledged', 'filled'],
    quantity: 10,
    filled: 1,
    slippage: 0.0012,
    ackSeconds: 0.006,
  },
];

/** Mean markout per venue and horizon (lmax is the toxic venue: the price runs against its fills). */
export const MARKOUTS: Record<string, Record<string, number>> = {
  binance: { '1s': 0.00005, '5s': 0.0001, '30s': 0.00008, '60s': 0.00005 },
  kraken: { '1s': 0.0001, '5s': 0.0002, '30s': 0.00025, '60s': 0.0002 },
  lmax: { '1s': 0.0008, '5s': 0.0015, '30s': 0.002, '60s': 0.0021 },
};

/** Mean implementation shortfall per venue against each benchmark. */
export const SHORTFALL: Record<string, Record<'decision' | 'arrival', number>> = {
  binance: { decision: 0.0003, arrival: 0.0001 },
  kraken: { decision: 0.0006, arrival: 0.0004 },
  lmax: { decision: 0.0002, arrival: 0.0009 },
};

const dims = (o: ScriptedOrders) => ({ venue: o.venue, strategy: o.strategy, symbol: o.symbol });
const key = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort());

/** Sums values over equal label sets, as `sum by (...)` does. */
function summed(entries: RawSample[]): RawSample[] {
  const out = new Map<string, RawSample>();
  for (const e of entries) {
    const k = key(e.labels);
    const prev = out.get(k);
    out.set(k, { labels: e.labels, value: Number(prev?.value ?? 0) + Number(e.value) });
  }
  return [...out.values()];
}

const FINAL: OrderState[] = ['filled', 'canceled', 'rejected', 'expired'];

/** The series of every role for ORDERS (and the markouts and shortfalls above). */
export function scenarioSeries(orders: ScriptedOrders[] = ORDERS): Record<Role, RawSample[]> {
  const transitions = orders.flatMap((o) =>
    ['submitted', ...o.path].slice(1).map((to, i) => ({
      o,
      labels: { ...dims(o), from_state: (['submitted', ...o.path] as string[])[i], to_state: to },
    })),
  );
  const finished = orders.filter((o) => FINAL.includes(o.path[o.path.length - 1]));
  const venues = [...new Set(orders.map((o) => o.venue))];
  const histogram = (pick: (o: ScriptedOrders) => number | undefined, bounds: number[]) =>
    summed(
      orders.flatMap((o) => {
        const v = pick(o);
        return v === undefined ? [] : bucketize(Array(o.orders).fill(v), bounds, dims(o));
      }),
    );
  return {
    transitions: summed(transitions.map((t) => ({ labels: t.labels, value: t.o.orders }))),
    transition_qty: summed(transitions.map((t) => ({ labels: t.labels, value: t.o.orders * t.o.quantity }))),
    submitted: summed(orders.map((o) => ({ labels: dims(o), value: o.orders }))),
    requested_qty: summed(orders.map((o) => ({ labels: dims(o), value: o.orders * o.quantity }))),
    fill_ratio_sum: summed(finished.map((o) => ({ labels: dims(o), value: o.orders * o.filled }))),
    fill_ratio_count: summed(finished.map((o) => ({ labels: dims(o), value: o.orders }))),
    completed: summed(
      finished.map((o) => ({
        labels: { ...dims(o), final_status: o.path[o.path.length - 1] },
        value: o.orders,
      })),
    ),
    // Every scripted series was there at the range's start: none started inside it.
    completed_samples: [],
    rejects: summed(
      orders
        .filter((o) => o.reason)
        .map((o) => ({ labels: { ...dims(o), reason: o.reason! }, value: o.orders })),
    ),
    ack: histogram((o) => (o.path[0] === 'acknowledged' ? o.ackSeconds : undefined), DURATION_BUCKETS),
    first_fill: histogram((o) => (o.filled > 0 ? o.ackSeconds * 2 + 0.01 : undefined), DURATION_BUCKETS),
    completion: histogram(
      (o) => (finished.includes(o) ? o.ackSeconds * 3 + 0.05 : undefined),
      DURATION_BUCKETS,
    ),
    slippage_adverse: histogram(
      (o) => (o.filled > 0 ? Math.max(o.slippage, 0) : undefined),
      SLIPPAGE_BUCKETS,
    ),
    slippage_favorable: histogram(
      (o) => (o.filled > 0 ? Math.max(-o.slippage, 0) : undefined),
      SLIPPAGE_BUCKETS,
    ),
    slippage_sum: summed(
      orders.filter((o) => o.filled > 0).map((o) => ({ labels: dims(o), value: o.orders * o.slippage })),
    ),
    shortfall_sum: venues.flatMap((venue) =>
      (['decision', 'arrival'] as const).map((benchmark) => ({
        labels: { venue, strategy: 'momentum', symbol: 'X', benchmark },
        value: 10 * SHORTFALL[venue][benchmark],
      })),
    ),
    shortfall_count: venues.flatMap((venue) =>
      (['decision', 'arrival'] as const).map((benchmark) => ({
        labels: { venue, strategy: 'momentum', symbol: 'X', benchmark },
        value: 10,
      })),
    ),
    markout_sum: venues.flatMap((venue) =>
      Object.entries(MARKOUTS[venue]).map(([horizon, mean]) => ({
        labels: { venue, symbol: 'X', horizon },
        value: 100 * mean,
      })),
    ),
    markout_count: venues.flatMap((venue) =>
      Object.keys(MARKOUTS[venue]).map((horizon) => ({
        labels: { venue, symbol: 'X', horizon },
        value: 100,
      })),
    ),
  };
}

/** What ORDERS says for one venue: orders on each transition, by "from→to". */
export function scriptedTransitions(venue?: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const o of ORDERS.filter((x) => !venue || x.venue === venue)) {
    const path: OrderState[] = ['submitted', ...o.path];
    for (let i = 1; i < path.length; i++) {
      const k = `${path[i - 1]}→${path[i]}`;
      out.set(k, (out.get(k) ?? 0) + o.orders);
    }
  }
  return out;
}
