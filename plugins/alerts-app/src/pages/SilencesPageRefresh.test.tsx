// The Silences page stays live as the Alerts page does: a silence made elsewhere (amtool, another operator) shows
// within the refresh interval; an open editor is never refreshed under the operator's hands.
import React from 'react';
import { act, screen } from '@testing-library/react';
import SilencesPage from './SilencesPage';
import { AUTO_REFRESH_MS } from '../constants';
import { answer, requests, resetBackend } from '../test/fakeBackend';
import { healthyBackend, silence } from '../test/fixtures';
import { renderPage } from '../test/render';
import { testIds } from '../testIds';

jest.setTimeout(20_000);

let ticks: Array<() => void> = [];
let interval: jest.SpyInstance;
const realSetInterval = window.setInterval.bind(window);

beforeEach(() => {
  resetBackend();
  healthyBackend();
  ticks = [];
  interval = jest.spyOn(window, 'setInterval').mockImplementation(((cb: () => void, ms?: number) => {
    if (ms === AUTO_REFRESH_MS) {
      ticks.push(cb);
      return 0;
    }
    return realSetInterval(cb, ms);
  }) as typeof window.setInterval);
});
afterEach(() => interval.mockRestore());

const silenceRequests = () => requests.filter((r) => r.url.endsWith('/silences')).length;
const tick = () => act(async () => ticks.forEach((t) => t()));

it('asks again every interval and shows a silence made elsewhere', async () => {
  renderPage(<SilencesPage />, '/silences');
  await screen.findByTestId(testIds.silences.row(silence.id));
  expect(ticks.length).toBeGreaterThan(0);
  const elsewhere = { ...silence, id: 'made-elsewhere', comment: 'amtool' };
  answer('GET', 'alertmanager/0/silences', { data: [silence, elsewhere] });
  await tick();
  expect(await screen.findByTestId(testIds.silences.row('made-elsewhere'))).toBeInTheDocument();
});

it('does not refresh while the editor is open', async () => {
  renderPage(<SilencesPage />, '/silences?edit=new');
  await screen.findAllByText(/Matchers/);
  const before = silenceRequests();
  await tick();
  expect(silenceRequests()).toBe(before);
});
