import { fireEvent, render, screen } from '@testing-library/react';
import React, { useState } from 'react';

import { ROLES } from '../queries';
import { testIds } from '../testIds';
import { QueriesEditor } from './QueriesEditor';

function Harness({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  return (
    <QueriesEditor
      value={value}
      onChange={(v) => setValue(v ?? '')}
      item={{} as never}
      context={{} as never}
    />
  );
}

describe('QueriesEditor', () => {
  it('shows every query with its refId and a copy button', () => {
    render(<Harness initial="" />);
    const editor = screen.getByTestId(testIds.queries);
    for (const role of ROLES) {
      expect(screen.getByRole('button', { name: `Copy ${role}` })).toBeInTheDocument();
    }
    expect(editor).toHaveTextContent(
      'sum by (venue, strategy, symbol, from_state, to_state) (increase(trading_order_transitions_total[$__range]))',
    );
  });

  it('adds typed matchers to the queries, and names a malformed one', () => {
    render(<Harness initial="" />);
    const input = screen.getByLabelText('Label matchers added to the queries');
    fireEvent.change(input, { target: { value: 'venue=~"$venue"' } });
    expect(screen.getByTestId(testIds.queries)).toHaveTextContent(
      'trading_orders_submitted_total{venue=~"$venue"}',
    );
    fireEvent.change(input, { target: { value: 'venue=$venue' } });
    expect(screen.getByTestId(testIds.queries)).toHaveTextContent(
      'Label matchers: expected label="value" (or !=, =~, !~) at "venue=$venue"; the queries below have no matchers.',
    );
  });
});
