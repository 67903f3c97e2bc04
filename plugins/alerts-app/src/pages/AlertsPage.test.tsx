import React from 'react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { locationService } from '@grafana/runtime';
import AlertsPage from './AlertsPage';
import { startAlertGroupsEarly } from '../api/alertmanagers';
import { clearEarly } from '../api/earlyRequests';
import { useAlertGroupsEarly } from '../hooks/useAlertGroupsEarly';
import { resolveSettings } from '../lib/settings';
import { answer, bootUser, requests, resetBackend } from '../test/fakeBackend';
import { healthyBackend, hostDown } from '../test/fixtures';
import { SETTINGS, lastLocation, renderPage } from '../test/render';
import { testIds } from '../testIds';

jest.setTimeout(20_000);

beforeEach(() => {
  resetBackend();
  healthyBackend();
  clearEarly();
});

const AMS = resolveSettings(SETTINGS).alertmanagers;
const groupRequests = () => requests.filter((r) => r.url.endsWith('/alerts/groups')).map((r) => r.url.split('/')[4] + '/' + r.url.split('/')[5]);

describe('Alerts page', () => {
  it('lists each alert once across two Alertmanagers with its state, ack, weekly count and money at stake', async () => {
    renderPage(<AlertsPage />, '/alerts');
    const row = await screen.findByTestId(testIds.alerts.row('aa01'));
    expect(screen.getAllByTestId(testIds.alerts.row('aa01'))).toHaveLength(1);
    expect(within(row).getByTestId(testIds.alerts.state('aa01'))).toHaveTextContent('Firing');
    await waitFor(() => expect(screen.getByTestId(testIds.alerts.ack('aa01'))).toHaveTextContent('Acknowledged by carol'));
    expect(screen.getByTestId(testIds.alerts.ack('aa01'))).toHaveTextContent('OPS-9');
    expect(screen.getByTestId(testIds.alerts.fired('aa01'))).toHaveTextContent('fired 4× this week');
    await waitFor(() => expect(screen.getByTestId(testIds.alerts.money('aa01'))).toHaveTextContent('notional 125.0k'));
    // Silences, like the journal and Prometheus, are asked for once the list is painted.
    await waitFor(() => expect(screen.getByTestId(testIds.alerts.state('bb02'))).toHaveTextContent('Silenced by bob: “okx maintenance”'));
    expect(screen.getByTestId(testIds.alerts.state('cc03'))).toHaveTextContent('Inhibited by VenueDown (severity=critical, venue=binance, symbol=BTCUSDT)');
    // All four data sources went through the plugin proxy routes.
    expect(new Set(requests.map((r) => r.url.split('/')[4]))).toEqual(new Set(['alertmanager', 'journal', 'prometheus']));
  });

  it('a deep link restores filter and grouping; typing the filter writes it back to the URL', async () => {
    renderPage(<AlertsPage />, '/alerts?q=venue%3D~%22binance%7Cokx%22&group=label%3Avenue');
    // Until the list is painted the picker is a disabled input showing the grouping, then the Combobox.
    expect(screen.getByLabelText('Group by')).toBeDisabled();
    expect(screen.getByLabelText('Group by')).toHaveValue('Label: venue');
    await screen.findByTestId(testIds.alerts.row('aa01'));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Group by' })).toBeEnabled());
    expect(screen.getByRole('combobox', { name: 'Group by' })).toHaveValue('Label: venue');
    expect(screen.queryByTestId(testIds.alerts.row('cc03'))).toBeNull();
    expect(screen.getByTestId(testIds.alerts.group('venue=binance'))).toBeInTheDocument();
    expect(screen.getByTestId(testIds.alerts.group('venue=okx'))).toBeInTheDocument();
    fireEvent.change(screen.getByTestId(testIds.alerts.filter), { target: { value: 'severity=critical' } });
    expect(new URLSearchParams(lastLocation.search).get('q')).toBe('severity=critical');
    await waitFor(() => expect(screen.queryByTestId(testIds.alerts.row('bb02'))).toBeNull());
    fireEvent.change(screen.getByTestId(testIds.alerts.filter), { target: { value: 'severity=' } });
    expect(screen.getByTestId(testIds.alerts.completions)).toHaveTextContent('critical');
    fireEvent.change(screen.getByTestId(testIds.alerts.filter), { target: { value: 'venue=~"("' } });
    expect(screen.getByTestId(testIds.alerts.filterError)).toHaveTextContent('invalid regular expression for "venue"');
  });

  it('a long list renders one page of rows and more on "Show more"; a selected alert beyond it is rendered', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ ...hostDown, fingerprint: `f${String(i).padStart(3, '0')}`, labels: { ...hostDown.labels, instance: `h${i}` }, status: { state: 'active', silencedBy: [], inhibitedBy: [] } }));
    answer('GET', 'alertmanager/0/alerts/groups', { data: [{ labels: { alertname: 'HostDown' }, receiver: { name: 'journal' }, alerts: many }] });
    answer('GET', 'alertmanager/1/alerts/groups', { data: [] });
    renderPage(<AlertsPage />, '/alerts?alert=f100');
    await screen.findByTestId(testIds.alerts.row('f000'));
    expect(screen.getByTestId(testIds.alerts.row('f100'))).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.alerts.row('f101'))).toBeNull();
    expect(screen.getByText('(120)')).toBeInTheDocument();
    fireEvent.click(within(screen.getByTestId(testIds.alerts.more)).getByRole('button', { name: /Show more \(19 more alerts\)/ }));
    expect(screen.getByTestId(testIds.alerts.row('f119'))).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.alerts.more)).toBeNull();
  });

  it('the first paint renders the rows that fill the window (topped up when they fall short), the rest of the page after it', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ ...hostDown, fingerprint: `f${String(i).padStart(3, '0')}`, labels: { ...hostDown.labels, instance: `h${i}` }, status: { state: 'active', silencedBy: [], inhibitedBy: [] } }));
    answer('GET', 'alertmanager/0/alerts/groups', { data: [{ labels: { alertname: 'HostDown' }, receiver: { name: 'journal' }, alerts: many }] });
    answer('GET', 'alertmanager/1/alerts/groups', { data: [] });
    // A 400 px window; rows laid out 60 px high from the top (jsdom lays nothing out): the end of the list is
    // below its last row. Animation frames are held, so what the first paint would show can be looked at.
    const height = jest.replaceProperty(window, 'innerHeight', 400);
    const rows = () => document.querySelectorAll('[data-testid^="vigil-alerts-row-"]').length;
    const box = jest.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      const top = this.getAttribute('data-testid') === testIds.alerts.more ? rows() * 60 : 0;
      return { top, bottom: top + 40, height: 40, left: 0, right: 100, width: 100, x: 0, y: top, toJSON: () => ({}) } as DOMRect;
    });
    const frames: FrameRequestCallback[] = [];
    const raf = jest.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    try {
      renderPage(<AlertsPage />, '/alerts');
      await screen.findByTestId(testIds.alerts.row('f000'));
      // 400 px at 80 px a row: 5 rows; they end at 300 px, so 2 more (100 px) before the paint, ending at 420 px.
      expect(rows()).toBe(7);
      expect(screen.getByTestId(testIds.alerts.row('f006'))).toBeInTheDocument();
      await act(async () => {
        frames.splice(0).forEach((cb) => cb(performance.now()));
        await new Promise((r) => setTimeout(r, 10));
      });
      expect(rows()).toBe(25);
      expect(within(screen.getByTestId(testIds.alerts.more)).getByRole('button')).toHaveTextContent('Show more (95 more alerts)');
      // A new filter starts again from the window's rows.
      fireEvent.change(screen.getByTestId(testIds.alerts.filter), { target: { value: 'alertname=HostDown' } });
      await waitFor(() => expect(rows()).toBe(7));
    } finally {
      raf.mockRestore();
      box.mockRestore();
      height.restore();
    }
  });

  it('journal down: a warning naming it, and the alert list still works', async () => {
    answer('GET', 'journal/alerts/acks', { status: 502, data: { message: 'Bad Gateway' } });
    answer('GET', 'journal/alerts/firing-counts', { status: 502, data: { message: 'Bad Gateway' } });
    renderPage(<AlertsPage />, '/alerts');
    await screen.findByTestId(testIds.alerts.row('aa01'));
    expect(await screen.findByTestId(testIds.sourceError('Alert journal'))).toHaveTextContent('Alert journal is unreachable');
    expect(screen.getByTestId(testIds.alerts.row('aa01'))).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.alerts.ack('aa01'))).toBeNull();
  });

  it('one Alertmanager forbidden, Prometheus unauthorised: each named, the other Alertmanager still listed', async () => {
    answer('GET', 'alertmanager/1/alerts/groups', { status: 403, data: { message: 'plugin proxy route access denied' } });
    answer('GET', 'prometheus/query', { status: 401, data: { error: 'unauthorized' } });
    renderPage(<AlertsPage />, '/alerts');
    await screen.findByTestId(testIds.alerts.row('aa01'));
    expect(await screen.findByTestId(testIds.sourceError('Alertmanager "am-b"'))).toHaveTextContent('not allowed for your role (403)');
    expect(await screen.findByTestId(testIds.sourceError('Prometheus'))).toHaveTextContent('refused the credentials (401)');
    expect(screen.getByTestId(testIds.alerts.row('aa01'))).toBeInTheDocument();
  });

  it('loading, then empty', async () => {
    answer('GET', 'alertmanager/0/alerts/groups', { pending: true });
    const { unmount } = renderPage(<AlertsPage />, '/alerts');
    expect(screen.getByTestId(testIds.alerts.loading)).toBeInTheDocument();
    unmount();
    answer('GET', 'alertmanager/0/alerts/groups', { data: [] });
    answer('GET', 'alertmanager/1/alerts/groups', { data: [] });
    renderPage(<AlertsPage />, '/alerts');
    expect(await screen.findByTestId(testIds.alerts.empty)).toHaveTextContent('No alerts');
  });

  it('not configured: says so', async () => {
    renderPage(<AlertsPage />, '/alerts', { journalUrl: 'http://j' });
    expect(await screen.findByTestId(testIds.notConfigured)).toBeInTheDocument();
  });

  it('a Viewer sees no Acknowledge or Silence button; an Editor acknowledges through the journal', async () => {
    bootUser.orgRole = 'Viewer';
    const { unmount } = renderPage(<AlertsPage />, '/alerts');
    await screen.findByTestId(testIds.alerts.row('bb02'));
    expect(screen.queryByTestId(testIds.alerts.ackButton('bb02'))).toBeNull();
    expect(screen.queryByTestId(testIds.alerts.silenceButton('bb02'))).toBeNull();
    unmount();

    bootUser.orgRole = 'Editor';
    let body: unknown;
    answer('POST', 'journal/alerts/bb02/ack', (req) => {
      body = req.data;
      return { data: { occurrence: {}, silence_id: null } };
    });
    renderPage(<AlertsPage />, '/alerts');
    // Already acknowledged alerts offer no second ack (acks are asked for once the list is painted).
    await screen.findByTestId(testIds.alerts.row('aa01'));
    await screen.findByTestId(testIds.alerts.ack('aa01'));
    expect(screen.queryByTestId(testIds.alerts.ackButton('aa01'))).toBeNull();
    fireEvent.click(screen.getByTestId(testIds.alerts.ackButton('bb02')));
    fireEvent.change(screen.getByTestId(testIds.ackForm.comment), { target: { value: 'looking' } });
    fireEvent.click(screen.getByTestId(testIds.ackForm.mute));
    await act(async () => {
      fireEvent.click(screen.getByTestId(testIds.ackForm.submit));
    });
    expect(body).toEqual({ owner: 'ana', comment: 'looking', silence_until_resolved: true });
    await waitFor(() => expect(screen.queryByTestId(testIds.ackForm.form)).toBeNull());
  });

  it('an ack made here shows at once, with no second Acknowledge, while the journal is asked again', async () => {
    bootUser.orgRole = 'Editor';
    answer('POST', 'journal/alerts/bb02/ack', () => ({ data: { occurrence: { id: 7, owner: 'ana', ack_comment: 'on it' }, silence_id: null } }));
    renderPage(<AlertsPage />, '/alerts');
    const ackButton = await screen.findByTestId(testIds.alerts.ackButton('bb02'));
    await waitFor(() => expect(ackButton).toBeEnabled());
    answer('GET', 'journal/alerts/acks', { pending: true }); // the refresh after the ack does not answer
    fireEvent.click(ackButton);
    await act(async () => {
      fireEvent.click(screen.getByTestId(testIds.ackForm.submit));
    });
    await waitFor(() => expect(screen.getByTestId(testIds.alerts.ack('bb02'))).toHaveTextContent('Acknowledged by ana'));
    expect(screen.queryByTestId(testIds.alerts.ackButton('bb02'))).toBeNull();
  });

  it('Acknowledge waits for the journal: disabled until its acknowledgements have answered', async () => {
    answer('GET', 'journal/alerts/acks', { pending: true });
    renderPage(<AlertsPage />, '/alerts');
    const button = await screen.findByTestId(testIds.alerts.ackButton('aa01'));
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('title', 'Loading acknowledgements…');
    fireEvent.click(button);
    expect(screen.queryByTestId(testIds.ackForm.form)).toBeNull();
  });

  it('a refused ack shows the journal message in the form', async () => {
    answer('POST', 'journal/alerts/bb02/ack', { status: 409, data: { error: 'alert bb02 is already acknowledged by dan' } });
    renderPage(<AlertsPage />, '/alerts');
    const ackButton = await screen.findByTestId(testIds.alerts.ackButton('bb02'));
    await waitFor(() => expect(ackButton).toBeEnabled());
    fireEvent.click(ackButton);
    await act(async () => {
      fireEvent.click(screen.getByTestId(testIds.ackForm.submit));
    });
    expect(await screen.findByTestId(testIds.ackForm.error)).toHaveTextContent('already acknowledged by dan');
  });

  it('takes the alert groups request started early (as the route was taken): each Alertmanager is asked once', async () => {
    startAlertGroupsEarly(AMS);
    expect(groupRequests()).toEqual(['alertmanager/0', 'alertmanager/1']);
    renderPage(<AlertsPage />, '/alerts');
    expect(await screen.findByTestId(testIds.alerts.row('aa01'))).toBeInTheDocument();
    // The follow-up requests (silences, journal, Prometheus) went out, and no second groups request among them.
    await waitFor(() => expect(requests.some((r) => r.url.endsWith('/silences'))).toBe(true));
    expect(groupRequests()).toEqual(['alertmanager/0', 'alertmanager/1']);
    // Refresh asks again.
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(groupRequests()).toHaveLength(4));
  });

  it('a failure of the early request is the page\'s error state for that Alertmanager', async () => {
    answer('GET', 'alertmanager/0/alerts/groups', { status: 403, data: { message: 'plugin proxy route access denied' } });
    startAlertGroupsEarly(AMS);
    renderPage(<AlertsPage />, '/alerts');
    expect(await screen.findByTestId(testIds.sourceError('Alertmanager "am-a"'))).toHaveTextContent('not allowed for your role (403)');
    // The other Alertmanager's alerts are listed; the refused one was not asked a second time.
    expect(await screen.findByTestId(testIds.alerts.row('aa01'))).toBeInTheDocument();
    expect(groupRequests()).toEqual(['alertmanager/0', 'alertmanager/1']);
  });
});

