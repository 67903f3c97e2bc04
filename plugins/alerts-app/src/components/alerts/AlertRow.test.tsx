import React from 'react';
import { render, screen } from '@testing-library/react';
import { AlertRow, distinctLabels, type AlertRowProps } from './AlertRow';
import { venueDown } from '../../test/fixtures';
import { testIds } from '../../testIds';

// Vigil's own rules give relative runbook links (docs/runbooks.md#<alert>); the stacks set no runbook base URL, and
// the row used to show no runbook at all for every shipped alert.
const alert = { ...venueDown, annotations: { ...venueDown.annotations, runbook_url: 'docs/runbooks.md#venuedown' }, sources: ['am-a'], groupKeys: [] };
const props = (runbookBase: string): AlertRowProps => ({
  alert,
  groupLabels: { alertname: 'VenueDown' },
  now: Date.parse(venueDown.startsAt) + 60_000,
  silenceById: new Map(),
  alertOf: () => undefined,
  acksSettled: true,
  runbookBase,
  selected: false,
  canAck: false,
  canSilence: false,
  onSelect: jest.fn(),
  onAck: jest.fn(),
  onSilence: jest.fn(),
});

describe('AlertRow runbook', () => {
  it('links a relative runbook_url against the configured base', () => {
    render(<AlertRow {...props('https://git.example/vigil/blob/main')} />);
    expect(screen.getByRole('link', { name: /Runbook/ })).toHaveAttribute('href', 'https://git.example/vigil/blob/main/docs/runbooks.md#venuedown');
  });

  it('without a base, still names the runbook instead of hiding it', () => {
    render(<AlertRow {...props('')} />);
    expect(screen.queryByRole('link', { name: /Runbook/ })).toBeNull();
    expect(screen.getByTestId(testIds.alerts.runbookText('aa01'))).toHaveTextContent('Runbook: docs/runbooks.md#venuedown');
  });
});

describe('AlertRow weekly count', () => {
  // An inhibited alert firing for an hour read "fired 0× this week": the journal counts notifications, and
  // Alertmanager sends none for an inhibited or silenced alert.
  it('says a suppressed alert was not notified rather than that it never fired', () => {
    const inhibited = { ...alert, status: { state: 'suppressed' as const, silencedBy: [], inhibitedBy: ['bb02'] } };
    render(<AlertRow {...props('')} alert={inhibited} fired={0} />);
    expect(screen.getByTestId(testIds.alerts.fired('aa01'))).toHaveTextContent('not notified this week (inhibited)');
  });

  it('counts as before otherwise', () => {
    render(<AlertRow {...props('')} fired={0} />);
    expect(screen.getByTestId(testIds.alerts.fired('aa01'))).toHaveTextContent('fired 0× this week');
  });
});

describe('AlertRow labels', () => {
  // Four ModelAccuracyLow alerts of one group read the same: what set them apart (their window label) showed only
  // once a row was opened.
  it('shows the labels that tell an alert apart from its group, not the name, severity or group labels', () => {
    const labels = { alertname: 'ModelAccuracyLow', severity: 'warning', model: 'fx-mm', window: '1h' };
    expect(distinctLabels(labels, { alertname: 'ModelAccuracyLow' })).toBe('model=fx-mm, window=1h');
    expect(distinctLabels(labels, { model: 'fx-mm' })).toBe('window=1h');
    expect(distinctLabels({ alertname: 'A', severity: 'info' }, {})).toBe('');
  });

  it('renders them on the row head', () => {
    render(<AlertRow {...props('')} />);
    const own = Object.entries(venueDown.labels).filter(([k]) => k !== 'alertname' && k !== 'severity');
    expect(own.length).toBeGreaterThan(0);
    expect(screen.getByTestId(testIds.alerts.labels('aa01'))).toHaveTextContent(own.map(([k, v]) => `${k}=${v}`).join(', '));
  });
});
