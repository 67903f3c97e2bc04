// The daily report's content: alerts of the day with MTTA/MTTR, SLO budgets, trading figures and host health,
// rendered as plain text, HTML (email) and Slack mrkdwn.
import type { Database } from 'better-sqlite3';
import type { PrometheusClient } from '../clients/prometheus.js';
import { occurrencesInRange } from '../store/history-query.js';
import { computeStats } from '../stats.js';

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
  mtta_seconds: number | null;
  mttr_seconds: number | null;
  slo_budgets: Array<{ slo: string; remaining_ratio: number }>;
  trading: Figure[];
  host: Figure[];
  prometheus_error: string | null;
  text: string;
  html: string;
}

const TRADING_QUERIES: Array<[string, string, string]> = [
  ['orders submitted', 'sum(increase(trading_orders_submitted_total[1d]))', ''],
  ['fill rate', 'sum(increase(trading_order_quantity_filled_total[1d])) / sum(increase(trading_order_quantity_requested_total[1d]))', 'ratio'],
  ['p95 adverse slippage', 'histogram_quantile(0.95, sum by (le) (increase(trading_order_slippage_adverse_ratio_bucket[1d])))', 'ratio'],
  ['realized P&L', 'sum(trading_realized_pnl)', ''],
  ['unrealized P&L', 'sum(trading_position_unrealized_pnl)', ''],
  ['max drawdown', 'max(trading_max_drawdown_ratio)', 'ratio'],
];

const HOST_QUERIES: Array<[string, string, string]> = [
  ['targets up', 'sum(up)', ''],
  ['targets down', 'count(up == 0) or vector(0)', ''],
  ['max CPU utilisation (1d avg)', 'max(1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[1d])))', 'ratio'],
];

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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
  const [trading, host] = await Promise.all([figures(prom, TRADING_QUERIES, to, errors), figures(prom, HOST_QUERIES, to, errors)]);
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
  const subject = `Vigil daily report ${date}: ${rows.length} alert occurrence(s)`;
  const text = [
    subject,
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
  const rowsHtml = alerts
    .map((a) => `<tr><td>${escapeHtml(a.starts_at)}</td><td>${escapeHtml(a.alertname)}</td><td>${escapeHtml(a.severity)}</td><td>${escapeHtml(a.service)}</td><td>${a.duration_seconds === null ? 'firing' : dur(a.duration_seconds)}</td><td>${escapeHtml(a.owner ?? '')}</td></tr>`)
    .join('');
  const list = (fs: Figure[]) => `<ul>${fs.map((f) => `<li>${escapeHtml(f.name)}: ${fmt(f)}</li>`).join('')}</ul>`;
  const html = `<!doctype html><html><body><h1>${escapeHtml(subject)}</h1>
<p>MTTA ${dur(stats.mean_time_to_acknowledge_seconds)} · MTTR ${dur(stats.mean_time_to_resolve_seconds)}</p>
<table border="1" cellpadding="4"><tr><th>Started</th><th>Alert</th><th>Severity</th><th>Service</th><th>Duration</th><th>Owner</th></tr>${rowsHtml}</table>
<h2>SLO error budgets</h2><ul>${slo.map((s) => `<li>${escapeHtml(s.slo)}: ${(s.remaining_ratio * 100).toFixed(1)}% remaining</li>`).join('') || '<li>none reported</li>'}</ul>
<h2>Trading</h2>${list(trading)}<h2>Hosts</h2>${list(host)}
${errors.length ? `<p>Prometheus was not fully available: ${escapeHtml(errors[0])}</p>` : ''}</body></html>`;
  return {
    date,
    subject,
    alerts,
    occurrences: rows.length,
    mtta_seconds: stats.mean_time_to_acknowledge_seconds,
    mttr_seconds: stats.mean_time_to_resolve_seconds,
    slo_budgets: slo,
    trading,
    host,
    prometheus_error: errors[0] ?? null,
    text,
    html,
  };
}
