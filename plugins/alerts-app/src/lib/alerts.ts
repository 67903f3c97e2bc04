// Alerts from several Alertmanagers (HA replicas or separate clusters) merged into one list, then grouped the
// way Alertmanager groups them or by a label the user picks.
import type { AmAlert, AmAlertGroup, Labels } from '../types';

export interface MergedAlert extends AmAlert {
  /** Names of the Alertmanagers holding this alert. */
  sources: string[];
  /** Alertmanager group keys (receiver + group labels) the alert belongs to. */
  groupKeys: string[];
}

export interface AlertGroup {
  key: string;
  title: string;
  labels: Labels;
  receiver?: string;
  alerts: MergedAlert[];
}

export type Grouping = { by: 'alertmanager' } | { by: 'label'; label: string };

export function groupKeyOf(g: Pick<AmAlertGroup, 'labels' | 'receiver'>): string {
  const labels = Object.keys(g.labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(g.labels[k])}`)
    .join(',');
  return `${g.receiver.name}:{${labels}}`;
}

const unionInto = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/** The status of one alert held by two Alertmanagers: active if active on either, suppressions united. */
export function mergeStatus(seen: AmAlert['status'], other: AmAlert['status']): AmAlert['status'] {
  const state = other.state === 'active' || seen.state === 'active' ? 'active' : other.state === 'suppressed' ? 'suppressed' : seen.state;
  return Object.assign({}, seen, {
    state,
    silencedBy: unionInto(seen.silencedBy, other.silencedBy),
    inhibitedBy: unionInto(seen.inhibitedBy, other.inhibitedBy),
  });
}

/**
 * One alert per fingerprint (Alertmanager's fingerprint is a hash of the labels, the same on every replica).
 * An alert is active if any Alertmanager holding it has it active: a silence one replica has not received yet
 * does not stop the other from notifying. silencedBy and inhibitedBy are unions; startsAt the earliest.
 */
export function mergeAlertGroups(perSource: Array<{ source: string; groups: AmAlertGroup[] }>): { alerts: MergedAlert[]; groups: Map<string, AmAlertGroup> } {
  const byFingerprint = new Map<string, MergedAlert>();
  const groups = new Map<string, AmAlertGroup>();
  for (const { source, groups: list } of perSource) {
    const sources = [source];
    for (const g of list) {
      const key = groupKeyOf(g);
      const groupKeys = [key];
      if (!groups.has(key)) {
        groups.set(key, { labels: g.labels, receiver: g.receiver, alerts: [] });
      }
      for (const a of g.alerts) {
        const seen = byFingerprint.get(a.fingerprint);
        if (!seen) {
          // One object literal of the alert's fields, not spread syntax (the ES2015 build makes each spread a slow
          // helper call) nor Object.assign (which walks the answer's properties): copying 5,000 alerts is part of
          // the work before the first render. The status is shared with the answer until a second Alertmanager's
          // copy is merged in, and the sources and groupKeys arrays with the other alerts of the same source and
          // group (all three replaced on a merge, never mutated).
          byFingerprint.set(a.fingerprint, {
            fingerprint: a.fingerprint,
            labels: a.labels,
            annotations: a.annotations ?? {},
            startsAt: a.startsAt,
            updatedAt: a.updatedAt,
            endsAt: a.endsAt,
            generatorURL: a.generatorURL,
            receivers: a.receivers,
            status: a.status,
            sources,
            groupKeys,
          });
          continue;
        }
        seen.sources = unionInto(seen.sources, [source]);
        seen.groupKeys = unionInto(seen.groupKeys, [key]);
        seen.status = mergeStatus(seen.status, a.status);
        if (Date.parse(a.startsAt) < Date.parse(seen.startsAt)) {
          seen.startsAt = a.startsAt;
        }
      }
    }
  }
  return { alerts: sortBySeverityThenAge([...byFingerprint.values()]), groups };
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };
export const severityRank = (a: Pick<AmAlert, 'labels'>) => SEVERITY_RANK[a.labels.severity ?? ''] ?? 3;

export interface OrderKey {
  rank: number;
  at: number;
  fp: string;
}

/** The sort key of `a` as fields of one object with `item` (one allocation per item sorted). */
const keyed = <T>(item: T, a: AmAlert) => ({ item, rank: severityRank(a), at: Date.parse(a.startsAt), fp: a.fingerprint });

/** The list's order of alerts: severity (critical, warning, info, other), then start, then fingerprint. */
// Fingerprints are hexadecimal, so comparing them by code unit orders them as localeCompare does.
export const compareOrder = (x: OrderKey, y: OrderKey) => x.rank - y.rank || x.at - y.at || (x.fp < y.fp ? -1 : x.fp > y.fp ? 1 : 0);

/** The list's order of groups: by their first alert's key (compareOrder), then by group key. */
export const compareGroupOrder = (x: OrderKey, xKey: string, y: OrderKey, yKey: string) => compareOrder(x, y) || xKey.localeCompare(yKey);

export function bySeverityThenAge(a: AmAlert, b: AmAlert): number {
  return compareOrder(keyed(a, a), keyed(b, b));
}

/**
 * `alerts` in bySeverityThenAge order with each key computed once, not in every comparison (5,000 alerts make
 * ~60,000 comparisons; parsing two dates in each was the largest part of the work before the first render).
 */
export function sortBySeverityThenAge<A extends AmAlert>(alerts: A[]): A[] {
  return alerts
    .map((a) => keyed(a, a))
    .sort(compareOrder)
    .map((k) => k.item);
}

/** The key of the list's group an alert is shown in: its first Alertmanager group's, or its value of the label. */
export function listGroupKey(grouping: Grouping, labels: Labels, amGroupKey: string): string {
  return grouping.by === 'alertmanager' ? amGroupKey : `${grouping.label}=${labels[grouping.label] ?? ''}`;
}

export function groupAlerts(alerts: MergedAlert[], grouping: Grouping, amGroups: Map<string, AmAlertGroup>): AlertGroup[] {
  const out = new Map<string, AlertGroup>();
  for (const a of alerts) {
    const key = listGroupKey(grouping, a.labels, a.groupKeys[0]);
    let group = out.get(key);
    if (!group) {
      if (grouping.by === 'alertmanager') {
        const g = amGroups.get(key);
        const labels = g?.labels ?? {};
        const text = Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ');
        group = { key, title: text || '(no group labels)', labels, receiver: g?.receiver.name, alerts: [] };
      } else {
        const v = a.labels[grouping.label];
        group = { key, title: v === undefined || v === '' ? `(no ${grouping.label})` : `${grouping.label}=${v}`, labels: v ? { [grouping.label]: v } : {}, alerts: [] };
      }
      out.set(key, group);
    }
    group.alerts.push(a);
  }
  // The group holding the most severe, oldest alert first (keys computed once per group, as in sortBySeverityThenAge).
  return [...out.values()]
    .map((g) => keyed(g, g.alerts[0]))
    .sort((x, y) => compareGroupOrder(x, x.item.key, y, y.item.key))
    .map((k) => k.item);
}

export type AlertStateKind = 'firing' | 'silenced' | 'inhibited';

export function stateOf(a: Pick<AmAlert, 'status'>): AlertStateKind {
  if (a.status.state === 'active') {
    return 'firing';
  }
  return a.status.silencedBy.length > 0 ? 'silenced' : a.status.inhibitedBy.length > 0 ? 'inhibited' : 'firing';
}

/** The alert of a fingerprint, from a map built on the first lookup (most lists never look one up). */
export function fingerprintLookup<A extends AmAlert>(alerts: A[]): (fingerprint: string) => A | undefined {
  let byFingerprint: Map<string, A> | undefined;
  return (fp) => (byFingerprint ??= new Map(alerts.map((a) => [a.fingerprint, a]))).get(fp);
}

/** Labels names seen on alerts, for the "group by" picker. */
export function labelNames(alerts: AmAlert[]): string[] {
  const names = new Set<string>();
  for (const a of alerts) {
    for (const k in a.labels) {
      names.add(k);
    }
  }
  return [...names].sort();
}
