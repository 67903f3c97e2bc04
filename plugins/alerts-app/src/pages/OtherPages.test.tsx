import React from 'react';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import SilencesPage from './SilencesPage';
import HistoryPage from './HistoryPage';
import AppConfig from '../components/config/AppConfig';
import { answer, bootUser, resetBackend } from '../test/fakeBackend';
import { healthyBackend } from '../test/fixtures';
import { SETTINGS, renderPage } from '../test/render';
import { testIds } from '../testIds';

jest.setTimeout(20_000);

beforeEach(() => {
  resetBackend();
  healthyBackend();
});

describe('Silences page', () => {
  it('lists active silences; a Viewer gets neither New, Edit nor Expire', async () => {
    bootUser.orgRole = 'Viewer';
    renderPage(<SilencesPage />, '/silences');
    expect(await screen.findByTestId(testIds.silences.row('s-1'))).toHaveTextContent('okx maintenance');
    expect(screen.queryByTestId(testIds.silences.newButton)).toBeNull();
    expect(screen.queryByTestId(testIds.silences.expireButton('s-1'))).toBeNull();
  });

  it('the editor previews alerts matched now and the journal backtest, then creates the silence in Alertmanager', async () => {
    let backtestBody: unknown;
    let created: Record<string, unknown> | undefined;
    answer('POST', 'journal/silences/backtest', (req) => {
      backtestBody = req.data;
      return { data: { from: '', to: '', matched_occurrences: 5, matched_alerts: 2, firing_seconds: 7200, by_alertname: [{ alertname: 'VenueDown', occurrences: 5 }], occurrences: [], truncated: false } };
    });
    answer('POST', 'alertmanager/0/silences', (req) => {
      created = req.data as Record<string, unknown>;
      return { data: { silenceID: 'new-1' } };
    });
    renderPage(<SilencesPage />, '/silences?edit=new&matchers=alertname%3DVenueDown');
    await waitFor(() => expect(screen.getByTestId(testIds.editor.previewNow)).toHaveTextContent('Matches now: 1 alert'));
    await waitFor(() => expect(screen.getByTestId(testIds.editor.backtest)).toHaveTextContent('Last 7 days: 5 episodes of 2 alerts, 2h firing'));
    expect(backtestBody).toEqual({ matchers: [{ name: 'alertname', value: 'VenueDown', isRegex: false, isEqual: true }], sample: 20 });
    expect(screen.getByTestId(testIds.editor.preset('open:fx'))).toBeInTheDocument();
    await act(async () => {
      fireEvent.click(screen.getByTestId(testIds.editor.submit));
    });
    expect(screen.getByTestId(testIds.editor.problem('comment'))).toBeInTheDocument();
    expect(created).toBeUndefined();
    fireEvent.change(screen.getByTestId(testIds.editor.comment), { target: { value: 'venue failover' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId(testIds.editor.submit));
    });
    expect(created).toMatchObject({ createdBy: 'ana', comment: 'venue failover', matchers: [{ name: 'alertname', value: 'VenueDown' }] });
  });

  it('refuses a silence that matches the Watchdog heartbeat, by name or by the alerts it matches now', async () => {
    let posted = 0;
    answer('POST', 'alertmanager/0/silences', () => {
      posted += 1;
      return { data: { silenceID: 'new-1' } };
    });
    const watchdog = { fingerprint: 'dd04', labels: { alertname: 'Watchdog', severity: 'info', team: 'infrastructure' }, annotations: {}, startsAt: '2026-11-20T10:00:00.000Z', status: { state: 'active', silencedBy: [], inhibitedBy: [] } };
    answer('GET', 'alertmanager/0/alerts/groups', { data: [{ labels: { alertname: 'Watchdog' }, receiver: { name: 'journal' }, alerts: [watchdog] }] });
    answer('GET', 'alertmanager/1/alerts/groups', { data: [] });
    for (const matchers of ['alertname%3DWatchdog', 'team%3Dinfrastructure']) {
      const view = renderPage(<SilencesPage />, `/silences?edit=new&matchers=${matchers}`);
      await waitFor(() => expect(screen.getByTestId(testIds.editor.previewNow)).toHaveTextContent('Matches now: 1 alert'));
      expect(screen.getByTestId(testIds.editor.problem('matchers'))).toHaveTextContent('VigilWatchdogMissing');
      fireEvent.change(screen.getByTestId(testIds.editor.comment), { target: { value: 'maintenance' } });
      await act(async () => {
        fireEvent.click(screen.getByTestId(testIds.editor.submit));
      });
      view.unmount();
    }
    expect(posted).toBe(0);
    // Excluding the heartbeat is enough.
    renderPage(<SilencesPage />, '/silences?edit=new&matchers=team%3Dinfrastructure+alertname%21%3DWatchdog');
    await waitFor(() => expect(screen.getByTestId(testIds.editor.previewNow)).toHaveTextContent('Matches now: 0 alerts'));
    expect(screen.queryByTestId(testIds.editor.problem('matchers'))).toBeNull();
  });

  it('journal down: the backtest says so and the editor still works', async () => {
    answer('POST', 'journal/silences/backtest', { status: 504 });
    renderPage(<SilencesPage />, '/silences?edit=new&matchers=alertname%3DVenueDown');
    expect(await screen.findByTestId(testIds.sourceError('Alert journal'))).toHaveTextContent('did not answer');
    expect(screen.getByTestId(testIds.editor.previewNow)).toHaveTextContent('Matches now: 1 alert');
  });

  it('an Alertmanager that does not answer: its silences and alerts are said to be unknown, not absent', async () => {
    for (const slot of [0, 1]) {
      answer('GET', `alertmanager/${slot}/alerts/groups`, { status: 504 });
      answer('GET', `alertmanager/${slot}/silences`, { status: 504 });
    }
    const view = renderPage(<SilencesPage />, '/silences?edit=new&matchers=alertname%3DVenueDown');
    expect(await screen.findByTestId(testIds.silences.empty)).toHaveTextContent('Not known: no Alertmanager answered.');
    expect(screen.getByTestId(testIds.editor.previewNow)).toHaveTextContent('Matches now: not known, no Alertmanager answered');
    view.unmount();
    // One of two down: what the other one has, and which one is missing.
    resetBackend();
    healthyBackend();
    answer('GET', 'alertmanager/1/alerts/groups', { status: 504 });
    answer('GET', 'alertmanager/1/silences', { status: 504 });
    answer('GET', 'alertmanager/0/silences', { data: [] });
    renderPage(<SilencesPage />, '/silences?edit=new&matchers=alertname%3DVenueDown');
    expect(await screen.findByTestId(testIds.silences.empty)).toHaveTextContent('None from the Alertmanagers that answered (not Alertmanager "am-b").');
    expect(screen.getByTestId(testIds.editor.previewNow)).toHaveTextContent('Matches now: 1 alert (not counting Alertmanager "am-b", which did not answer)');
  });

  it('a duration preset longer than the configured maximum is shown but cannot be picked', async () => {
    renderPage(<SilencesPage />, '/silences?edit=new&matchers=alertname%3DVenueDown', { ...SETTINGS, maxSilenceHours: 2 });
    await screen.findByTestId(testIds.editor.form);
    expect(screen.getByTestId(testIds.editor.preset('1h'))).toBeEnabled();
    expect(screen.getByTestId(testIds.editor.preset('4h'))).toBeDisabled();
    expect(screen.getByTestId(testIds.editor.preset('4h'))).toHaveAttribute('title', expect.stringContaining('longer than the 2 hours maximum'));
  });

  it('review lists the silence matching no alert', async () => {
    answer('GET', 'alertmanager/0/silences', { data: [{ id: 's-9', matchers: [{ name: 'venue', value: 'kraken', isRegex: false, isEqual: true }], startsAt: '2026-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z', createdBy: 'x', comment: 'old', status: { state: 'active' } }] });
    answer('GET', 'alertmanager/1/silences', { data: [] });
    renderPage(<SilencesPage />, '/silences?tab=review');
    expect(await screen.findByTestId(testIds.silences.review('unused'))).toHaveTextContent('venue=kraken');
    expect(screen.getByTestId(testIds.silences.review('long'))).toHaveTextContent('venue=kraken');
  });
});

