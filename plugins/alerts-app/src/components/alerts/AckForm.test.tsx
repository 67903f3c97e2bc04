import React from 'react';
import { render, screen } from '@testing-library/react';
import { AckForm } from './AckForm';
import { testIds } from '../../testIds';

// Watchdog never resolves: a "mute until resolved" silence on it lasts 30 days, and the journal, no longer getting
// the heartbeat, pages VigilWatchdogMissing (seen on the local stack 5 minutes after such an ack).
describe('AckForm', () => {
  it('offers mute until resolved for an ordinary alert', () => {
    render(<AckForm fingerprint="aa01" alertname="VenueDown" defaultOwner="ana" onDone={jest.fn()} onCancel={jest.fn()} />);
    expect(screen.getByTestId(testIds.ackForm.mute)).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.ackForm.noMute)).toBeNull();
  });

  it('does not offer it for the Watchdog heartbeat, and says why', () => {
    render(<AckForm fingerprint="dd04" alertname="Watchdog" defaultOwner="ana" onDone={jest.fn()} onCancel={jest.fn()} />);
    expect(screen.queryByTestId(testIds.ackForm.mute)).toBeNull();
    expect(screen.getByTestId(testIds.ackForm.noMute)).toHaveTextContent('VigilWatchdogMissing');
  });
});
