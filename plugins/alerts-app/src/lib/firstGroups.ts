// The groups the first page of the alert list shows, found without merging and sorting every alert: each alert's
// sort key and list group are worked out from the answers (one small record per fingerprint), the groups ordered by
// their least key, and only the alerts of the groups that fill the page are merged, sorted and grouped as the whole
// list would be. The page paints those first; the whole list is merged and sorted after that paint.
import type { AmAlert, AmAlertGroup, Labels } from '../types';
import { compareGroupOrder, compareOrder, groupAlerts, groupKeyOf, listGroupKey, mergeAlertGroups, mergeStatus, severityRank, type AlertGroup, type Grouping, type OrderKey } from './alerts';

export type AlertAnswers = Array<{ source: string; groups: AmAlertGroup[] }>;

/** Whether the list shows an alert (filter and view), from its labels and its status merged over Alertmanagers. */
export type ShownTest = (labels: Labels, status: AmAlert['status']) => boolean;

export interface FirstGroups {
  /** The first groups in list order, each with all its shown alerts, as the whole list has them. */
  groups: AlertGroup[];
  /** Shown alerts in the groups not included. */
  rest: number;
  /** Alerts in the answers (one per fingerprint), shown or not. */
  alerts: number;
  /** An alert's labels by fingerprint (for "inhibited by"). */
  labelsOf: (fingerprint: string) => { labels: Labels } | undefined;
}

/** An alert's merged status and sort key; `at` is NaN until needed (an alert less severe than its group's least is never compared by start). */
interface Seen extends OrderKey {
  alert: AmAlert;
  /** Its first Alertmanager group's key (the one the whole list groups it under). */
  amGroupKey: string;
  status: AmAlert['status'];
  /** The list group it is shown in; undefined if the list does not show it. */
  listKey?: string;
}

interface ListGroup extends OrderKey {
  key: string;
  size: number;
}

const startOf = (s: Seen) => (Number.isNaN(s.at) ? Date.parse(s.alert.startsAt) : s.at);

/**
 * The groups that hold the first `rows` shown alerts of the list (and the group of `mustShow`, a selected alert),
 * equal to the first groups of groupAlerts(filtered mergeAlertGroups(answers)) with all their alerts.
 */
export function firstGroups(answers: AlertAnswers, grouping: Grouping, shown: ShownTest, rows: number, mustShow?: string): FirstGroups {
  const byFingerprint = new Map<string, Seen>();
  for (const { groups } of answers) {
    for (const g of groups) {
      let key: string | undefined;
      for (const a of g.alerts) {
        const seen = byFingerprint.get(a.fingerprint);
        if (!seen) {
          byFingerprint.set(a.fingerprint, { alert: a, amGroupKey: (key ??= groupKeyOf(g)), status: a.status, rank: severityRank(a), at: NaN, fp: a.fingerprint });
        } else {
          // Held by a second Alertmanager (or in a second group): the merge's status and earliest start.
          seen.status = mergeStatus(seen.status, a.status);
          seen.at = Math.min(startOf(seen), Date.parse(a.startsAt));
        }
      }
    }
  }
  const listGroups = new Map<string, ListGroup>();
  let mustShowGroup: string | undefined;
  for (const s of byFingerprint.values()) {
    if (!shown(s.alert.labels, s.status)) {
      continue;
    }
    const key = (s.listKey = listGroupKey(grouping, s.alert.labels, s.amGroupKey));
    const g = listGroups.get(key);
    if (!g) {
      listGroups.set(key, { key, size: 1, rank: s.rank, at: startOf(s), fp: s.fp });
    } else {
      g.size++;
      // The start is parsed only for an alert as severe as its group's least so far.
      if (s.rank <= g.rank && ((s.at = startOf(s)), compareOrder(s, g) < 0)) {
        g.rank = s.rank;
        g.at = s.at;
        g.fp = s.fp;
      }
    }
    if (s.fp === mustShow) {
      mustShowGroup = key;
    }
  }
  const ordered = [...listGroups.values()].sort((x, y) => compareGroupOrder(x, x.key, y, y.key));
  const chosen = new Set<string>();
  let covered = 0;
  let rest = 0;
  for (const g of ordered) {
    if (covered < rows || (mustShowGroup !== undefined && !chosen.has(mustShowGroup))) {
      chosen.add(g.key);
      covered += g.size;
    } else {
      rest += g.size;
    }
  }
  // The chosen groups' alerts with every copy of them, in the answers' order, so the merge gives them the same
  // Alertmanagers, group keys, status and start as the whole list's merge does.
  const keep = new Set<string>();
  for (const s of byFingerprint.values()) {
    if (s.listKey !== undefined && chosen.has(s.listKey)) {
      keep.add(s.fp);
    }
  }
  const part = answers.map(({ source, groups }) => ({
    source,
    groups: groups.flatMap((g) => {
      const alerts = g.alerts.filter((a) => keep.has(a.fingerprint));
      return alerts.length > 0 ? [{ labels: g.labels, receiver: g.receiver, alerts }] : [];
    }),
  }));
  const merged = mergeAlertGroups(part);
  return {
    groups: groupAlerts(merged.alerts, grouping, merged.groups),
    rest,
    alerts: byFingerprint.size,
    labelsOf: (fp) => byFingerprint.get(fp)?.alert,
  };
}