describe('History page', () => {
  const occ = { id: 7, fingerprint: 'aa01', alertname: 'VenueDown', severity: 'critical', service: 'x', venue: 'binance', status: 'resolved', starts_at: '2026-11-20T10:00:00Z', ends_at: '2026-11-20T10:20:00Z', duration_seconds: 1200, notifications: 2, labels: {}, annotations: {}, acknowledged: true, acknowledged_at: null, owner: 'ana', ticket: 'OPS-1', ack_comment: null };
  const stats = { from: '', to: '', total: { key: 'all', occurrences: 3, firing_seconds: 1, acknowledged: 1, resolved: 3, mean_time_to_acknowledge_seconds: 90, mean_time_to_resolve_seconds: 1200, flapping_score: 0.25 }, by_alertname: [{ key: 'VenueDown', occurrences: 3 }], noisiest: [{ alertname: 'VenueDown', occurrences: 3, firing_seconds: 1 }] };

  it('episodes with paging, stats, heat map and a CSV link carrying the filters', async () => {
    answer('GET', 'journal/alerts/history', (req) => ({ data: { occurrences: req.params?.cursor ? [] : [occ], next_cursor: req.params?.cursor ? null : '7' } }));
    answer('GET', 'journal/alerts/stats', { data: stats });
    answer('GET', 'journal/alerts/heatmap', { data: { alertname: 'VenueDown', timezone: 'UTC', from: '', to: '', firing_seconds: Array.from({ length: 7 }, (_, d) => Array.from({ length: 24 }, (_, h) => (d === 4 && h === 13 ? 600 : 0))), starts: Array.from({ length: 7 }, () => new Array(24).fill(0)) } });
    renderPage(<HistoryPage />, '/history?venue=binance&heat=VenueDown');
    expect(await screen.findByTestId(testIds.history.row(7))).toHaveTextContent('ana (OPS-1)');
    expect(screen.getByTestId(testIds.history.stats)).toHaveTextContent('MTTA1m');
    expect(screen.getByTestId(testIds.history.stats)).toHaveTextContent('Flapping25%');
    expect(await screen.findByTestId(testIds.history.heatCell(4, 13))).toHaveAttribute('title', 'Fri 13:00: 10m firing, 0 started');
    expect(screen.getByTestId(testIds.history.csv).getAttribute('href')).toMatch(/^\/api\/plugin-proxy\/vigil-alerts-app\/journal\/alerts\/history\.csv\?venue=binance&start_time=.*&limit=10000$/);
    fireEvent.click(screen.getByTestId(testIds.history.next));
    expect(await screen.findByTestId(testIds.history.empty)).toBeInTheDocument();
  });

  it('a still-firing episode shows how long it has fired so far, not a dash', async () => {
    const firing = { ...occ, id: 8, status: 'firing', ends_at: null, duration_seconds: null, starts_at: new Date(Date.now() - 25 * 60_000).toISOString() };
    answer('GET', 'journal/alerts/history', { data: { occurrences: [firing], next_cursor: null } });
    answer('GET', 'journal/alerts/stats', { data: stats });
    renderPage(<HistoryPage />, '/history');
    expect(await screen.findByTestId(testIds.history.row(8))).toHaveTextContent('25m so far');
    expect(screen.getByTestId(testIds.history.csv)).toHaveAttribute('title', expect.stringContaining('10,000'));
  });

  it('journal 401: named, with the hint about the API key', async () => {
    answer('GET', 'journal/alerts/history', { status: 401, data: { error: 'invalid API key' } });
    answer('GET', 'journal/alerts/stats', { status: 401, data: { error: 'invalid API key' } });
    renderPage(<HistoryPage />, '/history');
    const errs = await screen.findAllByTestId(testIds.sourceError('Alert journal'));
    expect(errs[0]).toHaveTextContent("invalid API keyCheck the journal's API key");
  });
});

