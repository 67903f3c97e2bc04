// The merge and grouping against a plain statement of their contract, on random answers of up to three
// Alertmanagers (shared fingerprints with differing states, suppressions and starts; missing and unknown
// severities; equal starts): the same alerts, fields and order, so a faster merge cannot change what is listed.
import type { AmAlert, AmAlertGroup } from '../types';
import { groupAlerts, mergeAlertGroups, type MergedAlert } from './alerts';

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function answers(rnd: () => number): Array<{ source: string; groups: AmAlertGroup[] }> {
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const fps = Array.from({ length: 40 + Math.floor(rnd() * 80) }, (_, i) => `${Math.floor(rnd() * 16).toString(16)}${i.toString(16).padStart(4, '0')}`);
  return ['am-a', 'am-b', 'am-c'].slice(0, 1 + Math.floor(rnd() * 3)).map((source) => {
    const groups = new Map<string, AmAlertGroup>();
    for (const fp of fps) {
      if (rnd() < 0.3) {
        continue;
      }
      const n = parseInt(fp.slice(1), 16);
      const labels: Record<string, string> = { alertname: `A${n % 7}`, venue: `v${n % 3}` };
      const severity = [undefined, 'critical', 'warning', 'info', 'page'][n % 5];
      if (severity) {
        labels.severity = severity;
      }
      const a: AmAlert = {
        fingerprint: fp,
        labels,
        annotations: rnd() < 0.5 ? { summary: `s${n}` } : (undefined as unknown as Record<string, string>),
        startsAt: new Date(Date.UTC(2026, 10, 20, 10, Math.floor(rnd() * 4))).toISOString(),
        endsAt: '2026-11-20T12:00:00.000Z',
        status: {
          state: pick(['active', 'suppressed', 'unprocessed'] as const),
          silencedBy: rnd() < 0.3 ? [pick(['s1', 's2', 's3'])] : [],
          inhibitedBy: rnd() < 0.2 ? [pick(fps)] : [],
        },
      };
      const key = `${pick(['journal', 'pager'])}|${labels.alertname}`;
      const [receiver, alertname] = key.split('|');
      if (!groups.has(key)) {
        groups.set(key, { labels: { alertname }, receiver: { name: receiver }, alerts: [] });
      }
      groups.get(key)!.alerts.push(a);
    }
    return { source, groups: [...groups.values()] };
  });
}

// The contract, written out plainly: one alert per fingerprint (first-seen order of sources and group keys, the
// union of suppressions, active if active anywhere, else suppressed if suppressed anywhere, the earliest start), in
// severity (critical, warning, info, other) then start then fingerprint order; groups in the order of their first alert.
const RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };
const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
function reference(perSource: Array<{ source: string; groups: AmAlertGroup[] }>): MergedAlert[] {
  const out = new Map<string, MergedAlert>();
  for (const { source, groups } of perSource) {
    for (const g of groups) {
      const key = `${g.receiver.name}:{${Object.keys(g.labels).sort().map((k) => `${k}=${JSON.stringify(g.labels[k])}`).join(',')}}`;
      for (const a of g.alerts) {
        const seen = out.get(a.fingerprint);
        if (!seen) {
          out.set(a.fingerprint, { ...a, annotations: a.annotations ?? {}, status: { ...a.status }, sources: [source], groupKeys: [key] });
          continue;
        }
        seen.sources = union(seen.sources, [source]);
        seen.groupKeys = union(seen.groupKeys, [key]);
        const states = [seen.status.state, a.status.state];
        seen.status = {
          state: states.includes('active') ? 'active' : a.status.state === 'suppressed' ? 'suppressed' : seen.status.state,
          silencedBy: union(seen.status.silencedBy, a.status.silencedBy),
          inhibitedBy: union(seen.status.inhibitedBy, a.status.inhibitedBy),
        };
        if (Date.parse(a.startsAt) < Date.parse(seen.startsAt)) {
          seen.startsAt = a.startsAt;
        }
      }
    }
  }
  const rank = (a: AmAlert) => RANK[a.labels.severity ?? ''] ?? 3;
  return [...out.values()].sort((x, y) => rank(x) - rank(y) || Date.parse(x.startsAt) - Date.parse(y.startsAt) || x.fingerprint.localeCompare(y.fingerprint));
}

describe('merge and grouping against their contract, on random answers', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('seed %i', (seed) => {
    const input = answers(random(seed));
    const { alerts, groups } = mergeAlertGroups(input);
    const want = reference(input);
    expect(alerts.map((a) => a.fingerprint)).toEqual(want.map((a) => a.fingerprint));
    expect(alerts).toEqual(want);
    for (const grouping of [{ by: 'alertmanager' as const }, { by: 'label' as const, label: 'venue' }, { by: 'label' as const, label: 'severity' }]) {
      const got = groupAlerts(alerts, grouping, groups);
      const keyOf = (a: MergedAlert) => (grouping.by === 'alertmanager' ? a.groupKeys[0] : `${grouping.label}=${a.labels[grouping.label] ?? ''}`);
      // Each group's alerts in list order; groups by their first alert, then key.
      const byKey = new Map<string, MergedAlert[]>();
      want.forEach((a) => byKey.set(keyOf(a), [...(byKey.get(keyOf(a)) ?? []), a]));
      const order = [...byKey.entries()].sort(([kx, x], [ky, y]) => want.indexOf(x[0]) - want.indexOf(y[0]) || kx.localeCompare(ky));
      expect(got.map((g) => [g.key, g.alerts.map((a) => a.fingerprint)])).toEqual(order.map(([k, as]) => [k, as.map((a) => a.fingerprint)]));
    }
  });
});
