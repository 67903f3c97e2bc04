import { createDataFrame } from '@grafana/data';

import { DEFAULT_OPTIONS } from '../defaults';
import { ROLES, type Role } from '../queries';
import { instantFrames, tableFrame } from '../testdata/frames';
import { scenarioSeries } from '../testdata/scenario';
import type { TradeFlowOptions } from '../types';
import { buildModel } from './model';
import type { Selection } from './selection';

const series = scenarioSeries();

function model(
  opts: {
    roles?: readonly Role[];
    options?: Partial<TradeFlowOptions>;
    selection?: Selection;
    targets?: Array<{ refId: string; expr?: string }>;
  } = {},
) {
  const roles = opts.roles ?? ROLES;
  return buildModel({
    frames: instantFrames(Object.fromEntries(roles.map((r) => [r, series[r]]))),
    targets: opts.targets as never,
    options: { ...DEFAULT_OPTIONS, ...opts.options },
    selection: opts.selection ?? {},
  });
}

describe('buildModel', () => {
  it('draws every part from the default queries, with nothing missing and no problem', () => {
    const m = model();
    expect(m.state).toBe('ready');
    expect(m.problems).toEqual([]);
    expect(Object.values(m.missing).flat()).toEqual([]);
    expect(m.flow!.groups.map((g) => g.name)).toEqual(['kraken', 'binance', 'lmax']);
    expect(m.slippage!.fills).toBe(40 + 10 + 20 + 30 + 10);
    expect(m.latency.map((r) => (r.all ? '(all)' : r.venue))).toEqual(['binance', 'kraken', 'lmax', '(all)']);
    expect(m.rejects.map((r) => [r.reason, r.count])).toEqual([
      ['price_out_of_band', 15],
      ['insufficient_balance', 5],
    ]);
    expect(m.submitted).toBe(165);
    // lmax's fills are followed by the largest adverse moves: first in the scorecard.
    expect(m.scorecard.map((r) => r.venue)).toEqual(['lmax', 'kraken', 'binance']);
    expect(m.values.venue).toEqual(['binance', 'kraken', 'lmax']);
    expect(m.values.strategy).toEqual(['market_making', 'momentum']);
  });

  it('narrows every part to a clicked venue', () => {
    const m = model({ selection: { venue: 'kraken' } });
    expect(m.flow!.groups.map((g) => g.name)).toEqual(['kraken']);
    expect(m.scorecard.map((r) => r.venue)).toEqual(['kraken']);
    expect(m.rejects.map((r) => r.reason)).toEqual(['price_out_of_band']);
    expect(m.latency.map((r) => (r.all ? '(all)' : r.venue))).toEqual(['kraken', '(all)']);
    expect(m.submitted).toBe(70);
    expect(m.slippage!.fills).toBe(50);
    // The filter bar still offers every venue.
    expect(m.values.venue).toEqual(['binance', 'kraken', 'lmax']);
    expect(m.notApplied).toEqual([]);
  });

  it('says which series a strategy filter cannot narrow (markouts carry no strategy)', () => {
    const m = model({ selection: { strategy: 'market_making' } });
    expect(m.notApplied).toEqual([{ dimension: 'strategy', roles: ['markout_sum', 'markout_count'] }]);
    expect(m.flow!.entered).toBe(55);
    expect(m.scorecard.find((r) => r.venue === 'lmax')!.markouts).toHaveLength(4);
  });

  it('names missing series, with why: query absent, or present and empty', () => {
    const without = ROLES.filter((r) => r !== 'markout_sum' && r !== 'transitions');
    const frames = [
      ...instantFrames(Object.fromEntries(without.map((r) => [r, series[r]]))),
      createDataFrame({ refId: 'markout_sum', fields: [] }),
    ];
    const m = buildModel({
      frames,
      targets: [...without, 'markout_sum'].map((refId) => ({ refId })),
      options: DEFAULT_OPTIONS,
      selection: {},
    });
    expect(m.missing.flow).toEqual(['trading_order_transitions_total (no query transitions)']);
    expect(m.missing.scorecard).toEqual([
      'trading_fill_markout_adverse_ratio_total (query markout_sum returned no series)',
    ]);
    expect(m.flow).toBeUndefined();
    expect(m.scorecard.every((r) => r.markouts.length === 0)).toBe(true);
    expect(m.missing.latency).toEqual([]);
  });

  it('is in the no-data state when no query returned a series', () => {
    expect(buildModel({ frames: [], options: DEFAULT_OPTIONS, selection: {} }).state).toBe('no-data');
    const empty = buildModel({
      frames: [createDataFrame({ refId: 'transitions', fields: [] })],
      options: DEFAULT_OPTIONS,
      selection: {},
    });
    expect(empty.state).toBe('no-data');
    expect(empty.missing.flow[0]).toBe(
      'trading_order_transitions_total (query transitions returned no series)',
    );
  });

  it('reads table-format answers the same as time series', () => {
    const tables = ROLES.map((r) => tableFrame(r, series[r]));
    const fromTables = buildModel({ frames: tables, options: DEFAULT_OPTIONS, selection: {} });
    const fromSeries = model();
    expect(fromTables.scorecard).toEqual(fromSeries.scorecard);
    expect(fromTables.slippage).toEqual(fromSeries.slippage);
    expect(fromTables.flow!.links).toEqual(fromSeries.flow!.links);
  });

  it('switches the flow to quantity', () => {
    const m = model({ options: { flowMeasure: 'quantity' } });
    expect(m.flow!.measure).toBe('quantity');
    expect(m.flow!.entered).toBe(150 + 150 + 350);
  });

  it('reports bad options and unknown queries instead of failing', () => {
    const m = buildModel({
      frames: [
        ...instantFrames({ submitted: series.submitted }),
        ...instantFrames({ A: series.submitted } as never),
      ],
      options: { ...DEFAULT_OPTIONS, latencyPercentiles: '50, 120' },
      selection: {},
    });
    expect(m.problems).toEqual([
      "Query A is not one of the panel's queries (by refId or metric); it is ignored",
      'Latency percentiles: "120" is not a percentile between 0 and 100 (exclusive); showing p50, p95, p99',
    ]);
    expect(m.quantiles).toEqual([0.5, 0.95, 0.99]);
  });
});

describe('buildModel with series lacking a filter label', () => {
  it('filters a venue-less selection to the series without a venue', () => {
    const m = buildModel({
      frames: instantFrames({
        submitted: [
          { labels: { venue: 'a' }, value: 3 },
          { labels: {}, value: 4 },
        ],
      }),
      options: DEFAULT_OPTIONS,
      selection: { venue: '' },
    });
    expect(m.submitted).toBe(4);
  });
});
