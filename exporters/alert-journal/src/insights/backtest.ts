// Silence backtest: which stored occurrences a silence with these matchers would have muted over a past window
// (an occurrence counts when it was firing at some point inside the window), so an operator sees what a
// silence hides before making it, not only the alerts firing right now.
import type { AmMatcher } from '../clients/alertmanager.js';
import { matcherMatches } from '../resolution-sync.js';
import { toOccurrence, type Occurrence, type OccurrenceRow } from '../store/occurrence.js';

export interface BacktestResult {
  from: string;
  to: string;
  matched_occurrences: number;
  matched_alerts: number;
  firing_seconds: number;
  by_alertname: Array<{ alertname: string; occurrences: number }>;
  occurrences: Occurrence[];
  truncated: boolean;
}

export function backtestSilence(rows: OccurrenceRow[], matchers: AmMatcher[], from: number, to: number, now: number, sample = 100): BacktestResult {
  const hits = rows.filter((r) => {
    const labels = JSON.parse(r.labels) as Record<string, string>;
    return matchers.every((m) => matcherMatches(m, labels));
  });
  const byName = new Map<string, number>();
  for (const r of hits) byName.set(r.alertname, (byName.get(r.alertname) ?? 0) + 1);
  const newestFirst = [...hits].sort((a, b) => b.starts_at - a.starts_at || b.id - a.id);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    matched_occurrences: hits.length,
    matched_alerts: new Set(hits.map((r) => r.fingerprint)).size,
    firing_seconds: hits.reduce((s, r) => s + Math.max(0, Math.min(r.ends_at ?? now, to) - Math.max(r.starts_at, from)), 0) / 1000,
    by_alertname: [...byName].map(([alertname, occurrences]) => ({ alertname, occurrences })).sort((a, b) => b.occurrences - a.occurrences || a.alertname.localeCompare(b.alertname)),
    occurrences: newestFirst.slice(0, sample).map(toOccurrence),
    truncated: newestFirst.length > sample,
  };
}
