// What the Alerts page asks of every configured Alertmanager, each answering on its own: one down leaves the
// others' alerts on screen and is reported by name. The alert groups can be asked for early, as the route to the
// page is taken, and the page then takes that request instead of sending its own.
import type { AmAlertGroup } from '../types';
import { alertmanager } from './clients';
import { startEarly, takeEarly } from './earlyRequests';
import { classify, type SourceError } from './proxy';

export interface PerSource<T> {
  source: string;
  slot: number;
  value?: T;
  error?: SourceError;
}

export async function eachAlertmanager<T>(ams: Array<{ name: string }>, load: (slot: number, name: string) => Promise<T>): Promise<Array<PerSource<T>>> {
  const results = await Promise.allSettled(ams.map((am, slot) => load(slot, am.name)));
  return results.map((r, slot) => {
    const source = alertmanager(slot, ams[slot].name).source;
    return r.status === 'fulfilled' ? { source, slot, value: r.value } : { source, slot, error: classify(source, r.reason) };
  });
}

const groupsKey = (ams: Array<{ name: string }>) => `alert-groups|${ams.map((a) => a.name).join(',')}`;
const loadGroups = (ams: Array<{ name: string }>) => eachAlertmanager<AmAlertGroup[]>(ams, (slot, name) => alertmanager(slot, name).groups());

/** Asks every Alertmanager for its alert groups now, for the Alerts page about to mount. */
export function startAlertGroupsEarly(ams: Array<{ name: string }>): void {
  if (ams.length > 0) {
    startEarly(groupsKey(ams), () => loadGroups(ams));
  }
}

/** The alert groups of every Alertmanager: the early request if one is in flight or fresh, else a new one. */
export function alertGroups(ams: Array<{ name: string }>): Promise<Array<PerSource<AmAlertGroup[]>>> {
  return takeEarly<Array<PerSource<AmAlertGroup[]>>>(groupsKey(ams)) ?? loadGroups(ams);
}
