import {
  createTheme,
  dateTime,
  LoadingState,
  type DataFrame,
  type PanelData,
  type PanelProps,
} from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { ThemeContext } from '@grafana/ui';
import { fireEvent, render, screen, within } from '@testing-library/react';
import React from 'react';

import { DEFAULT_OPTIONS } from '../defaults';
import { ROLES, type Role } from '../queries';
import { instantFrames, NOW } from '../testdata/frames';
import { setDashboardVariables } from '../testdata/runtimeMock';
import { scenarioSeries } from '../testdata/scenario';
import { testIds } from '../testIds';
import type { TradeFlowOptions } from '../types';
import { TradeFlowPanel } from './TradeFlowPanel';

const series = scenarioSeries();
const HOUR = 3600_000;

function framesFor(roles: readonly Role[] = ROLES): DataFrame[] {
  return instantFrames(Object.fromEntries(roles.map((r) => [r, series[r]])));
}

function renderPanel(
  opts: {
    frames?: DataFrame[];
    options?: Partial<TradeFlowOptions>;
    data?: Partial<PanelData>;
    light?: boolean;
  } = {},
) {
  const from = dateTime(NOW - HOUR);
  const to = dateTime(NOW);
  const timeRange = { from, to, raw: { from: 'now-1h', to: 'now' } };
  const props = {
    id: 1,
    title: 'Trade flow',
    data: { state: LoadingState.Done, series: opts.frames ?? framesFor(), timeRange, ...opts.data },
    options: { ...DEFAULT_OPTIONS, ...opts.options },
    width: 1200,
    height: 900,
    timeRange,
    timeZone: 'utc',
    transparent: false,
    renderCounter: 0,
    fieldConfig: { defaults: {}, overrides: [] },
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    onChangeTimeRange: jest.fn(),
    replaceVariables: (s: string) => s,
    eventBus: {} as never,
  } as unknown as PanelProps<TradeFlowOptions>;
  const panel = <TradeFlowPanel {...props} />;
  return render(
    opts.light ? (
      <ThemeContext.Provider value={createTheme({ colors: { mode: 'light' } })}>
        {panel}
      </ThemeContext.Provider>
    ) : (
      panel
    ),
  );
}

const groupNode = (name: string) => screen.queryByTestId(testIds.flowNode(`group:${name}`));

beforeEach(() => {
  jest.mocked(locationService.partial).mockClear();
  setDashboardVariables([]);
});

