// The daily report as one self-contained HTML page (the email body, and what the README's screenshot shows):
// inline styles only, so mail clients that drop <style> still show it as designed.
import type { DailyReport } from './daily-report.js';
import type { Ranked } from './day-sections.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const money = (v: number | null) => (v === null ? 'unavailable' : v.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 }));
const pct = (v: number | null, digits = 2) => (v === null ? 'unavailable' : `${(v * 100).toFixed(digits)}%`);
const bps = (v: number | null) => (v === null ? 'unavailable' : `${v.toFixed(2)} bp`);
const dur = (s: number | null) => (s === null ? 'n/a' : s < 120 ? `${Math.round(s)}s` : s < 7200 ? `${Math.round(s / 60)}m` : `${(s / 3600).toFixed(1)}h`);

const S = {
  body: 'font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328;background:#f6f8fa;margin:0;padding:24px',
  card: 'background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px 20px;margin:0 0 16px',
  h1: 'font-size:20px;margin:0 0 4px',
  h2: 'font-size:15px;margin:0 0 10px;color:#57606a;text-transform:uppercase;letter-spacing:.04em',
  table: 'border-collapse:collapse;width:100%;font-size:13px',
  th: 'text-align:left;border-bottom:2px solid #d0d7de;padding:4px 8px;color:#57606a',
  td: 'border-bottom:1px solid #eaeef2;padding:4px 8px',
  num: 'border-bottom:1px solid #eaeef2;padding:4px 8px;text-align:right;font-variant-numeric:tabular-nums',
  kpi: 'display:inline-block;min-width:150px;margin:0 24px 8px 0',
  kpiValue: 'font-size:22px;font-weight:600',
  kpiLabel: 'font-size:12px;color:#57606a',
};
const signed = (v: number | null) => `<span style="color:${v === null ? '#57606a' : v < 0 ? '#cf222e' : '#1a7f37'}">${money(v)}</span>`;
const kpi = (label: string, value: string) => `<div style="${S.kpi}"><div style="${S.kpiValue}">${value}</div><div style="${S.kpiLabel}">${esc(label)}</div></div>`;
const table = (head: string[], rows: string[][], numeric: boolean[]) =>
  `<table style="${S.table}"><tr>${head.map((h, i) => `<th style="${S.th}${numeric[i] ? ';text-align:right' : ''}">${esc(h)}</th>`).join('')}</tr>${
    rows.length ? rows.map((r) => `<tr>${r.map((c, i) => `<td style="${numeric[i] ? S.num : S.td}">${c}</td>`).join('')}</tr>`).join('') : `<tr><td style="${S.td}" colspan="${head.length}">none</td></tr>`
  }</table>`;
const card = (title: string, inner: string) => `<div style="${S.card}"><h2 style="${S.h2}">${esc(title)}</h2>${inner}</div>`;

/** Best three and worst three (the worst first among the worst), without listing one twice. */
export function topAndBottom(rows: Ranked[], n = 3): { top: Ranked[]; bottom: Ranked[] } {
  const top = rows.slice(0, n);
  const bottom = rows.slice(Math.max(n, rows.length - n)).reverse();
  return { top, bottom };
}

const rankedTable = (label: string, rows: Ranked[]) => {
  const { top, bottom } = topAndBottom(rows);
  const line = (r: Ranked) => [esc(r.name), signed(r.pnl)];
  return table([label, 'realised P&L'], [...top.map(line), ...(bottom.length ? [[`<em>worst</em>`, ''], ...bottom.map(line)] : [])], [false, true]);
};

export function renderReportHtml(r: Omit<DailyReport, 'html' | 'text'>): string {
  const d = r.day;
  const bySeverity = Object.entries(r.alerts_by_severity)
    .map(([s, n]) => `${n} ${esc(s || 'none')}`)
    .join(' · ');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(r.subject)}</title></head><body style="${S.body}">
