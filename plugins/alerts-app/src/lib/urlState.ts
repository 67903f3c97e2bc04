// Every piece of a page's state lives in the URL query, so a link reproduces the view. Each page declares its
// fields with defaults; a field at its default is left out of the URL.
import type { Grouping } from './alerts';

export type StateShape = Record<string, string>;

export function readState<S extends StateShape>(params: URLSearchParams, defaults: S): S {
  const out = { ...defaults };
  for (const key of Object.keys(defaults) as Array<keyof S & string>) {
    const v = params.get(key);
    if (v !== null) {
      out[key] = v as S[typeof key];
    }
  }
  return out;
}

/** The query of `state`, keeping parameters other pages or Grafana own (e.g. orgId). */
export function writeState<S extends StateShape>(state: S, defaults: S, base = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(base);
  for (const key of Object.keys(defaults)) {
    const v = state[key];
    if (v === undefined || v === defaults[key]) {
      out.delete(key);
    } else {
      out.set(key, v);
    }
  }
  return out;
}

export const ALERTS_STATE = { q: '', group: 'alertmanager', alert: '', show: 'all' };
export type AlertsState = typeof ALERTS_STATE;

export const SILENCES_STATE = { tab: 'active', edit: '', matchers: '', am: '0' };
export type SilencesState = typeof SILENCES_STATE;

export const HISTORY_STATE = { alertname: '', severity: '', service: '', venue: '', status: '', from: 'now-7d', to: 'now', cursors: '', heat: '', tz: 'UTC' };
export type HistoryState = typeof HISTORY_STATE;

export function parseGrouping(text: string): Grouping {
  const m = /^label:([a-zA-Z_][a-zA-Z0-9_]*)$/.exec(text);
  return m ? { by: 'label', label: m[1] } : { by: 'alertmanager' };
}

export function formatGrouping(g: Grouping): string {
  return g.by === 'label' ? `label:${g.label}` : 'alertmanager';
}

/** History paging: the cursors of the pages before the current one, so Back works without the server. */
export function cursorStack(text: string): string[] {
  return text ? text.split(',').filter((c) => /^\d+$/.test(c)) : [];
}
