import { accessOf } from './access';
import { moneyAtStake, tradingScope } from './money';
import { resolveSettings, settingsProblems } from './settings';
import { ALERTS_STATE, HISTORY_STATE, cursorStack, formatGrouping, parseGrouping, readState, writeState } from './urlState';

describe('role gating', () => {
  it('uses the RBAC permissions Grafana sends, else the organisation role', () => {
    expect(accessOf({ orgRole: 'Viewer' })).toEqual({ read: true, ack: false, silence: false, configure: false });
    expect(accessOf({ orgRole: 'Editor' })).toEqual({ read: true, ack: true, silence: true, configure: false });
    expect(accessOf({ orgRole: 'Admin' })).toEqual({ read: true, ack: true, silence: true, configure: true });
    expect(accessOf({ orgRole: 'None' })).toEqual({ read: false, ack: false, silence: false, configure: false });
    expect(accessOf(undefined).read).toBe(false);
    // A Viewer given the ack role through RBAC may acknowledge but still not silence.
    expect(accessOf({ orgRole: 'Viewer', permissions: { 'vigil-alerts-app.alerts:read': true, 'vigil-alerts-app.alerts:ack': true } })).toEqual({ read: true, ack: true, silence: false, configure: false });
    // Permissions without any of the app's actions (roles not registered): the role decides.
    expect(accessOf({ orgRole: 'Editor', permissions: { 'dashboards:read': true } }).silence).toBe(true);
  });
});

describe('URL state', () => {
  it('round-trips, leaving defaults out and other parameters alone', () => {
    const state = { ...ALERTS_STATE, q: 'severity=critical venue=~"binance|okx"', group: 'label:venue', alert: 'abc123' };
    const params = writeState(state, ALERTS_STATE, new URLSearchParams('orgId=1&show=all'));
    expect(params.get('orgId')).toBe('1');
    expect(params.has('show')).toBe(false);
    expect(readState(new URLSearchParams(params.toString()), ALERTS_STATE)).toEqual(state);
    const h = { ...HISTORY_STATE, alertname: 'VenueDown', from: 'now-30d', cursors: '120,80', heat: 'VenueDown', tz: 'Europe/London' };
    expect(readState(writeState(h, HISTORY_STATE), HISTORY_STATE)).toEqual(h);
    expect(cursorStack('120,80,x')).toEqual(['120', '80']);
    expect(parseGrouping(formatGrouping({ by: 'label', label: 'venue' }))).toEqual({ by: 'label', label: 'venue' });
    expect(parseGrouping('label:bad-name')).toEqual({ by: 'alertmanager' });
  });
});

describe('money at stake', () => {
  const samples = {
    notional: [
      { metric: { venue: 'binance', symbol: 'BTCUSDT', strategy: 'mm', account: 'a1' }, value: 50000 },
      { metric: { venue: 'binance', symbol: 'ETHUSDT', strategy: 'mm', account: 'a1' }, value: -20000 },
      { metric: { venue: 'okx', symbol: 'BTCUSDT', strategy: 'mm', account: 'a1' }, value: 10000 },
    ],
    unrealizedPnl: [{ metric: { venue: 'binance', symbol: 'BTCUSDT', strategy: 'mm', account: 'a1' }, value: -1200 }],
    realizedPnl: [],
  };
  it("sums the series the alert's trading labels select", () => {
    expect(moneyAtStake({ alertname: 'VenueDown', venue: 'binance' }, samples)).toEqual({ scope: { venue: 'binance' }, notional: 30000, unrealizedPnl: -1200, realizedPnl: null, positions: 2 });
    expect(moneyAtStake({ alertname: 'X', symbol: 'BTCUSDT' }, samples)?.notional).toBe(60000);
    expect(moneyAtStake({ alertname: 'HostDown', instance: 'h1' }, samples)).toBeNull();
    expect(tradingScope({ venue: '' })).toBeNull();
  });
});

describe('settings validation', () => {
  it('names each bad field', () => {
    const s = resolveSettings({ journalUrl: 'ftp://x', alertmanagers: [{ name: 'a', url: 'http://am:9093' }, { name: 'a', url: 'nope' }], maxSilenceHours: 0, venueCalendars: { binance: 'nyse' } });
    expect(settingsProblems(s, '', false)).toEqual({
      journalUrl: 'must start with http:// or https://',
      journalApiKey: expect.stringMatching(/required/),
      'alertmanagers[1].name': '"a" is used twice',
      'alertmanagers[1].url': expect.stringMatching(/not a URL/),
      'venueCalendars.binance': 'no calendar with id "nyse"',
      maxSilenceHours: expect.stringMatching(/between 1 and 2160/),
    });
    // A venue line without "=" (the configuration page said: no calendar with id "undefined").
    const noId = resolveSettings({ journalUrl: 'http://127.0.0.1:8009', alertmanagers: [{ name: 'main', url: 'http://127.0.0.1:9093' }], venueCalendars: { binance: '' } });
    expect(settingsProblems(noId, '', true)).toEqual({ 'venueCalendars.binance': 'expected one "venue=calendar id" per line, e.g. binance=crypto' });
    const good = resolveSettings({ journalUrl: 'http://127.0.0.1:8009', alertmanagers: [{ name: 'main', url: 'http://127.0.0.1:9093' }] });
    expect(settingsProblems(good, '', true)).toEqual({});
    expect(good.calendars.map((c) => c.id)).toEqual(['fx', 'crypto']);
  });
});
