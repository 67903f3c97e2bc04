import type { AmAlert, AmSilence } from '../types';
import { DEFAULT_CALENDARS } from './calendar';
import { parseMatchers } from './matchers';
import { alertsMatched, calendarsForMatchers, draftProblems, durationPresets, reviewSilences, silenceBody } from './silences';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-20T22:30:00Z'); // Friday, after the FX close
const alert = (fp: string, labels: Record<string, string>): AmAlert => ({ fingerprint: fp, labels, annotations: {}, startsAt: '2026-11-20T20:00:00Z', status: { state: 'active', silencedBy: [], inhibitedBy: [] } });
const silence = (id: string, matchers: string, startsAt: number, endsAt: number, state: AmSilence['status']['state'] = 'active'): AmSilence => ({
  id, matchers: parseMatchers(matchers), startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString(), createdBy: 'ana', comment: 'c', status: { state },
});
const alerts = [alert('a', { alertname: 'VenueDown', venue: 'binance' }), alert('b', { alertname: 'VenueDown', venue: 'okx' }), alert('c', { alertname: 'RejectsHigh', venue: 'binance' })];

describe('silence preview and review', () => {
  it('previews the alerts a silence matches now', () => {
    expect(alertsMatched(parseMatchers('alertname=VenueDown venue=~"binance|kraken"'), alerts).map((a) => a.fingerprint)).toEqual(['a']);
    expect(alertsMatched([], alerts)).toEqual([]);
  });

  it('lists silences expiring soon, matching nothing and longer than the maximum', () => {
    const r = reviewSilences(
      [
        silence('soon', 'venue=binance', NOW - HOUR, NOW + 10 * 60_000),
        silence('idle', 'venue=kraken', NOW - HOUR, NOW + 5 * HOUR),
        silence('long', 'alertname=VenueDown', NOW - HOUR, NOW + 30 * 24 * HOUR),
        silence('gone', 'venue=kraken', NOW - 5 * HOUR, NOW - HOUR, 'expired'),
      ],
      alerts,
      NOW,
      { soonMs: HOUR, maxMs: 72 * HOUR }
    );
    expect(r.expiringSoon.map((s) => s.id)).toEqual(['soon']);
    expect(r.matchingNothing.map((s) => s.id)).toEqual(['idle']);
    expect(r.tooLong.map((s) => s.id)).toEqual(['long']);
  });
});

describe('durations', () => {
  it('offers fixed presets and "until next open" for calendars that close, the venue\'s first', () => {
    const p = durationPresets(NOW, DEFAULT_CALENDARS, ['fx']);
    expect(p.map((x) => x.id)).toEqual(['30m', '1h', '4h', '12h', '1d', 'open:fx']);
    expect(new Date(p[5].endsAt).toISOString()).toBe('2026-11-22T22:00:00.000Z');
    expect(calendarsForMatchers(parseMatchers('venue=eurusd-lp venue=~"x"'), { 'eurusd-lp': 'fx' })).toEqual(['fx']);
  });

  it('draft problems name the field', () => {
    const ok = { matchers: parseMatchers('alertname=X'), startsAt: NOW, endsAt: NOW + HOUR, createdBy: 'ana', comment: 'maintenance' };
    expect(draftProblems(ok, NOW, 72 * HOUR)).toEqual({});
    expect(Object.keys(draftProblems({ ...ok, matchers: [], createdBy: ' ', comment: '' }, NOW, 72 * HOUR))).toEqual(['matchers', 'createdBy', 'comment']);
    expect(draftProblems({ ...ok, matchers: parseMatchers('alertname=~".*"') }, NOW, 72 * HOUR).matchers).toMatch(/matches anything/);
    expect(draftProblems({ ...ok, endsAt: NOW + 100 * HOUR }, NOW, 72 * HOUR).endsAt).toMatch(/maximum of 72 hours/);
    expect(draftProblems({ ...ok, endsAt: NOW - 1, startsAt: NOW - HOUR }, NOW, 72 * HOUR).endsAt).toMatch(/past/);
    expect(silenceBody({ ...ok, id: 'abc' })).toMatchObject({ id: 'abc', startsAt: '2026-11-20T22:30:00.000Z' });
  });
});
