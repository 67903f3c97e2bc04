// The app's settings (plugin jsonData): defaults and the validation the configuration page runs before saving,
// one message per field.
import { MAX_ALERTMANAGERS } from '../constants';
import type { AppSettings, MarketCalendar } from '../types';
import { DEFAULT_CALENDARS, calendarProblems } from './calendar';

export const DEFAULT_MAX_SILENCE_HOURS = 72;

export interface ResolvedSettings {
  journalUrl: string;
  prometheusUrl: string;
  alertmanagers: Array<{ name: string; url: string }>;
  calendars: MarketCalendar[];
  venueCalendars: Record<string, string>;
  maxSilenceHours: number;
  runbookBaseUrl: string;
}

export function resolveSettings(s: AppSettings | undefined): ResolvedSettings {
  return {
    journalUrl: s?.journalUrl ?? '',
    prometheusUrl: s?.prometheusUrl ?? '',
    alertmanagers: (s?.alertmanagers ?? []).slice(0, MAX_ALERTMANAGERS),
    calendars: s?.calendars?.length ? s.calendars : DEFAULT_CALENDARS,
    venueCalendars: s?.venueCalendars ?? {},
    maxSilenceHours: s?.maxSilenceHours ?? DEFAULT_MAX_SILENCE_HOURS,
    runbookBaseUrl: s?.runbookBaseUrl ?? '',
  };
}

function urlProblem(value: string, required: boolean): string | undefined {
  if (!value) {
    return required ? 'required' : undefined;
  }
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return `not a URL: "${value}" (e.g. http://127.0.0.1:8009)`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return 'must start with http:// or https://';
  }
  if (u.search || u.hash) {
    return 'no query or fragment: the app adds the API paths itself';
  }
  return undefined;
}

/** Field -> message; empty when the settings can be saved. `apiKeySet` says a key is stored already. */
export function settingsProblems(s: ResolvedSettings, newApiKey: string, apiKeySet: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (field: string, msg: string | undefined) => {
    if (msg) {
      out[field] = msg;
    }
  };
  put('journalUrl', urlProblem(s.journalUrl, true));
  put('prometheusUrl', urlProblem(s.prometheusUrl, false));
  if (!apiKeySet && !newApiKey.trim()) {
    out.journalApiKey = "required: the journal's API key (its --api-key.file)";
  }
  if (s.alertmanagers.length === 0) {
    out.alertmanagers = 'at least one Alertmanager';
  }
  if (s.alertmanagers.length > MAX_ALERTMANAGERS) {
    out.alertmanagers = `at most ${MAX_ALERTMANAGERS} (plugin.json has one proxy route set per slot)`;
  }
  const names = new Set<string>();
  s.alertmanagers.forEach((am, i) => {
    if (!am.name.trim()) {
      out[`alertmanagers[${i}].name`] = 'a name is required';
    } else if (names.has(am.name)) {
      out[`alertmanagers[${i}].name`] = `"${am.name}" is used twice`;
    }
    names.add(am.name);
    put(`alertmanagers[${i}].url`, urlProblem(am.url, true));
  });
  const ids = new Set<string>();
  s.calendars.forEach((c, i) => {
    for (const p of calendarProblems(c, i)) {
      out[p.field] = p.message;
    }
    if (ids.has(c.id)) {
      out[`calendars[${i}].id`] = `"${c.id}" is used twice`;
    }
    ids.add(c.id);
  });
  for (const [venue, id] of Object.entries(s.venueCalendars)) {
    if (!id) {
      out[`venueCalendars.${venue}`] = 'expected one "venue=calendar id" per line, e.g. binance=crypto';
    } else if (!ids.has(id)) {
      out[`venueCalendars.${venue}`] = `no calendar with id "${id}"`;
    }
  }
  if (!Number.isFinite(s.maxSilenceHours) || s.maxSilenceHours < 1 || s.maxSilenceHours > 24 * 90) {
    out.maxSilenceHours = 'between 1 and 2160 hours (90 days)';
  }
  put('runbookBaseUrl', urlProblem(s.runbookBaseUrl, false));
  return out;
}
