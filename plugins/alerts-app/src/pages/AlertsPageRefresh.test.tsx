// The Alerts page stays live without a reload: a page left open at 3 a.m. shows a new alert within the refresh
// interval (it kept showing what it found when opened: 15 rows 90 s later while Alertmanager had 16), and a
// journal that was down is asked again.
import React from 'react';
import { act, screen, waitFor } from '@testing-library/react';
import AlertsPage from './AlertsPage';
import { clearEarly } from '../api/earlyRequests';
import { AUTO_REFRESH_MS } from '../constants';
import { answer, requests, resetBackend } from '../test/fakeBackend';
import { healthyBackend, venueDown } from '../test/fixtures';
import { renderPage } from '../test/render';
import { testIds } from '../testIds';

jest.setTimeout(20_000);

let ticks: Array<() => void> = [];
let interval: jest.SpyInstance;
const realSetInterval = window.setInterval.bind(window);
const visibility = (state: 'visible' | 'hidden') => Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });

beforeEach(() => {
  resetBackend();
  clearEarly();
  healthyBackend();
  ticks = [];
  // The page's refresh timer is held here and fired by the test; other timers run as usual.
  interval = jest.spyOn(window, 'setInterval').mockImplementation(((cb: () => void, ms?: number) => {
    if (ms === AUTO_REFRESH_MS) {
      ticks.push(cb);
      return 0;
    }
    return realSetInterval(cb, ms);
  }) as typeof window.setInterval);
  visibility('visible');
});
afterEach(() => {
  interval.mockRestore();
  visibility('visible');
});

const groupRequests = () => requests.filter((r) => r.url.endsWith('/alerts/groups')).length;
const tick = () => act(async () => ticks.forEach((t) => t()));

it('asks the Alertmanagers again every interval and shows an alert that began since', async () => {
  renderPage(<AlertsPage />, '/alerts');
  await screen.findByTestId(testIds.alerts.row('aa01'));
  expect(ticks).toHaveLength(1);
  const acks = () => requests.filter((r) => r.url.endsWith('/journal/alerts/acks')).length;
  await waitFor(() => expect(acks()).toBe(1));
  const before = groupRequests();
  const newcomer = { ...venueDown, fingerprint: 'ee05', labels: { ...venueDown.labels, venue: 'kraken' } };
  answer('GET', 'alertmanager/0/alerts/groups', { data: [{ labels: { alertname: 'VenueDown' }, receiver: { name: 'journal' }, alerts: [venueDown, newcomer] }] });
  await tick();
  expect(await screen.findByTestId(testIds.alerts.row('ee05'))).toBeInTheDocument();
  expect(groupRequests()).toBe(before + 2);
  // The journal's acknowledgements are asked again too (an ack made elsewhere shows).
  await waitFor(() => expect(acks()).toBe(2));
});

it('skips a refresh while the tab is hidden and makes it up when the tab is shown', async () => {
  renderPage(<AlertsPage />, '/alerts');
  await screen.findByTestId(testIds.alerts.row('aa01'));
  const before = groupRequests();
  visibility('hidden');
  await tick();
  expect(groupRequests()).toBe(before);
  visibility('visible');
  await act(async () => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
  expect(groupRequests()).toBe(before + 2);
});

it('journal down: Acknowledge is disabled saying why, and comes back with the journal at the next refresh', async () => {
  answer('GET', 'journal/alerts/acks', { status: 504 });
  renderPage(<AlertsPage />, '/alerts');
  await screen.findByTestId(testIds.sourceError('Alert journal'));
  const button = await screen.findByTestId(testIds.alerts.ackButton('bb02'));
  await waitFor(() => expect(button).toBeDisabled());
  expect(button).toHaveAttribute('title', expect.stringContaining('alert journal did not answer'));
  healthyBackend();
  await tick();
  await waitFor(() => expect(screen.getByTestId(testIds.alerts.ackButton('bb02'))).toBeEnabled());
  expect(screen.getByTestId(testIds.alerts.ack('aa01'))).toHaveTextContent('carol');
});
