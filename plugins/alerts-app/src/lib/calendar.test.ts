import type { MarketCalendar } from '../types';
import { DEFAULT_CALENDARS, calendarProblems, isSessionOpen, nextSessionOpen, zonedToUtc } from './calendar';

const fx = DEFAULT_CALENDARS.find((c) => c.id === 'fx')!;
const crypto = DEFAULT_CALENDARS.find((c) => c.id === 'crypto')!;
const nyse: MarketCalendar = {
  id: 'nyse',
  name: 'NYSE',
  timezone: 'America/New_York',
  sessions: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'].map((d) => ({ open: `${d} 09:30`, close: `${d} 16:00` })),
  holidays: ['2026-11-26'],
};
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

describe('next session open', () => {
  it('FX: after the Friday close, Sunday 17:00 New York (EST in November, EDT in March)', () => {
    expect(iso(nextSessionOpen(fx, Date.parse('2026-11-20T22:30:00Z')))).toBe('2026-11-22T22:00:00.000Z');
    // The US DST start is Sunday 2026-03-08 02:00: that Sunday's 17:00 is EDT (UTC-4).
    expect(iso(nextSessionOpen(fx, Date.parse('2026-03-06T22:30:00Z')))).toBe('2026-03-08T21:00:00.000Z');
    // The DST end is Sunday 2026-11-01: 17:00 that day is EST (UTC-5).
    expect(iso(nextSessionOpen(fx, Date.parse('2026-10-30T21:30:00Z')))).toBe('2026-11-01T22:00:00.000Z');
  });

  it('FX while open: the next open is next Sunday; the market is open midweek and closed on Saturday', () => {
    const wednesday = Date.parse('2026-11-18T12:00:00Z');
    expect(iso(nextSessionOpen(fx, wednesday))).toBe('2026-11-22T22:00:00.000Z');
    expect(isSessionOpen(fx, wednesday)).toBe(true);
    expect(isSessionOpen(fx, Date.parse('2026-11-21T12:00:00Z'))).toBe(false);
  });

  it('crypto trades 24/7: there is no next open', () => {
    expect(nextSessionOpen(crypto, Date.now())).toBeNull();
    expect(isSessionOpen(crypto, Date.now())).toBe(true);
  });

  it('equities: overnight to 09:30, over the weekend to Monday, holidays skipped', () => {
    expect(iso(nextSessionOpen(nyse, Date.parse('2026-11-17T22:00:00Z')))).toBe('2026-11-18T14:30:00.000Z');
    expect(iso(nextSessionOpen(nyse, Date.parse('2026-11-20T22:00:00Z')))).toBe('2026-11-23T14:30:00.000Z');
    // Wednesday evening before Thanksgiving (2026-11-26): the next open is Friday.
    expect(iso(nextSessionOpen(nyse, Date.parse('2026-11-25T22:00:00Z')))).toBe('2026-11-27T14:30:00.000Z');
  });

  it('a wall-clock time inside a DST gap moves forward by the jump; an ambiguous one is the earlier instant', () => {
    // 2026-03-08 02:30 does not exist in New York (01:59 EST -> 03:00 EDT): it becomes 03:30 EDT.
    expect(iso(zonedToUtc('America/New_York', 2026, 3, 8, 150))).toBe('2026-03-08T07:30:00.000Z');
    // 2026-11-01 01:30 happens twice; the first is EDT (05:30 UTC).
    expect(iso(zonedToUtc('America/New_York', 2026, 11, 1, 90))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(zonedToUtc('Europe/London', 2026, 7, 1, 8 * 60))).toBe('2026-07-01T07:00:00.000Z');
  });

  it('validation names the field', () => {
    const bad: MarketCalendar = { id: 'X Y', name: '', timezone: 'Mars/Base', sessions: [{ open: 'Mon 9:30', close: 'Mon 16:00' }], holidays: ['26/11/2026'] };
    expect(calendarProblems(bad, 2).map((p) => p.field)).toEqual(['calendars[2].id', 'calendars[2].name', 'calendars[2].timezone', 'calendars[2].sessions[0].open', 'calendars[2].holidays[0]']);
    expect(calendarProblems(fx, 0)).toEqual([]);
  });
});
