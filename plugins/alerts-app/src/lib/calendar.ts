// Market calendars: when does the market this alert is about open next? A silence "until the next session
// open" covers a weekend close or a night without a date picker. Times are wall-clock in the calendar's zone,
// so a DST change moves the UTC instant, not the local open.
import type { MarketCalendar } from '../types';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_MS = 86_400_000;

export const DEFAULT_CALENDARS: MarketCalendar[] = [
  // Spot FX trades 24/5: the week opens Sunday 17:00 New York (Sydney/Wellington morning) and closes Friday 17:00.
  { id: 'fx', name: 'FX (24/5, New York 17:00 roll)', timezone: 'America/New_York', sessions: [{ open: 'Sun 17:00', close: 'Fri 17:00' }] },
  { id: 'crypto', name: 'Crypto (24/7)', timezone: 'UTC', alwaysOpen: true, sessions: [] },
];

export interface LocalTime {
  day: number; // 0 = Sunday
  minutes: number;
}

export function parseSessionTime(text: string): LocalTime | null {
  const m = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) ([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? { day: DAYS.indexOf(m[1]), minutes: Number(m[2]) * 60 + Number(m[3]) } : null;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function partsIn(tz: string, ms: number): Parts {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' });
    formatters.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute), weekday: DAYS.indexOf(p.weekday) };
}

/** Offset of the zone from UTC at an instant, in ms. */
function offsetAt(tz: string, ms: number): number {
  const p = partsIn(tz, ms);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return asUtc - Math.floor(ms / 60_000) * 60_000;
}

/**
 * The UTC instant of a local wall-clock time. As Temporal's "compatible" disambiguation: a time skipped by a
 * DST jump (02:30 on a spring-forward night) moves forward by the jump (03:30); an ambiguous one (autumn) is
 * the earlier of the two.
 */
export function zonedToUtc(tz: string, year: number, month: number, day: number, minutes: number): number {
  const wall = Date.UTC(year, month - 1, day, Math.floor(minutes / 60), minutes % 60);
  const first = wall - offsetAt(tz, wall);
  const second = wall - offsetAt(tz, first);
  const candidates = [first, second].filter((t) => {
    const p = partsIn(tz, t);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === wall;
  });
  if (candidates.length) {
    return Math.min(...candidates);
  }
  // In the gap: shifted forward by the size of the jump.
  return Math.max(first, second);
}

function localDate(p: Pick<Parts, 'year' | 'month' | 'day'>): string {
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The next instant strictly after `now` at which a session of the calendar opens; null for a 24/7 market. */
export function nextSessionOpen(cal: MarketCalendar, now: number): number | null {
  if (cal.alwaysOpen) {
    return null;
  }
  const opens = cal.sessions.map((s) => parseSessionTime(s.open)).filter((x): x is LocalTime => x !== null);
  if (opens.length === 0) {
    return null;
  }
  const holidays = new Set(cal.holidays ?? []);
  const today = partsIn(cal.timezone, now);
  // Walk local calendar days; 8 days finds any weekly open, holidays can push it further (bounded at ~2 months).
  for (let d = 0; d < 60; d++) {
    const noon = Date.UTC(today.year, today.month - 1, today.day + d, 12);
    const date = new Date(noon);
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    if (holidays.has(localDate({ year: y, month: m, day }))) {
      continue;
    }
    const weekday = date.getUTCDay();
    const candidates = opens
      .filter((o) => o.day === weekday)
      .map((o) => zonedToUtc(cal.timezone, y, m, day, o.minutes))
      .filter((t) => t > now)
      .sort((a, b) => a - b);
    if (candidates.length) {
      return candidates[0];
    }
  }
  return null;
}

/** Whether the market is in a session at `now` (24/7 markets always are). */
export function isSessionOpen(cal: MarketCalendar, now: number): boolean {
  if (cal.alwaysOpen) {
    return true;
  }
  const p = partsIn(cal.timezone, now);
  const weekMinute = p.weekday * 1440 + p.hour * 60 + p.minute;
  return cal.sessions.some((s) => {
    const o = parseSessionTime(s.open);
    const c = parseSessionTime(s.close);
    if (!o || !c) {
      return false;
    }
    const open = o.day * 1440 + o.minutes;
    const close = c.day * 1440 + c.minutes;
    // A session may wrap past Saturday night (Sun 17:00 .. Fri 17:00 does not; Fri 22:00 .. Mon 01:00 would).
    return open <= close ? weekMinute >= open && weekMinute < close : weekMinute >= open || weekMinute < close;
  });
}

/** Problems of one calendar, each naming its field, for the configuration page. */
export function calendarProblems(cal: MarketCalendar, index: number): Array<{ field: string; message: string }> {
  const at = `calendars[${index}]`;
  const out: Array<{ field: string; message: string }> = [];
  if (!/^[a-z0-9][a-z0-9_-]{0,40}$/.test(cal.id ?? '')) {
    out.push({ field: `${at}.id`, message: 'lower-case letters, digits, - and _ (e.g. "fx", "nyse")' });
  }
  if (!cal.name?.trim()) {
    out.push({ field: `${at}.name`, message: 'a name is required' });
  }
  if (!isValidTimeZone(cal.timezone ?? '')) {
    out.push({ field: `${at}.timezone`, message: `unknown IANA time zone "${cal.timezone}" (e.g. America/New_York)` });
  }
  if (!cal.alwaysOpen) {
    if (!cal.sessions?.length) {
      out.push({ field: `${at}.sessions`, message: 'at least one session, or mark the market 24/7' });
    }
    (cal.sessions ?? []).forEach((s, i) => {
      for (const k of ['open', 'close'] as const) {
        if (!parseSessionTime(s[k] ?? '')) {
          out.push({ field: `${at}.sessions[${i}].${k}`, message: `expected "Mon 09:30" style, got "${s[k] ?? ''}"` });
        }
      }
    });
  }
  (cal.holidays ?? []).forEach((h, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h) || Number.isNaN(Date.parse(`${h}T00:00:00Z`))) {
      out.push({ field: `${at}.holidays[${i}]`, message: `expected YYYY-MM-DD, got "${h}"` });
    }
  });
  return out;
}

export const HOUR_MS = 3_600_000;
export { DAY_MS };
