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

/**
 * One alert per fingerprint (Alertmanager's fingerprint is a hash of the labels, the same on every replica).
 * An alert is active if any Alertmanager holding it has it active: a silence one replica has not received yet
 * does not stop the other from notifying. silencedBy and inhibitedBy are unions; startsAt the earliest.
 */
export function mergeAlertGroups(perSource: Array<{ source: string; groups: AmAlertGroup[] }>): { alerts: MergedAlert[]; groups: Map<string, AmAlertGroup> } {
  const byFingerprint = new Map<string, MergedAlert>();
  const groups = new Map<string, AmAlertGroup>();
  for (const { source, groups: list } of perSource) {
    for (const g of list) {
      const key = groupKeyOf(g);
      if (!groups.has(key)) {
        groups.set(key, { labels: g.labels, receiver: g.receiver, alerts: [] });
      }
      for (const a of g.alerts) {
        const seen = byFingerprint.get(a.fingerprint);
        if (!seen) {
          byFingerprint.set(a.fingerprint, {
            ...a,
            annotations: a.annotations ?? {},
            status: { ...a.status, silencedBy: [...a.status.silencedBy], inhibitedBy: [...a.status.inhibitedBy] },
            sources: [source],
            groupKeys: [key],
          });
          continue;
        }
        seen.sources = unionInto(seen.sources, [source]);
        seen.groupKeys = unionInto(seen.groupKeys, [key]);
        seen.status.silencedBy = unionInto(seen.status.silencedBy, a.status.silencedBy);
        seen.status.inhibitedBy = unionInto(seen.status.inhibitedBy, a.status.inhibitedBy);
        if (a.status.state === 'active' || seen.status.state === 'active') {
          seen.status.state = 'active';
        } else if (a.status.state === 'suppressed') {
          seen.status.state = 'suppressed';
        }
        if (Date.parse(a.startsAt) < Date.parse(seen.startsAt)) {
          seen.startsAt = a.startsAt;
        }
      }
    }
  }
  const alerts = [...byFingerprint.values()].sort(bySeverityThenAge);
  return { alerts, groups };
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };

export function bySeverityThenAge(a: AmAlert, b: AmAlert): number {
  const ra = SEVERITY_RANK[a.labels.severity ?? ''] ?? 3;
  const rb = SEVERITY_RANK[b.labels.severity ?? ''] ?? 3;
  return ra - rb || Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.fingerprint.localeCompare(b.fingerprint);
}

export function groupAlerts(alerts: MergedAlert[], grouping: Grouping, amGroups: Map<string, AmAlertGroup>): AlertGroup[] {
  const out = new Map<string, AlertGroup>();
  for (const a of alerts) {
    const keys =
      grouping.by === 'alertmanager' ? a.groupKeys.slice(0, 1) : [`${grouping.label}=${a.labels[grouping.label] ?? ''}`];
    for (const key of keys) {
      if (!out.has(key)) {
        if (grouping.by === 'alertmanager') {
          const g = amGroups.get(key);
          const labels = g?.labels ?? {};
          const text = Object.entries(labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ');
          out.set(key, { key, title: text || '(no group labels)', labels, receiver: g?.receiver.name, alerts: [] });
        } else {
          const v = a.labels[grouping.label];
          out.set(key, { key, title: v === undefined || v === '' ? `(no ${grouping.label})` : `${grouping.label}=${v}`, labels: v ? { [grouping.label]: v } : {}, alerts: [] });
        }
      }
      out.get(key)!.alerts.push(a);
    }
  }
  // The group holding the most severe, oldest alert first.
  return [...out.values()].sort((x, y) => bySeverityThenAge(x.alerts[0], y.alerts[0]) || x.key.localeCompare(y.key));
}

export type AlertStateKind = 'firing' | 'silenced' | 'inhibited';

export function stateOf(a: AmAlert): AlertStateKind {
  if (a.status.state === 'active') {
    return 'firing';
  }
  return a.status.silencedBy.length > 0 ? 'silenced' : a.status.inhibitedBy.length > 0 ? 'inhibited' : 'firing';
}

/** Labels names seen on alerts, for the "group by" picker. */
export function labelNames(alerts: AmAlert[]): string[] {
  return [...new Set(alerts.flatMap((a) => Object.keys(a.labels)))].sort();
}
