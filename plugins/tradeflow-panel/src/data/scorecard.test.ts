import { scenarioSeries, SHORTFALL } from '../testdata/scenario';
import type { Sample } from './frames';
import { horizonSeconds, rankVenues, scoreVenues, type ScorecardInput, type VenueScore } from './scorecard';

const s = scenarioSeries();
const samples = (raw: typeof s.submitted): Sample[] =>
  raw.map((r) => ({ labels: r.labels, value: Number(r.value) }));

function input(overrides: Partial<ScorecardInput> = {}): ScorecardInput {
  return {
    submitted: samples(s.submitted),
    rejects: samples(s.rejects),
    completed: samples(s.completed),
    fillRatioSum: samples(s.fill_ratio_sum),
    fillRatioCount: samples(s.fill_ratio_count),
    slippageSum: samples(s.slippage_sum),
    slippageAdverse: samples(s.slippage_adverse),
    shortfallSum: samples(s.shortfall_sum),
    shortfallCount: samples(s.shortfall_count),
    markoutSum: samples(s.markout_sum),
    markoutCount: samples(s.markout_count),
    benchmark: 'decision',
    ...overrides,
  };
}

const byVenue = (rows: VenueScore[]) => new Map(rows.map((r) => [r.venue, r]));

describe('venue scorecard', () => {
  const rows = scoreVenues(input());
  const v = byVenue(rows);

  it('computes each figure from the scripted orders', () => {
    // binance: 50 final orders filled whole of 60 final (5 rejected, 5 canceled unfilled); 5 of the 60 rejected.
    expect(v.get('binance')!.fillRatio).toBeCloseTo(50 / 60, 12);
    expect(v.get('binance')!.fillOrders).toBe(60);
    // kraken: 20 half filled then canceled, 30 filled, 15 rejected; the 5 still open are not in it.
    expect(v.get('kraken')!.fillRatio).toBeCloseTo((20 * 0.5 + 30) / 65, 12);
    expect(v.get('binance')!.rejectRate).toBeCloseTo(5 / 60, 12);
    // Mean signed slippage over fills: (40 × −1 bp + 10 × 2 bp) / 50.
    expect(v.get('binance')!.slippage).toBeCloseTo((40 * -0.0001 + 10 * 0.0002) / 50, 15);
    expect(v.get('kraken')!.slippage).toBeCloseTo((20 * 0.0004 + 30 * 0.0003) / 50, 15);
    // kraken: 15 of its 65 final orders rejected (the 5 still open are not in it).
    expect(v.get('kraken')!.rejectRate).toBeCloseTo(15 / 65, 12);
    expect(v.get('lmax')!.rejectRate).toBe(0);
    expect(v.get('lmax')!.fillRatio).toBeCloseTo(10 / 35, 12);
    expect(v.get('lmax')!.shortfall).toBeCloseTo(SHORTFALL.lmax.decision, 15);
    expect(v.get('lmax')!.markouts.map((p) => [p.horizon, p.seconds])).toEqual([
      ['1s', 1],
      ['5s', 5],
      ['30s', 30],
      ['60s', 60],
    ]);
    expect(v.get('lmax')!.markouts[1].mean).toBeCloseTo(0.0015, 15);
  });

  it('reads the shortfall of the chosen benchmark', () => {
    const arrival = byVenue(scoreVenues(input({ benchmark: 'arrival' })));
    expect(arrival.get('lmax')!.shortfall).toBeCloseTo(SHORTFALL.lmax.arrival, 15);
  });

  it.each([
    ['markout', ['lmax', 'kraken', 'binance']],
    ['rejectRate', ['kraken', 'binance', 'lmax']],
    ['fillRatio', ['lmax', 'kraken', 'binance']],
    ['slippage', ['lmax', 'kraken', 'binance']],
    ['shortfall', ['kraken', 'binance', 'lmax']],
  ] as const)('ranks worst first by %s', (by, order) => {
    expect(rankVenues(rows, by, '5s').map((r) => r.venue)).toEqual(order);
  });

  it('puts venues without the figure last, in name order', () => {
    const partial = scoreVenues(
      input({ markoutSum: samples(s.markout_sum).filter((x) => x.labels.venue !== 'kraken') }),
    );
    expect(rankVenues(partial, 'markout', '5s').map((r) => r.venue)).toEqual(['lmax', 'binance', 'kraken']);
    expect(rankVenues(partial, 'markout', '2s').map((r) => r.venue)).toEqual(['binance', 'kraken', 'lmax']);
  });

  it('leaves a figure unknown when its series are missing, rather than zero', () => {
    const bare = byVenue(scoreVenues({ submitted: samples(s.submitted), benchmark: 'decision' }));
    expect(bare.get('kraken')).toEqual({
      venue: 'kraken',
      submitted: 70,
      rejects: undefined,
      rejectRate: undefined,
      fillRatio: undefined,
      fillOrders: undefined,
      slippage: undefined,
      slippageFills: undefined,
      shortfall: undefined,
      shortfallOrders: undefined,
      markouts: [],
    });
  });

  it('never shows a fill ratio over 100 %: a mean of per-order ratios, capped where increase() overshoots', () => {
    // The old scorecard divided increase(filled quantity) by increase(requested quantity): a label set's first
    // orders are counted at submission before its first scrape, so increase() dropped their requested quantity
    // and kept their fills (kraken showed 166 %). The per-order ratios are each at most 1; only increase()'s own
    // start extrapolation of the _sum (its first sample a larger share than the _count's) can put it above.
    const kraken = (sum: number, count: number) =>
      scoreVenues({
        fillRatioSum: [{ labels: { venue: 'kraken' }, value: sum }],
        fillRatioCount: [{ labels: { venue: 'kraken' }, value: count }],
        benchmark: 'decision',
      })[0].fillRatio;
    expect(kraken(40.8, 40)).toBe(1);
    expect(kraken(30, 40)).toBe(0.75);
    expect(kraken(0, 0)).toBeUndefined();
  });

  it('reads horizons as durations', () => {
    expect(['1s', '500ms', '2m', '1h', '5'].map(horizonSeconds)).toEqual([1, 0.5, 120, 3600, NaN]);
  });
});
