// The Alerts page's first paint orders only what it shows: the rows of its first commit are the whole list's first
// rows (random answers of two Alertmanagers, each grouping, filter and view), while the whole list is merged and
// sorted only after that paint; then the page, "Show more" and the other consumers have the whole list.
import React from 'react';
import { act, screen, within } from '@testing-library/react';
import AlertsPage from './AlertsPage';
import { clearEarly } from '../api/earlyRequests';
import * as alertsLib from '../lib/alerts';
import { parseMatchers, matchesAll } from '../lib/matchers';
import { answer, resetBackend } from '../test/fakeBackend';
import { healthyBackend } from '../test/fixtures';
import { answers, random } from '../test/randomAnswers';
import { renderPage } from '../test/render';
import { testIds } from '../testIds';
import type { AmAlertGroup } from '../types';

// The real merge, watched: which alerts it is given, and when.
jest.mock('../lib/alerts', () => {
  const actual = jest.requireActual('../lib/alerts');
  return { ...actual, mergeAlertGroups: jest.fn(actual.mergeAlertGroups) };
});
const merge = alertsLib.mergeAlertGroups as jest.MockedFunction<typeof alertsLib.mergeAlertGroups>;
const { mergeAlertGroups, groupAlerts, stateOf } = jest.requireActual<typeof alertsLib>('../lib/alerts');

jest.setTimeout(20_000);

beforeEach(() => {
  resetBackend();
  healthyBackend();
  clearEarly();
  merge.mockClear();
});

const rowIds = () => [...document.querySelectorAll('[data-testid^="vigil-alerts-row-"]')].map((e) => e.getAttribute('data-testid')!.replace('vigil-alerts-row-', ''));
/** Distinct fingerprints given to the merge in each call so far. */
const mergedCounts = () => merge.mock.calls.map(([input]) => new Set(input.flatMap((s) => s.groups.flatMap((g) => g.alerts.map((a) => a.fingerprint)))).size);

const CASES: Array<[string, number, { q: string; group: string; show: string }]> = [
  ['Alertmanager groups', 3, { q: '', group: 'alertmanager', show: 'all' }],
  ['Alertmanager groups, firing only', 5, { q: '', group: 'alertmanager', show: 'firing' }],
  ['by venue, filtered', 11, { q: 'venue!="v1"', group: 'label:venue', show: 'all' }],
  ['by severity, silenced or inhibited', 12, { q: '', group: 'label:severity', show: 'suppressed' }],
];

describe('Alerts page first paint', () => {
  it.each(CASES)('%s (seed %i): its rows are the whole list\'s first rows; the whole list is merged after the paint', async (_name, seed, view) => {
    // Two Alertmanagers with many alerts (several random answers joined), sharing fingerprints.
    const input = [0, 1].map((slot) => ({ source: ['am-a', 'am-b'][slot], groups: [] as AmAlertGroup[] }));
    for (let k = 0; k < 4; k++) {
      answers(random(seed * 10 + k)).forEach((s, i) => input[i % 2].groups.push(...s.groups.map((g) => ({ ...g, alerts: g.alerts.map((a) => ({ ...a, fingerprint: `${k}${a.fingerprint}` })) }))));
    }
    answer('GET', 'alertmanager/0/alerts/groups', { data: input[0].groups });
    answer('GET', 'alertmanager/1/alerts/groups', { data: input[1].groups });
    const whole = mergeAlertGroups(input);
    const matchers = parseMatchers(view.q);
    const visible = whole.alerts.filter((a) => (view.show === 'all' || (view.show === 'firing') === (stateOf(a) === 'firing')) && matchesAll(matchers, a.labels));
    const grouping = view.group === 'alertmanager' ? ({ by: 'alertmanager' } as const) : ({ by: 'label', label: view.group.slice('label:'.length) } as const);
    const order = groupAlerts(visible, grouping, whole.groups).flatMap((g) => g.alerts.map((a) => a.fingerprint));
    expect(order.length).toBeGreaterThan(40);

    const frames: FrameRequestCallback[] = [];
    const raf = jest.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    try {
      renderPage(<AlertsPage />, `/alerts?${new URLSearchParams(view)}`);
      await screen.findByTestId(testIds.alerts.row(order[0]));
      // The first commit (frames held: what the first paint shows): the window's rows (768 px / 80 px), in the
      // whole list's order, and no merge of the whole list yet.
      expect(rowIds()).toEqual(order.slice(0, 10));
      expect(Math.max(...mergedCounts())).toBeLessThan(whole.alerts.length);
      expect(within(screen.getByTestId(testIds.alerts.more)).getByRole('button')).toHaveTextContent(`Show more (${order.length - 10} more alerts)`);
      await act(async () => {
        frames.splice(0).forEach((cb) => cb(performance.now()));
        await new Promise((r) => setTimeout(r, 10));
      });
      // After the paint: the whole list merged, the page of 25 rows from it.
      expect(mergedCounts()).toContain(whole.alerts.length);
      expect(rowIds()).toEqual(order.slice(0, 25));
      expect(within(screen.getByTestId(testIds.alerts.more)).getByRole('button')).toHaveTextContent(`Show more (${order.length - 25} more alerts)`);
    } finally {
      raf.mockRestore();
    }
  });
});
