// The trading sections of the daily report, read from Prometheus at the end of the report's window: the day's
// realised P&L with its best and worst strategies and symbols, each account's portfolio over the day, execution
// quality by venue, and the peak risk-limit utilisation and VaR. A query that fails leaves its figure null (shown
// as unavailable, never as 0) and its error in `errors`.
import type { InstantSample, PrometheusClient } from '../clients/prometheus.js';
import { reportQueries } from './day-queries.js';

export interface Ranked {
  name: string;
  pnl: number;
}

export interface DaySections {
  pnl: { realised: number | null; strategies: Ranked[]; symbols: Ranked[] };
  portfolio: Array<{ account: string; start: number | null; end: number | null; low: number | null; high: number | null; worst_drawdown_ratio: number | null }>;
  execution: Array<{ venue: string; orders: number | null; rejects: number | null; reject_ratio: number | null; fill_ratio: number | null; slippage_bps: number | null; adverse_p95_bps: number | null }>;
  risk: {
    utilisation: Array<{ scope: string; name: string; measure: string; max_ratio: number }>;
    var: Array<{ account: string; max: number; limit: number | null }>;
  };
}

const num = (s: InstantSample) => {
  const v = Number(s.value[1]);
  return Number.isFinite(v) ? v : null;
};

export async function daySections(prom: PrometheusClient, windowSeconds: number, atMs: number, errors: string[]): Promise<DaySections> {
  const q = reportQueries(windowSeconds);
  const run = async (expr: string): Promise<InstantSample[]> => {
    try {
      return await prom.query(expr, atMs / 1000);
    } catch (err) {
      errors.push((err as Error).message);
      return [];
    }
  };
  const names = Object.keys(q) as Array<keyof typeof q>;
  const results = Object.fromEntries(await Promise.all(names.map(async (k) => [k, await run(q[k])] as const))) as Record<keyof typeof q, InstantSample[]>;
  const by = (rows: InstantSample[], label: string) => new Map(rows.map((r) => [r.metric[label] ?? '', num(r)]));
  const ranked = (rows: InstantSample[], label: string): Ranked[] =>
    rows
      .map((r) => ({ name: r.metric[label] ?? '', pnl: num(r) }))
      .filter((r): r is Ranked => r.pnl !== null)
      .sort((a, b) => b.pnl - a.pnl || a.name.localeCompare(b.name));

  const total = results.pnlTotal[0];
  const accounts = new Set([...results.portfolioEnd, ...results.portfolioStart, ...results.portfolioLow].map((r) => r.metric.account ?? ''));
  const [start, end, low, high, dd] = [results.portfolioStart, results.portfolioEnd, results.portfolioLow, results.portfolioHigh, results.worstDrawdown].map((r) => by(r, 'account'));
  const venues = new Set([...results.ordersByVenue, ...results.fillRatioByVenue].map((r) => r.metric.venue ?? ''));
  const [orders, rejects, fill, slip, p95] = [results.ordersByVenue, results.rejectsByVenue, results.fillRatioByVenue, results.slippageBpsByVenue, results.adverseP95BpsByVenue].map((r) => by(r, 'venue'));
  const limits = by(results.varLimit, 'account');
  return {
    pnl: { realised: total ? num(total) : null, strategies: ranked(results.pnlByStrategy, 'strategy'), symbols: ranked(results.pnlBySymbol, 'symbol') },
    portfolio: [...accounts].sort().map((account) => ({
      account,
      start: start.get(account) ?? null,
      end: end.get(account) ?? null,
      low: low.get(account) ?? null,
      high: high.get(account) ?? null,
      worst_drawdown_ratio: dd.get(account) ?? null,
    })),
    execution: [...venues].sort().map((venue) => {
      const o = orders.get(venue) ?? null;
      const r = rejects.get(venue) ?? (o === null ? null : 0);
      return {
        venue,
        orders: o,
        rejects: r,
        reject_ratio: o && r !== null ? r / o : null,
        fill_ratio: fill.get(venue) ?? null,
        slippage_bps: slip.get(venue) ?? null,
        adverse_p95_bps: p95.get(venue) ?? null,
      };
    }),
    risk: {
      utilisation: results.utilisation
        .map((r) => ({ scope: r.metric.scope ?? '', name: r.metric.name ?? '', measure: r.metric.measure ?? '', max_ratio: num(r) ?? 0 }))
        .sort((a, b) => b.max_ratio - a.max_ratio),
      var: results.varMax.map((r) => ({ account: r.metric.account ?? '', max: num(r) ?? 0, limit: limits.get(r.metric.account ?? '') ?? null })).sort((a, b) => a.account.localeCompare(b.account)),
    },
  };
}
