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
    requestedQty: samples(s.requested_qty),
    filledQty: samples(s.filled_qty),
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
    // binance: 150 requested (40×2 + 10×5 + 5×1 + 5×3), 130 filled; 5 of 60 orders rejected.
    expect(v.get('binance')!.fillRatio).toBeCloseTo(130 / 150, 12);
    expect(v.get('binance')!.rejectRate).toBeCloseTo(5 / 60, 12);
    // Mean signed slippage over fills: (40 × −1 bp + 10 × 2 bp) / 50.
    expect(v.get('binance')!.slippage).toBeCloseTo((40 * -0.0001 + 10 * 0.0002) / 50, 15);
    expect(v.get('kraken')!.slippage).toBeCloseTo((20 * 0.0004 + 30 * 0.0003) / 50, 15);
    expect(v.get('kraken')!.rejectRate).toBeCloseTo(15 / 70, 12);
    expect(v.get('lmax')!.rejectRate).toBe(0);
    expect(v.get('lmax')!.fillRatio).toBeCloseTo(100 / 350, 12);
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
      slippage: undefined,
      slippageFills: undefined,
      shortfall: undefined,
      shortfallOrders: undefined,
      markouts: [],
    });
  });

  it('reads horizons as durations', () => {
    expect(['1s', '500ms', '2m', '1h', '5'].map(horizonSeconds)).toEqual([1, 0.5, 120, 3600, NaN]);
  });
});
