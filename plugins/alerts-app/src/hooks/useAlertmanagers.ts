// Alert groups and silences from every configured Alertmanager, each loaded on its own: one down leaves the
// others' alerts on screen and is reported by name.
import { useMemo } from 'react';
import { alertGroups, eachAlertmanager } from '../api/alertmanagers';
import { alertmanager } from '../api/clients';
import type { SourceError } from '../api/proxy';
import { mergeAlertGroups } from '../lib/alerts';
import type { AlertAnswers } from '../lib/firstGroups';
import type { AmSilence } from '../types';
import { useAppContext } from '../components/AppContext';
import { useAfterPaint } from './useAfterPaint';
import { useAsync } from './useAsync';

const NOT_MERGED: ReturnType<typeof mergeAlertGroups> = { alerts: [], groups: new Map() };

/**
 * With `alertsFirst`, silences are first asked for once the alert groups have answered and been painted, so the
 * list's request has the Alertmanagers, the proxy and the page to itself (a row shows a silence's id until its
 * details arrive); `alertsPainted` tells the page when to ask its other sources.
 */
export function useAlertmanagers(refreshKey: string, { alertsFirst = false } = {}) {
  const { settings } = useAppContext();
  const ams = settings.alertmanagers;
  const key = `${ams.map((a) => a.name).join(',')}|${refreshKey}`;
  // The first load takes the request the app root started as the route was taken (see useAlertGroupsEarly).
  const groups = useAsync('Alertmanager', () => alertGroups(ams), key);
  const alertsPainted = useAfterPaint(!groups.loading);
  const silences = useAsync('Alertmanager', () => eachAlertmanager<AmSilence[]>(ams, (slot, name) => alertmanager(slot, name).silences()), alertsFirst && !alertsPainted ? null : key);
  // Each derived value is remembered against the answer it comes from (useAsync returns a new object on every
  // render): merging 5,000 alerts again on each re-render of the page (the journal's answers arriving, every
  // change of the filter) was most of the filter-to-repaint time.
  const answers: AlertAnswers = useMemo(
    () => (groups.data ?? []).filter((r) => r.value).map((r) => ({ source: ams[r.slot]?.name ?? r.source, groups: r.value! })),
    [ams, groups.data]
  );
  // With `alertsFirst`, the whole list is merged and sorted once its first page is painted (the page orders what
  // that paint shows from `answers`, see lib/firstGroups); until then `merged` is false and `alerts` empty.
  const mergeNow = !alertsFirst || alertsPainted;
  const merged = useMemo(() => (mergeNow ? mergeAlertGroups(answers) : NOT_MERGED), [mergeNow, answers]);
  const silenceById = useMemo(() => {
    const byId = new Map<string, AmSilence & { slot: number }>();
    for (const r of silences.data ?? []) {
      for (const s of r.value ?? []) {
        if (!byId.has(s.id)) {
          byId.set(s.id, { ...s, slot: r.slot });
        }
      }
    }
    return byId;
  }, [silences.data]);
  const errors = useMemo(() => {
    const all = [...(groups.data ?? []), ...(silences.data ?? [])].map((r) => r.error).filter((e): e is SourceError => !!e);
    return [...new Map(all.map((e) => [e.source, e])).values()];
  }, [groups.data, silences.data]);
  const loading = groups.loading && !groups.data;
  const { reload: reloadGroups } = groups;
  const { reload: reloadSilences } = silences;
  return useMemo(
    () => ({
      configured: ams.length > 0,
      loading,
      alertsPainted,
      answers,
      merged: merged !== NOT_MERGED,
      alerts: merged.alerts,
      amGroups: merged.groups,
      silences: [...silenceById.values()],
      silenceById,
      errors,
      reload: () => {
        reloadGroups();
        reloadSilences();
      },
    }),
    [ams, loading, alertsPainted, answers, merged, silenceById, errors, reloadGroups, reloadSilences]
  );
}