describe('the app root asks for the alert groups early', () => {
  function Root() {
    useAlertGroupsEarly(AMS);
    return null;
  }

  it('when the route to the Alerts page is taken or the app opens on it, not on other pages or on the page\'s own URL changes', async () => {
    locationService.push('/a/vigil-alerts-app/history');
    const { unmount } = renderPage(<Root />, '/');
    expect(groupRequests()).toEqual([]);
    act(() => locationService.push('/a/vigil-alerts-app/alerts'));
    expect(groupRequests()).toEqual(['alertmanager/0', 'alertmanager/1']);
    // Filter, grouping and selection change the page's query only.
    act(() => locationService.partial({ q: 'severity=critical' }, true));
    act(() => locationService.push('/a/vigil-alerts-app/alerts?group=venue'));
    expect(groupRequests()).toHaveLength(2);
    act(() => locationService.push('/a/vigil-alerts-app/silences'));
    act(() => locationService.push('/a/vigil-alerts-app/alerts/'));
    expect(groupRequests()).toHaveLength(4);
    unmount();
    // Unmounted, it no longer listens; mounted on the Alerts page, it asks at once.
    act(() => locationService.push('/a/vigil-alerts-app/history'));
    act(() => locationService.push('/a/vigil-alerts-app/alerts'));
    expect(groupRequests()).toHaveLength(4);
    renderPage(<Root />, '/');
    expect(groupRequests()).toHaveLength(6);
  });
});