<div style="max-width:900px;margin:0 auto">
<div style="${S.card}"><h1 style="${S.h1}">${esc(r.subject)}</h1><div style="${S.kpiLabel}">${esc(r.window.from)} – ${esc(r.window.to)} (UTC)</div></div>
${card(
  'P&L and portfolio',
  `${kpi("Realised P&L of the day", signed(d.pnl.realised))}${d.portfolio.map((p) => kpi(`portfolio ${p.account} (day's worst drawdown ${pct(p.worst_drawdown_ratio)})`, money(p.end))).join('')}
<div style="display:flex;gap:16px;flex-wrap:wrap"><div style="flex:1;min-width:260px">${rankedTable('strategy', d.pnl.strategies)}</div><div style="flex:1;min-width:260px">${rankedTable('symbol', d.pnl.symbols)}</div></div>
<div style="margin-top:12px">${table(
    ['account', 'start', 'low', 'high', 'end', 'worst drawdown'],
    d.portfolio.map((p) => [esc(p.account), money(p.start), money(p.low), money(p.high), money(p.end), pct(p.worst_drawdown_ratio)]),
    [false, true, true, true, true, true],
  )}</div>`,
)}
${card(
  'Execution quality by venue',
  table(
    ['venue', 'orders', 'rejects', 'reject ratio', 'fill ratio', 'slippage (signed mean)', 'adverse p95'],
    d.execution.map((e) => [esc(e.venue), money(e.orders).replace(/\.00$/, ''), money(e.rejects).replace(/\.00$/, ''), pct(e.reject_ratio), pct(e.fill_ratio), bps(e.slippage_bps), bps(e.adverse_p95_bps)]),
    [false, true, true, true, true, true, true],
  ),
)}
${card(
  'Risk limits (peak of the day)',
  `${table(
    ['scope', 'name', 'measure', 'peak utilisation'],
    d.risk.utilisation.map((u) => [esc(u.scope), esc(u.name), esc(u.measure), `<span style="color:${u.max_ratio >= 0.95 ? '#cf222e' : u.max_ratio >= 0.8 ? '#9a6700' : '#1f2328'}">${pct(u.max_ratio, 1)}</span>`]),
    [false, false, false, true],
  )}<div style="margin-top:12px">${table(
    ['account', 'peak VaR', 'VaR limit'],
    d.risk.var.map((v) => [esc(v.account), money(v.max), money(v.limit)]),
    [false, true, true],
  )}</div>`,
)}
${card(
  'Alerts',
  `${kpi('occurrences', String(r.occurrences))}${kpi('MTTA', dur(r.mtta_seconds))}${kpi('MTTR', dur(r.mttr_seconds))}<div style="${S.kpiLabel};margin-bottom:8px">${bySeverity || 'no alerts'}</div>
${table(
    ['started', 'alert', 'severity', 'service', 'duration', 'owner'],
    r.alerts.map((a) => [esc(a.starts_at.slice(11, 19)), esc(a.alertname), esc(a.severity), esc(a.service), a.duration_seconds === null ? 'firing' : dur(a.duration_seconds), esc(a.owner ?? '')]),
    [false, false, false, false, true, false],
  )}`,
)}
${card(
  'Service levels and hosts',
  `${table(['SLO', 'error budget remaining'], r.slo_budgets.map((s) => [esc(s.slo), pct(s.remaining_ratio, 1)]), [false, true])}
<div style="margin-top:12px">${table(['figure', 'value'], r.host.map((f) => [esc(f.name), f.value === null ? 'unavailable' : f.unit === 'ratio' ? pct(f.value) : String(Math.round(f.value * 100) / 100)]), [false, true])}</div>`,
)}
${r.prometheus_error ? `<div style="${S.card};border-color:#cf222e">Prometheus was not fully available: ${esc(r.prometheus_error)}</div>` : ''}
</div></body></html>`;
}
