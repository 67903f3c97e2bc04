import React, { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { FilterBar } from './FilterBar';
import { labelIndex } from '../../lib/completion';

const index = labelIndex([{ alertname: 'VenueDown', severity: 'critical' }]);

function Bar({ initial = '' }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return <FilterBar label="Filter" value={value} onChange={setValue} index={() => index} testId="filter" listTestId="list" />;
}

describe('FilterBar keyboard', () => {
  it('Tab right after focusing moves on: no completion written, the key not taken', () => {
    render(<Bar />);
    const input = screen.getByTestId('filter');
    fireEvent.focus(input);
    // The list is offered on focus...
    expect(screen.getByTestId('list')).toHaveTextContent('alertname');
    // ...but Tab is the browser's (fireEvent returns false when the handler prevented the default).
    expect(fireEvent.keyDown(input, { key: 'Tab' })).toBe(true);
    expect(input).toHaveValue('');
    // The list itself is no Tab stop: Chromium makes a scrolling box one, and the next Tab landed on this list,
    // which then vanished with the input's blur.
    expect(screen.getByTestId('list')).toHaveAttribute('tabindex', '-1');
  });

  it('after typing, Tab accepts the completion; focusing again resets it', () => {
    render(<Bar />);
    const input = screen.getByTestId('filter');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'sev', selectionStart: 3 } });
    expect(fireEvent.keyDown(input, { key: 'Tab' })).toBe(false);
    expect(input).toHaveValue('severity=');
    fireEvent.blur(input);
    fireEvent.focus(input);
    expect(fireEvent.keyDown(input, { key: 'Tab' })).toBe(true);
    expect(input).toHaveValue('severity=');
  });

  it('moving in the list with the arrows, then Tab, accepts the chosen item; Enter accepts at once', () => {
    render(<Bar />);
    const input = screen.getByTestId('filter');
    fireEvent.focus(input);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(fireEvent.keyDown(input, { key: 'Tab' })).toBe(false);
    expect(input).toHaveValue('severity=');
    fireEvent.blur(input);
    fireEvent.focus(input);
    expect(fireEvent.keyDown(input, { key: 'Enter' })).toBe(false);
  });
});
