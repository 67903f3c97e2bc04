import { dateTime, LoadingState, type PanelProps } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import React from 'react';

import { SERIES } from '../data/series';
import { DEFAULT_OPTIONS } from '../defaults';
import { BURN_WINDOWS } from '../slo/windows';
import { NOW, promFrame } from '../testdata/frames';
import { testIds } from '../testIds';
import type { SloPanelOptions } from '../types';
import { SloBurnRatePanel } from './SloBurnRatePanel';

const L = { slo: 'gateway-availability', service: 'gateway' };

function frames(ratio: number, remaining = 0.8) {
  return [
    ...BURN_WINDOWS.map((w) => promFrame({ __name__: SERIES.errorRatio(w), ...L }, [[NOW, ratio]])),
    promFrame({ __name__: SERIES.objective, ...L }, [[NOW, 0.995]]),
    promFrame({ __name__: SERIES.periodEvents, ...L }, [[NOW, 1_000_000]]),
    promFrame({ __name__: SERIES.periodErrorEvents, ...L }, [[NOW, 1000]]),
    promFrame({ __name__: SERIES.budgetRemaining, ...L }, [[NOW, remaining]]),
  ];
}

function props(
  series: ReturnType<typeof frames>,
  options: Partial<SloPanelOptions> = {},
): PanelProps<SloPanelOptions> {
  const to = dateTime(NOW);
  return {
    id: 1,
    data: {
      series,
      state: LoadingState.Done,
      timeRange: { from: dateTime(NOW - 3600_000), to, raw: { from: 'now-1h', to: 'now' } },
    },
    timeRange: { from: dateTime(NOW - 3600_000), to, raw: { from: 'now-1h', to: 'now' } },
    timeZone: 'utc',
    options: { ...DEFAULT_OPTIONS, showChart: false, ...options },
    transparent: false,
    width: 800,
    height: 400,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'SLOs',
    eventBus: {} as never,
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: (s: string) => s,
    onChangeTimeRange: jest.fn(),
  } as PanelProps<SloPanelOptions>;
}

describe('SloBurnRatePanel', () => {
  it('shows the page condition, budget in percent and events, and coloured burn rates', () => {
    render(<SloBurnRatePanel {...props(frames(0.1))} />);
    expect(screen.getByTestId(testIds.condition(L.slo))).toHaveTextContent('PAGE');
    expect(screen.getByTestId(testIds.budget(L.slo))).toHaveTextContent('80.0%');
    expect(screen.getByTestId(testIds.budgetEvents(L.slo))).toHaveTextContent(
      '4,000 of 5,000 bad events left',
    );
    expect(screen.getByTestId(testIds.burn(L.slo, '5m'))).toHaveAttribute('data-severity', 'page');
    expect(screen.getByTestId(testIds.burn(L.slo, '5m'))).toHaveTextContent('20.0×');
    expect(screen.getByTestId(testIds.exhaustion(L.slo))).toHaveTextContent(
      'Budget gone in 1d 4h at the 1h burn',
    );
  });

  it('says a spent budget is spent instead of forecasting that it runs out in 0s', () => {
    render(<SloBurnRatePanel {...props(frames(0.1, -0.25))} />);
    expect(screen.getByTestId(testIds.exhaustion(L.slo))).toHaveTextContent('Budget spent');
    expect(screen.getByTestId(testIds.exhaustion(L.slo))).not.toHaveTextContent('gone in');
  });

  it('renders the table and compact layouts', () => {
    const { rerender } = render(<SloBurnRatePanel {...props(frames(0.001), { layout: 'table' })} />);
    expect(screen.getByTestId(testIds.row(L.slo))).toHaveTextContent('OK');
    rerender(<SloBurnRatePanel {...props(frames(0.001), { layout: 'compact' })} />);
    expect(screen.getByTestId(testIds.row(L.slo))).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.burn(L.slo, '3d'))).toBeNull();
  });

  it('names the missing series instead of drawing a blank panel', () => {
    render(<SloBurnRatePanel {...props(frames(0.001).slice(1))} />);
    expect(screen.getByTestId(testIds.missing(L.slo))).toHaveTextContent(
      'Missing series for gateway-availability: slo:sli_error:ratio_rate5m',
    );
  });

  it('shows NO DATA rather than OK when an SLO has metadata but no burn-rate series', () => {
    const metadataOnly = frames(0.001).slice(BURN_WINDOWS.length);
    const { rerender } = render(<SloBurnRatePanel {...props(metadataOnly)} />);
    expect(screen.getByTestId(testIds.condition(L.slo))).toHaveTextContent('NO DATA');
    expect(screen.getByTestId(testIds.condition(L.slo))).toHaveAttribute('data-state', 'no-data');
    rerender(<SloBurnRatePanel {...props(metadataOnly, { layout: 'table' })} />);
    expect(screen.getByTestId(testIds.row(L.slo))).toHaveTextContent('NO DATA');
  });

  it('explains no data and bad options', () => {
    const { rerender } = render(<SloBurnRatePanel {...props([])} />);
    expect(screen.getByTestId(testIds.problems)).toHaveTextContent('no data: expected the recorded series');
    rerender(<SloBurnRatePanel {...props(frames(0.01), { window: '30 days' })} />);
    expect(screen.getByTestId(testIds.problems)).toHaveTextContent('invalid duration "30 days"');
  });
});