describe('TradeFlowPanel', () => {
  it('draws the flow, slippage, latency, rejects and the scorecard from the default queries', () => {
    renderPanel();
    expect(screen.queryByTestId(testIds.problems)).toBeNull();
    for (const venue of ['binance', 'kraken', 'lmax']) {
      expect(groupNode(venue)).toBeInTheDocument();
    }
    // kraken's rejected branch: 15 orders rejected after acknowledgement.
    const band = screen.getByTestId(testIds.flowBand('acknowledged', 'rejected', 'kraken'));
    expect(band).toHaveAttribute('data-value', '15');
    expect(screen.getByTestId(testIds.flowNode('state:rejected'))).toHaveAttribute('data-inflow', '20');
    expect(screen.getByTestId(testIds.slippageStats)).toHaveAttribute('data-fills', '110');
    expect(screen.getByTestId(testIds.latencyRow('lmax'))).toBeInTheDocument();
    expect(screen.getByTestId(testIds.latencyRow())).toHaveTextContent('All venues');
    expect(screen.getByTestId(testIds.rejectReason('price_out_of_band'))).toHaveAttribute('data-count', '15');
    const rows = within(screen.getByTestId(testIds.scorecard)).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-testid'))).toEqual([
      testIds.scorecardRow('lmax'),
      testIds.scorecardRow('kraken'),
      testIds.scorecardRow('binance'),
    ]);
    expect(screen.getByTestId(testIds.scorecardRow('lmax'))).toHaveTextContent('+15.0 bp');
  });

  it('shows the numbers and the rate of a band on hover', () => {
    renderPanel();
    fireEvent.mouseMove(screen.getByTestId(testIds.flowBand('acknowledged', 'rejected', 'kraken')), {
      clientX: 10,
      clientY: 10,
    });
    const hover = screen.getByTestId(testIds.flowHover);
    expect(hover).toHaveTextContent('kraken');
    expect(hover).toHaveTextContent('acknowledged → rejected: 15 orders, 0.25/min');
    expect(hover).toHaveTextContent('21.4 % of what entered from this venue');
  });

  it('filters the whole panel by a clicked venue and sets the dashboard variable when there is one', () => {
    setDashboardVariables([{ name: 'venue', includeAll: true }]);
    renderPanel();
    fireEvent.click(screen.getByTestId(testIds.scorecardRow('kraken')));
    expect(locationService.partial).toHaveBeenCalledWith({ 'var-venue': 'kraken' }, true);
    expect(groupNode('kraken')).toBeInTheDocument();
    expect(groupNode('binance')).toBeNull();
    expect(screen.queryByTestId(testIds.scorecardRow('lmax'))).toBeNull();
    expect(screen.queryByTestId(testIds.rejectReason('insufficient_balance'))).toBeNull();
    expect(screen.getByTestId(testIds.filterChip('venue'))).toHaveTextContent('venue: kraken');

    fireEvent.click(screen.getByTestId(testIds.filterChip('venue')));
    expect(locationService.partial).toHaveBeenLastCalledWith({ 'var-venue': '$__all' }, true);
    expect(groupNode('binance')).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.filters)).toBeNull();
  });

  it('a venue row and a flow group work from the keyboard: focusable, Enter and Space filter as a click does', () => {
    renderPanel({ options: { flowGroupBy: 'strategy' } });
    const row = screen.getByTestId(testIds.scorecardRow('kraken'));
    expect(row).toHaveAttribute('tabindex', '0');
    row.focus();
    expect(row).toHaveFocus();
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(screen.getByTestId(testIds.filterChip('venue'))).toHaveTextContent('venue: kraken');
    expect(screen.queryByTestId(testIds.scorecardRow('lmax'))).toBeNull();
    const group = screen.getByTestId(testIds.flowNode('group:market_making'));
    expect(group).toHaveAttribute('role', 'button');
    expect(group).toHaveAttribute('tabindex', '0');
    fireEvent.keyDown(group, { key: ' ' });
    expect(screen.getByTestId(testIds.filterChip('strategy'))).toHaveTextContent('strategy: market_making');
    expect(screen.getByTestId(testIds.latencyRow('kraken'))).toHaveAttribute('tabindex', '0');
    expect(screen.getByTestId(testIds.latencyRow())).not.toHaveAttribute('tabindex');
  });

  it('filters without touching the URL when the dashboard has no such variable', () => {
    renderPanel({ options: { flowGroupBy: 'strategy' } });
    fireEvent.click(screen.getByTestId(testIds.flowNode('group:market_making')));
    expect(locationService.partial).not.toHaveBeenCalled();
    expect(groupNode('momentum')).toBeNull();
    expect(screen.getByTestId(testIds.filterChip('strategy'))).toHaveTextContent('strategy: market_making');
    // Markouts carry no strategy: the panel says the filter does not apply to them.
    expect(screen.getByTestId(testIds.filters)).toHaveTextContent(
      'strategy does not apply to markout_sum, markout_count',
    );
  });

  it('sets the variable the options name for a dimension', () => {
    setDashboardVariables([{ name: 'sym' }]);
    renderPanel({
      options: { flowGroupBy: 'symbol', variables: { ...DEFAULT_OPTIONS.variables, symbol: 'sym' } },
    });
    fireEvent.click(screen.getByTestId(testIds.flowBand('submitted', 'filled', 'ETH-USD')));
    expect(locationService.partial).toHaveBeenCalledWith({ 'var-sym': 'ETH-USD' }, true);
    // Clearing a variable without an All option leaves the dashboard as it is.
    fireEvent.click(screen.getByTestId(testIds.filterChip('symbol')));
    expect(locationService.partial).toHaveBeenCalledTimes(1);
  });

  it('names the missing series in the part that needs them', () => {
    renderPanel({
      frames: framesFor(ROLES.filter((r) => r !== 'markout_sum' && r !== 'rejects' && r !== 'fill_ratio_count')),
    });
    expect(screen.getByTestId(testIds.missing('scorecard'))).toHaveTextContent(
      'Missing series: trading_fill_markout_adverse_ratio_total (no series), trading_order_fill_ratio_count (no series)',
    );
    expect(screen.getByTestId(testIds.missing('rejects'))).toHaveTextContent('trading_order_rejects_total');
    expect(screen.queryByTestId(testIds.rejects)).toBeNull();
    expect(screen.getByTestId(testIds.flow)).toBeInTheDocument();
  });

  it('has a no-data state, not a blank panel', () => {
    renderPanel({ frames: [] });
    expect(screen.getByTestId(testIds.noData)).toHaveTextContent('The panel has no queries yet.');
    expect(screen.queryByTestId(testIds.flow)).toBeNull();
  });

  it('says it is loading before the first answer, rather than no data', () => {
    renderPanel({ frames: [], data: { state: LoadingState.Loading } });
    expect(screen.getByTestId(testIds.panel)).toHaveTextContent('Loading…');
    expect(screen.queryByTestId(testIds.noData)).toBeNull();
  });

  it('shows query errors in the no-data state', () => {
    renderPanel({
      frames: [],
      data: {
        state: LoadingState.Error,
        errors: [{ refId: 'transitions', message: 'bad_data: parse error' }],
      },
    });
    expect(screen.getByTestId(testIds.noData)).toHaveTextContent('Query transitions: bad_data: parse error');
  });

  it('draws with the light theme too, in its colours', () => {
    const fill = () =>
      screen.getByTestId(testIds.flowBand('submitted', 'filled', 'kraken')).getAttribute('fill');
    const dark = renderPanel();
    const darkFill = fill();
    dark.unmount();
    renderPanel({ light: true });
    expect(fill()).not.toBe(darkFill);
    expect(screen.getByTestId(testIds.scorecard)).toBeInTheDocument();
  });
});
