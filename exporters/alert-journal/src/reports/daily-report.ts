// The daily report's content: the day's realised P&L with its best and worst strategies and symbols, the
// portfolio over the day, execution quality and risk-limit peaks (day-sections.ts), alerts of the day with
// MTTA/MTTR, SLO budgets and host health; rendered as plain text (email, Slack) and HTML (report-html.ts).
import type { Database } from 'better-sqlite3';
import type { PrometheusClient } from '../clients/prometheus.js';
import { occurrencesInRange } from '../store/history-query.js';
import { computeStats } from '../stats.js';
import { dayRealisedPnl } from './day-queries.js';
import { daySections, type DaySections } from './day-sections.js';
import { renderReportHtml, topAndBottom } from './report-html.js';

export interface Figure {
  name: string;
  value: number | null;
  unit: string;
}

export interface DailyReport {
  date: string;
  subject: string;
  alerts: Array<{ alertname: string; severity: string; service: string; starts_at: string; duration_seconds: number | null; owner: string | null }>;
  occurrences: number;
  alerts_by_severity: Record<string, number>;
  /** The window the figures cover: the UTC day, or today up to now. */
  window: { from: string; to: string };
  day: DaySections;
  mtta_seconds: number | null;
  mttr_seconds: number | null;
  slo_budgets: Array<{ slo: string; remaining_ratio: number }>;
  trading: Figure[];
  host: Figure[];
  prometheus_error: string | null;
  text: string;
  html: string;
}

/** Headline figures over a window of `s` seconds ending at the report's end. */
const tradingQueries = (s: number): Array<[string, string, string]> => [
  ['orders submitted', `sum(increase(trading_orders_submitted_total[${s}s]))`, ''],
  ['fill rate', `sum(increase(trading_order_quantity_filled_total[${s}s])) / sum(increase(trading_order_quantity_requested_total[${s}s]))`, 'ratio'],
  ['p95 adverse slippage', `histogram_quantile(0.95, sum by (le) (increase(trading_order_slippage_adverse_ratio_bucket[${s}s])))`, 'ratio'],
  // The day's, not the running total the gauge holds (day-queries.ts says how positions opened that day count).
  ['realised P&L (day)', `sum(${dayRealisedPnl(s)})`, ''],
  ['unrealised P&L (end of day)', 'sum(trading_position_unrealized_pnl)', ''],
  ['worst drawdown (day)', `max(max_over_time(trading_drawdown_ratio[${s}s]))`, 'ratio'],
];

const hostQueries = (s: number): Array<[string, string, string]> => [
  ['targets up', 'sum(up)', ''],
  ['targets down', 'count(up == 0) or vector(0)', ''],
  [`max CPU utilisation (average over the window)`, `max(1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[${s}s])))`, 'ratio'],
];
const fmt = (f: Figure) => (f.value === null ? 'unavailable' : f.unit === 'ratio' ? `${(f.value * 100).toFixed(2)}%` : String(Math.round(f.value * 100) / 100));
const dur = (s: number | null) => (s === null ? 'n/a' : s < 120 ? `${Math.round(s)}s` : s < 7200 ? `${Math.round(s / 60)}m` : `${(s / 3600).toFixed(1)}h`);

async function figures(prom: PrometheusClient, queries: Array<[string, string, string]>, at: number, errors: string[]): Promise<Figure[]> {
  return Promise.all(
    queries.map(async ([name, q, unit]) => {
      try {
        const v = await prom.scalar(q, at / 1000);
        return { name, value: Number.isFinite(v) ? v : null, unit };
      } catch (err) {
        errors.push((err as Error).message);
        return { name, value: null, unit };
      }
    }),
  );
}

