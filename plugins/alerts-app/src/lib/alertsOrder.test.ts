// The merge and grouping against a plain statement of their contract, on random answers of up to three
// Alertmanagers (shared fingerprints with differing states, suppressions and starts; missing and unknown
// severities; equal starts): the same alerts, fields and order, so a faster merge cannot change what is listed.
import type { AmAlert, AmAlertGroup } from '../types';
import { answers, random } from '../test/randomAnswers';
import { groupAlerts, mergeAlertGroups, type MergedAlert } from './alerts';

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
