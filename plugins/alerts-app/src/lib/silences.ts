// Silences: what one would match now, how long it lasts (presets including "until the next session open"),
// and the lists an on-call lead reviews: silences expiring soon, matching nothing, or longer than allowed.
import type { AmAlert, AmMatcher, AmSilence, MarketCalendar } from '../types';
import { nextSessionOpen } from './calendar';
import { matchesAll } from './matchers';

const MIN = 60_000;
const HOUR = 60 * MIN;

export interface DurationPreset {
  id: string;
  label: string;
  endsAt: number;
}

export function durationPresets(now: number, calendars: MarketCalendar[], preferredCalendarIds: string[] = []): DurationPreset[] {
  const fixed: Array<[string, string, number]> = [
    ['30m', '30 minutes', 30 * MIN],
    ['1h', '1 hour', HOUR],
    ['4h', '4 hours', 4 * HOUR],
    ['12h', '12 hours', 12 * HOUR],
    ['1d', '1 day', 24 * HOUR],
  ];
  const out: DurationPreset[] = fixed.map(([id, label, ms]) => ({ id, label, endsAt: now + ms }));
  const ordered = [...calendars].sort((a, b) => Number(preferredCalendarIds.includes(b.id)) - Number(preferredCalendarIds.includes(a.id)));
  for (const cal of ordered) {
    const open = nextSessionOpen(cal, now);
    if (open !== null) {
      out.push({ id: `open:${cal.id}`, label: `Until next ${cal.name} open`, endsAt: open });
    }
  }
  return out;
}

/** Calendars of the venues a silence pins with an equality matcher (the ones its presets should offer first). */
export function calendarsForMatchers(matchers: AmMatcher[], venueCalendars: Record<string, string>): string[] {
  return matchers.filter((m) => m.name === 'venue' && m.isEqual && !m.isRegex && venueCalendars[m.value]).map((m) => venueCalendars[m.value]);
}

/**
 * The always-firing heartbeat (provisioning's rules/watchdog.yml). It reaches the alert journal only while it is not
 * silenced; once it stops arriving the journal pages VigilWatchdogMissing (critical) within its --watchdog.timeout.
 */
export const HEARTBEAT_ALERTNAME = 'Watchdog';

/** Why a silence must not match the heartbeat (it matches it now, or names it), or undefined. */
export function heartbeatProblem(matchers: AmMatcher[], matchedNow: AmAlert[]): string | undefined {
  const names = matchers.some((m) => m.name === 'alertname' && m.isEqual && !m.isRegex && m.value === HEARTBEAT_ALERTNAME);
  if (!names && !matchedNow.some((a) => a.labels.alertname === HEARTBEAT_ALERTNAME)) {
    return undefined;
  }
  return `matches ${HEARTBEAT_ALERTNAME}, the always-firing heartbeat: silenced, it stops reaching the alert journal, which then pages VigilWatchdogMissing (critical) within minutes. Add alertname!=${HEARTBEAT_ALERTNAME}`;
}

export function alertsMatched(matchers: AmMatcher[], alerts: AmAlert[]): AmAlert[] {
  return matchers.length === 0 ? [] : alerts.filter((a) => matchesAll(matchers, a.labels));
}

export interface SilenceReview {
  expiringSoon: AmSilence[];
  matchingNothing: AmSilence[];
  tooLong: AmSilence[];
}

export function reviewSilences(silences: AmSilence[], alerts: AmAlert[], now: number, opts: { soonMs: number; maxMs: number }): SilenceReview {
  const live = silences.filter((s) => s.status.state !== 'expired');
  return {
    expiringSoon: live.filter((s) => s.status.state === 'active' && Date.parse(s.endsAt) - now <= opts.soonMs).sort((a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt)),
    matchingNothing: live.filter((s) => s.status.state === 'active' && alertsMatched(s.matchers, alerts).length === 0),
    tooLong: live.filter((s) => Date.parse(s.endsAt) - Date.parse(s.startsAt) > opts.maxMs),
  };
}

export interface SilenceDraft {
  id?: string;
  matchers: AmMatcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
}

/** Problems of a draft, each naming its field; the same checks Alertmanager makes plus the desk's maximum. */
export function draftProblems(d: SilenceDraft, now: number, maxMs: number): Record<string, string> {
  const out: Record<string, string> = {};
  if (d.matchers.length === 0) {
    out.matchers = 'at least one matcher: a silence without one would mute every alert';
  } else if (d.matchers.every((m) => m.value === '' || (m.isRegex && /^\.\*$/.test(m.value)))) {
    out.matchers = 'every matcher matches anything: name at least one label value';
  }
  if (!(d.endsAt > d.startsAt)) {
    out.endsAt = 'the end must be after the start';
  } else if (d.endsAt <= now) {
    out.endsAt = 'the end is in the past';
  } else if (d.endsAt - d.startsAt > maxMs) {
    out.endsAt = `longer than the configured maximum of ${Math.round(maxMs / HOUR)} hours`;
  }
  if (!d.createdBy.trim()) {
    out.createdBy = 'who is silencing is required';
  }
  if (!d.comment.trim()) {
    out.comment = 'say why (a ticket, a maintenance window)';
  }
  return out;
}

/** The body Alertmanager's POST /api/v2/silences takes (with id: an update of that silence). */
export function silenceBody(d: SilenceDraft) {
  return {
    ...(d.id ? { id: d.id } : {}),
    matchers: d.matchers,
    startsAt: new Date(d.startsAt).toISOString(),
    endsAt: new Date(d.endsAt).toISOString(),
    createdBy: d.createdBy,
    comment: d.comment,
  };
}
