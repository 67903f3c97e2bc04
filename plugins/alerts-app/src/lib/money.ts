// The money at stake of a trading alert: positions and P&L of the venue/symbol/strategy/account in its labels,
// from the trading exporter's gauges (trading_position_notional, trading_position_unrealized_pnl,
// trading_realized_pnl). One query per gauge for all alerts; each alert sums the series its labels select.
import type { Labels } from '../types';

export const MONEY_LABELS = ['venue', 'symbol', 'strategy', 'account'] as const;

export const MONEY_QUERIES = {
  notional: `sum by (${MONEY_LABELS.join(', ')}) (trading_position_notional)`,
  unrealizedPnl: `sum by (${MONEY_LABELS.join(', ')}) (trading_position_unrealized_pnl)`,
  realizedPnl: `sum by (${MONEY_LABELS.join(', ')}) (trading_realized_pnl)`,
} as const;

export type MoneyMetric = keyof typeof MONEY_QUERIES;

export interface Sample {
  metric: Labels;
  value: number;
}

export interface MoneyAtStake {
  scope: Labels;
  notional: number | null;
  unrealizedPnl: number | null;
  realizedPnl: number | null;
  positions: number;
}

/** The trading labels an alert pins down, or null when it names none (not a trading alert). */
export function tradingScope(labels: Labels): Labels | null {
  const scope: Labels = {};
  for (const k of MONEY_LABELS) {
    if (labels[k]) {
      scope[k] = labels[k];
    }
  }
  return Object.keys(scope).length > 0 ? scope : null;
}

function within(metric: Labels, scope: Labels): boolean {
  return Object.entries(scope).every(([k, v]) => metric[k] === v);
}

export function moneyAtStake(labels: Labels, samples: Record<MoneyMetric, Sample[]>): MoneyAtStake | null {
  const scope = tradingScope(labels);
  if (!scope) {
    return null;
  }
  const sum = (xs: Sample[]) => {
    const hit = xs.filter((s) => within(s.metric, scope) && Number.isFinite(s.value));
    return hit.length ? hit.reduce((t, s) => t + s.value, 0) : null;
  };
  const positions = samples.notional.filter((s) => within(s.metric, scope) && s.value !== 0).length;
  return { scope, notional: sum(samples.notional), unrealizedPnl: sum(samples.unrealizedPnl), realizedPnl: sum(samples.realizedPnl), positions };
}

/** Prometheus instant-vector answer (data.result) into samples. */
export function vectorSamples(result: Array<{ metric: Labels; value: [number, string] }>): Sample[] {
  return result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}
