import type { AmAlert, AmAlertGroup } from '../types';
import { fingerprintLookup, groupAlerts, mergeAlertGroups, stateOf } from './alerts';

const alert = (fp: string, labels: Record<string, string>, p: Partial<AmAlert> = {}): AmAlert => ({
  fingerprint: fp,
  labels,
  annotations: {},
  startsAt: '2026-11-20T10:00:00Z',
  status: { state: 'active', silencedBy: [], inhibitedBy: [] },
  ...p,
});
const group = (labels: Record<string, string>, alerts: AmAlert[], receiver = 'journal'): AmAlertGroup => ({ labels, receiver: { name: receiver }, alerts });

describe('merging Alertmanagers', () => {
  it('keeps one alert per fingerprint with the sources, the earliest start and the union of suppressions', () => {
    const a1 = alert('f1', { alertname: 'VenueDown', venue: 'binance', severity: 'critical' }, { status: { state: 'suppressed', silencedBy: ['s1'], inhibitedBy: [] } });
    const a1b = alert('f1', a1.labels, { startsAt: '2026-11-20T09:59:00Z', status: { state: 'suppressed', silencedBy: ['s2'], inhibitedBy: [] } });
    const a2 = alert('f2', { alertname: 'RejectsHigh', venue: 'okx', severity: 'warning' });
    const { alerts, groups } = mergeAlertGroups([
      { source: 'am-a', groups: [group({ alertname: 'VenueDown' }, [a1]), group({ alertname: 'RejectsHigh' }, [a2])] },
      { source: 'am-b', groups: [group({ alertname: 'VenueDown' }, [a1b])] },
    ]);
    expect(alerts.map((a) => a.fingerprint)).toEqual(['f1', 'f2']);
    expect(alerts[0].sources).toEqual(['am-a', 'am-b']);
    expect(alerts[0].startsAt).toBe('2026-11-20T09:59:00Z');
    expect(alerts[0].status.silencedBy).toEqual(['s1', 's2']);
    expect(stateOf(alerts[0])).toBe('silenced');
    expect(groups.size).toBe(2);
  });

  it('an alert active on any Alertmanager is firing: a silence one replica lacks does not mute it', () => {
    const muted = alert('f1', { alertname: 'X' }, { status: { state: 'suppressed', silencedBy: ['s1'], inhibitedBy: [] } });
    const live = alert('f1', { alertname: 'X' });
    const { alerts } = mergeAlertGroups([
      { source: 'a', groups: [group({}, [muted])] },
      { source: 'b', groups: [group({}, [live])] },
    ]);
    expect(stateOf(alerts[0])).toBe('firing');
    expect(stateOf(alert('i', {}, { status: { state: 'suppressed', silencedBy: [], inhibitedBy: ['f9'] } }))).toBe('inhibited');
  });
});

describe('grouping', () => {
  const { alerts, groups } = mergeAlertGroups([
    {
      source: 'a',
      groups: [
        group({ alertname: 'VenueDown' }, [alert('f1', { alertname: 'VenueDown', venue: 'binance', severity: 'warning' }), alert('f2', { alertname: 'VenueDown', venue: 'okx', severity: 'critical' })]),
        group({ alertname: 'HostDown' }, [alert('f3', { alertname: 'HostDown', severity: 'info' })]),
      ],
    },
  ]);
  it("by Alertmanager's groups, most severe group first", () => {
    const g = groupAlerts(alerts, { by: 'alertmanager' }, groups);
    expect(g.map((x) => [x.title, x.alerts.map((a) => a.fingerprint)])).toEqual([
      ['alertname=VenueDown', ['f2', 'f1']],
      ['alertname=HostDown', ['f3']],
    ]);
    expect(g[0].receiver).toBe('journal');
  });
  it('by a label, alerts without it together', () => {
    const g = groupAlerts(alerts, { by: 'label', label: 'venue' }, groups);
    expect(g.map((x) => x.title)).toEqual(['venue=okx', 'venue=binance', '(no venue)']);
  });
});

describe('fingerprint lookup', () => {
  it('finds an alert by fingerprint, from the list as it was when the lookup was made', () => {
    const list = [alert('f1', { alertname: 'A' }), alert('f2', { alertname: 'B' })];
    const alertOf = fingerprintLookup(list);
    expect(alertOf('f2')?.labels.alertname).toBe('B');
    expect(alertOf('nope')).toBeUndefined();
    expect(fingerprintLookup([])('f1')).toBeUndefined();
  });
});