/** Builds the report of the UTC day `date` (YYYY-MM-DD); figures are taken at the day's end, or now for today. */
export async function buildDailyReport(db: Database, prom: PrometheusClient, date: string, now = Date.now()): Promise<DailyReport> {
  const from = Date.parse(`${date}T00:00:00Z`);
  const to = Math.min(from + 86_400_000, now);
  const rows = occurrencesInRange(db, from, to);
  const stats = computeStats(rows, from, to, now).total;
  const errors: string[] = [];
  // Whole seconds; at least one minute so a report asked for just after midnight still has a window.
  const windowSeconds = Math.max(60, Math.round((to - from) / 1000));
  const [trading, host, day] = await Promise.all([
    figures(prom, tradingQueries(windowSeconds), to, errors),
    figures(prom, hostQueries(windowSeconds), to, errors),
    daySections(prom, windowSeconds, to, errors),
  ]);
  let slo: DailyReport['slo_budgets'] = [];
  try {
    const samples = await prom.query('slo:period_error_budget_remaining:ratio', to / 1000);
    slo = samples.map((s) => ({ slo: s.metric.slo ?? s.metric.sloth_slo ?? s.metric.sloth_id ?? 'slo', remaining_ratio: Number(s.value[1]) }));
  } catch (err) {
    errors.push((err as Error).message);
  }
  const alerts = rows
    .sort((a, b) => a.starts_at - b.starts_at)
    .map((r) => ({
      alertname: r.alertname,
      severity: r.severity,
      service: r.service,
      starts_at: new Date(r.starts_at).toISOString(),
      duration_seconds: r.ends_at === null ? null : (r.ends_at - r.starts_at) / 1000,
      owner: r.acked_by,
    }));
  const alertsBySeverity: Record<string, number> = {};
  for (const r of rows) alertsBySeverity[r.severity] = (alertsBySeverity[r.severity] ?? 0) + 1;
  const subject = `Vigil daily report ${date}: ${rows.length} alert occurrence(s)`;
  const money = (v: number | null) => (v === null ? 'unavailable' : (Math.round(v * 100) / 100).toString());
  const ranked = (label: string, rs: DaySections['pnl']['strategies']) => {
    const { top, bottom } = topAndBottom(rs);
    return [`  best ${label}: ${top.map((x) => `${x.name} ${money(x.pnl)}`).join(', ') || 'none'}`, `  worst ${label}: ${bottom.map((x) => `${x.name} ${money(x.pnl)}`).join(', ') || 'none'}`];
  };
  const pct = (v: number | null) => (v === null ? 'unavailable' : `${(v * 100).toFixed(2)}%`);
  const bp = (v: number | null) => (v === null ? 'unavailable' : `${v.toFixed(2)} bp`);
  const text = [
    subject,
    '',
    `P&L: realised today ${money(day.pnl.realised)}`,
    ...ranked('strategies', day.pnl.strategies),
    ...ranked('symbols', day.pnl.symbols),
    ...day.portfolio.map((p) => `  portfolio ${p.account}: ${money(p.start)} -> ${money(p.end)} (low ${money(p.low)}, high ${money(p.high)}, worst drawdown ${pct(p.worst_drawdown_ratio)})`),
    '',
    'Execution by venue:',
    ...(day.execution.length
      ? day.execution.map((e) => `  - ${e.venue}: ${money(e.orders)} orders, ${money(e.rejects)} rejects (${pct(e.reject_ratio)}), fill ${pct(e.fill_ratio)}, slippage ${bp(e.slippage_bps)} (adverse p95 ${bp(e.adverse_p95_bps)})`)
      : ['  - none']),
    '',
    'Risk limits (peak of the day):',
    ...(day.risk.utilisation.length ? day.risk.utilisation.map((u) => `  - ${u.scope} ${u.name} ${u.measure}: ${(u.max_ratio * 100).toFixed(1)}%`) : ['  - none reported']),
    ...day.risk.var.map((v) => `  - VaR ${v.account}: peak ${money(v.max)} (limit ${money(v.limit)})`),
    '',
    `Alerts: ${rows.length} occurrence(s), MTTA ${dur(stats.mean_time_to_acknowledge_seconds)}, MTTR ${dur(stats.mean_time_to_resolve_seconds)}`,
    ...alerts.map((a) => `  - ${a.starts_at} ${a.alertname} [${a.severity || 'none'}] ${a.service} ${a.duration_seconds === null ? 'still firing' : `lasted ${dur(a.duration_seconds)}`}${a.owner ? ` owner ${a.owner}` : ''}`),
    '',
    'SLO error budgets:',
    ...(slo.length ? slo.map((s) => `  - ${s.slo}: ${(s.remaining_ratio * 100).toFixed(1)}% remaining`) : ['  - none reported']),
    '',
    'Trading:',
    ...trading.map((f) => `  - ${f.name}: ${fmt(f)}`),
    '',
    'Hosts:',
    ...host.map((f) => `  - ${f.name}: ${fmt(f)}`),
    ...(errors.length ? ['', `Prometheus was not fully available: ${errors[0]}`] : []),
  ].join('\n');
  const content = {
    date,
    subject,
    alerts,
    occurrences: rows.length,
    alerts_by_severity: alertsBySeverity,
    window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    day,
    mtta_seconds: stats.mean_time_to_acknowledge_seconds,
    mttr_seconds: stats.mean_time_to_resolve_seconds,
    slo_budgets: slo,
    trading,
    host,
    prometheus_error: errors[0] ?? null,
  };
  return { ...content, text, html: renderReportHtml(content) };
}
