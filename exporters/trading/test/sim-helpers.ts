// Runs the simulator in virtual time into a TradingState and computes, from counter and histogram deltas
// over a window, the figures the alert rules look at (the same maths as rate() and histogram_quantile()).
import { parseIncidentSpec } from '../src/sim/incidents.js';
import { Simulator } from '../src/sim/simulator.js';
import { TradingState } from '../src/trading-state.js';
import { T0, applyRaw, parseSamples, render, sample } from './helpers.js';

export interface Window {
  before: Map<string, number>;
  after: Map<string, number>;
  events: number;
}

/** Simulates `seconds` of virtual time, measuring from `measureFrom` seconds to the end. */
export function simulate(opts: { incident?: string; seconds: number; measureFrom: number; seed?: number }): Window {
  const sim = new Simulator({ seed: opts.seed ?? 42, ordersPerSecond: 25 });
  if (opts.incident) sim.incidents.add(parseIncidentSpec(opts.incident, T0));
  const state = new TradingState({ orders: { graceMs: 5_000 } });
  let before = new Map<string, number>();
  let events = 0;
  for (let t = T0; t <= T0 + opts.seconds * 1000; t += 250) {
    const batch = sim.tick(t);
    events += batch.length;
    if (batch.length) applyRaw(state, batch, t);
    if (t === T0 + opts.measureFrom * 1000) before = parseSamples(render(state, t));
  }
  return { before, after: parseSamples(render(state, T0 + opts.seconds * 1000)), events };
}

export function delta(w: Window, name: string, labels: Record<string, string> = {}): number {
  return (sample(w.after, name, labels) ?? 0) - (sample(w.before, name, labels) ?? 0);
}

/** histogram_quantile over the window's bucket increases for the series matching labels. */
export function quantile(w: Window, q: number, name: string, labels: Record<string, string>): number {
  const bounds = new Set<string>();
  for (const k of w.after.keys()) {
    const m = new RegExp(`^${name}_bucket\\{.*le="([^"]+)"`).exec(k);
    if (m) bounds.add(m[1]);
  }
  const les = [...bounds].map((b) => (b === '+Inf' ? Infinity : Number(b))).sort((a, b) => a - b);
  const cum = les.map((le) => delta(w, `${name}_bucket`, { ...labels, le: le === Infinity ? '+Inf' : String(le) }));
  const total = cum[cum.length - 1];
  if (!(total > 0)) return NaN;
  const rank = q * total;
  for (let i = 0; i < les.length; i++) {
    if (cum[i] >= rank) {
      if (les[i] === Infinity) return les[les.length - 2];
      const lower = i === 0 ? 0 : les[i - 1];
      const below = i === 0 ? 0 : cum[i - 1];
      return lower + ((les[i] - lower) * (rank - below)) / (cum[i] - below);
    }
  }
  return NaN;
}

export function labelValues(w: Window, name: string, label: string): string[] {
  const out = new Set<string>();
  for (const k of w.after.keys()) {
    if (!k.startsWith(`${name}{`)) continue;
    const m = new RegExp(`${label}="([^"]+)"`).exec(k);
    if (m) out.add(m[1]);
  }
  return [...out].sort();
}

/** The figures behind each trading alert, per venue (and per venue/symbol for slippage). */
export function figures(w: Window) {
  const venues = labelValues(w, 'trading_orders_submitted_total', 'venue');
  const symbols = labelValues(w, 'trading_orders_submitted_total', 'symbol');
  const perVenue = (f: (venue: string) => number) => Object.fromEntries(venues.map((v) => [v, f(v)]));
  return {
    completionP95: perVenue((venue) => quantile(w, 0.95, 'trading_order_completion_duration_seconds', { venue })),
    slippageP95: Object.fromEntries(
      venues.flatMap((venue) => symbols.map((symbol) => [`${venue} ${symbol}`, quantile(w, 0.95, 'trading_order_slippage_adverse_ratio', { venue, symbol })])),
    ),
    fillRate: perVenue((venue) => delta(w, 'trading_order_quantity_filled_total', { venue }) / delta(w, 'trading_order_quantity_requested_total', { venue })),
    rejectRatio: perVenue((venue) => delta(w, 'trading_order_rejects_total', { venue }) / delta(w, 'trading_orders_submitted_total', { venue })),
    // What VenueAdverseSelection reads: the mean 5 s markout per venue (ratio; positive = adverse).
    markout5s: perVenue(
      (venue) => (delta(w, 'trading_fill_markout_adverse_ratio_total', { venue, horizon: '5s' }) - delta(w, 'trading_fill_markout_favorable_ratio_total', { venue, horizon: '5s' })) /
        delta(w, 'trading_fill_markout_ratio_count', { venue, horizon: '5s' }),
    ),
    unmeasuredShare: perVenue((venue) => {
      const unmeasured = delta(w, 'trading_fill_markouts_unmeasured_total', { venue });
      return unmeasured / (unmeasured + delta(w, 'trading_fill_markout_ratio_count', { venue }));
    }),
    accuracy5m: Math.min(...labelValues(w, 'trading_model_accuracy_ratio', 'model').map((model) => sample(w.after, 'trading_model_accuracy_ratio', { model, window: '5m' })!)),
    drawdown: sample(w.after, 'trading_drawdown_ratio') ?? 0,
    // What the strategy-engine SLO counts as bad: decision cycles over 500 ms, per strategy.
    executionOver500ms: Object.fromEntries(
      labelValues(w, 'trading_strategy_execution_duration_seconds_count', 'strategy').map((strategy) => [
        strategy,
        1 -
          delta(w, 'trading_strategy_execution_duration_seconds_bucket', { strategy, le: '0.5' }) /
            delta(w, 'trading_strategy_execution_duration_seconds_count', { strategy }),
      ]),
    ),
  };
}
