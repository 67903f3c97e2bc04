// Alert statistics over a time range, computed from occurrences: how often, how long firing, how fast
// acknowledged and resolved, how much it flaps, and which alerts are the noisiest.
import type { OccurrenceRow } from './store/occurrence.js';

export interface GroupStats {
  key: string;
  occurrences: number;
  firing_seconds: number;
  acknowledged: number;
  resolved: number;
  mean_time_to_acknowledge_seconds: number | null;
  mean_time_to_resolve_seconds: number | null;
  /** Share of occurrences that re-fired within the flap window after the previous one of the same alert resolved (0..1). */
  flapping_score: number;
}

export interface StatsReport {
  from: string;
  to: string;
  total: GroupStats;
  by_alertname: GroupStats[];
  by_service: GroupStats[];
  by_severity: GroupStats[];
  by_venue: GroupStats[];
  noisiest: Array<{ alertname: string; occurrences: number; firing_seconds: number }>;
}

/** A re-fire this soon after the previous resolution counts as flapping. */
export const FLAP_WINDOW_MS = 15 * 60_000;

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function flapped(rows: OccurrenceRow[]): Set<number> {
  const out = new Set<number>();
  const byFingerprint = new Map<string, OccurrenceRow[]>();
  for (const r of rows) byFingerprint.set(r.fingerprint, [...(byFingerprint.get(r.fingerprint) ?? []), r]);
  for (const list of byFingerprint.values()) {
    list.sort((a, b) => a.starts_at - b.starts_at);
    for (let i = 1; i < list.length; i++) {
      const prevEnd = list[i - 1].ends_at;
      if (prevEnd !== null && list[i].starts_at - prevEnd <= FLAP_WINDOW_MS) out.add(list[i].id);
    }
  }
  return out;
}

function summarise(key: string, rows: OccurrenceRow[], from: number, to: number, now: number, flaps: Set<number>): GroupStats {
  const firing = rows.reduce((s, r) => s + Math.max(0, Math.min(r.ends_at ?? now, to) - Math.max(r.starts_at, from)), 0);
  const tta = rows.filter((r) => r.acked_at !== null).map((r) => ((r.acked_at as number) - r.starts_at) / 1000);
  const ttr = rows.filter((r) => r.ends_at !== null).map((r) => ((r.ends_at as number) - r.starts_at) / 1000);
  return {
    key,
    occurrences: rows.length,
    firing_seconds: firing / 1000,
    acknowledged: tta.length,
    resolved: ttr.length,
    mean_time_to_acknowledge_seconds: mean(tta),
    mean_time_to_resolve_seconds: mean(ttr),
    flapping_score: rows.length ? rows.filter((r) => flaps.has(r.id)).length / rows.length : 0,
  };
}

function groupBy(rows: OccurrenceRow[], key: 'alertname' | 'service' | 'severity' | 'venue', summ: (k: string, rs: OccurrenceRow[]) => GroupStats) {
  const groups = new Map<string, OccurrenceRow[]>();
  for (const r of rows) groups.set(r[key], [...(groups.get(r[key]) ?? []), r]);
  return [...groups.entries()].map(([k, rs]) => summ(k, rs)).sort((a, b) => b.occurrences - a.occurrences || a.key.localeCompare(b.key));
}

export function computeStats(rows: OccurrenceRow[], from: number, to: number, now = Date.now(), top = 10): StatsReport {
  const flaps = flapped(rows);
  const summ = (k: string, rs: OccurrenceRow[]) => summarise(k, rs, from, to, now, flaps);
  const byAlertname = groupBy(rows, 'alertname', summ);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    total: summ('all', rows),
    by_alertname: byAlertname,
    by_service: groupBy(rows, 'service', summ),
    by_severity: groupBy(rows, 'severity', summ),
    by_venue: groupBy(rows, 'venue', summ),
    noisiest: byAlertname
      .slice(0, top)
      .map((g) => ({ alertname: g.key, occurrences: g.occurrences, firing_seconds: g.firing_seconds })),
  };
}