describe('Configuration', () => {
  it('validates each field on save and posts settings with the key in secureJsonData only', async () => {
    let posted: Record<string, unknown> | undefined;
    const plugin = { meta: { id: 'vigil-alerts-app', jsonData: {}, secureJsonFields: {} } } as never;
    const { fetch } = jest.requireMock('@grafana/runtime').getBackendSrv();
    answer('POST', '/api/plugins/vigil-alerts-app/settings', (req) => {
      posted = req.data as Record<string, unknown>;
      return { data: {} };
    });
    expect(fetch).toBeDefined();
    renderPage(<AppConfig plugin={plugin} query={{}} />, '/plugins/vigil-alerts-app');
    fireEvent.change(screen.getByTestId(testIds.config.journalUrl), { target: { value: 'journal:8009' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId(testIds.config.submit));
    });
    expect(screen.getByTestId(testIds.config.error('journalUrl'))).toHaveTextContent('must start with http');
    expect(screen.getByTestId(testIds.config.error('journalApiKey'))).toHaveTextContent('required');
    expect(posted).toBeUndefined();
    // Calendars that are not JSON are named along with the other fields, not instead of them.
    const calendarsText = (screen.getByTestId(testIds.config.calendars) as HTMLTextAreaElement).value;
    fireEvent.change(screen.getByTestId(testIds.config.calendars), { target: { value: '[not json' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId(testIds.config.submit));
    });
    expect(screen.getByTestId(testIds.config.error('calendars'))).toHaveTextContent('not valid JSON');
    expect(screen.getByTestId(testIds.config.error('journalUrl'))).toHaveTextContent('must start with http');
    expect(posted).toBeUndefined();
    fireEvent.change(screen.getByTestId(testIds.config.calendars), { target: { value: calendarsText } });
    fireEvent.change(screen.getByTestId(testIds.config.journalUrl), { target: { value: 'http://journal:8009' } });
    fireEvent.change(screen.getByTestId(testIds.config.apiKey), { target: { value: 'k-123' } });
    fireEvent.click(screen.getByTestId(testIds.config.addAm));
    fireEvent.change(screen.getByTestId(testIds.config.amName(0)), { target: { value: 'main' } });
    fireEvent.change(screen.getByTestId(testIds.config.amUrl(0)), { target: { value: 'http://am:9093' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId(testIds.config.submit));
    });
    await waitFor(() => expect(screen.getByTestId(testIds.config.saved)).toBeInTheDocument());
    expect(posted?.secureJsonData).toEqual({ journalApiKey: 'k-123' });
    expect(JSON.stringify(posted?.jsonData)).not.toContain('k-123');
  });
});
