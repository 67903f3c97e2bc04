import { signedHistogram, signedSlippage } from './slippage';

// Four fills: +2 bp and +6 bp adverse, 1 bp and 3 bp favourable; buckets at 1 bp and 5 bp.
const ADVERSE = [
  { le: 0.0001, count: 2 },
  { le: 0.0005, count: 3 },
  { le: Infinity, count: 4 },
];
const FAVORABLE = [
  { le: 0.0001, count: 3 },
  { le: 0.0005, count: 4 },
  { le: Infinity, count: 4 },
];

describe('signed slippage from the adverse and favourable histograms', () => {
  it('mirrors the favourable buckets below zero as N − favourable(le)', () => {
    expect(signedHistogram(ADVERSE, FAVORABLE)).toEqual([
      { le: -0.0005, count: 0 },
      { le: -0.0001, count: 1 },
      { le: 0.0001, count: 2 },
      { le: 0.0005, count: 3 },
      { le: Infinity, count: 4 },
    ]);
  });

  it('gives one bar per bucket on the diverging axis, each on its side of zero', () => {
    const s = signedSlippage(ADVERSE, FAVORABLE)!;
    expect(s.bars).toEqual([
      { from: -Infinity, to: -0.0005, count: 0, side: 'favorable' },
      { from: -0.0005, to: -0.0001, count: 1, side: 'favorable' },
      { from: -0.0001, to: 0.0001, count: 1, side: 'neutral' },
      { from: 0.0001, to: 0.0005, count: 1, side: 'adverse' },
      { from: 0.0005, to: Infinity, count: 1, side: 'adverse' },
    ]);
    expect(s.fills).toBe(4);
    // Rank 2 falls in (−1 bp, 1 bp], interpolated to its top.
    expect(s.p50).toBeCloseTo(0.0001, 15);
    // Rank 3.8 falls in the +Inf bucket: the highest finite bound.
    expect(s.p95).toBe(0.0005);
  });

  it('has a negative median when most fills were favourable', () => {
    const s = signedSlippage(
      [
        { le: 0.0001, count: 9 },
        { le: Infinity, count: 10 },
      ],
      [
        { le: 0.0001, count: 2 },
        { le: 0.0005, count: 9 },
        { le: Infinity, count: 10 },
      ],
    )!;
    expect(s.p50).toBeLessThan(0);
  });

  it('is undefined without fills', () => {
    expect(signedSlippage([{ le: Infinity, count: 0 }], [{ le: Infinity, count: 0 }])).toBeUndefined();
    expect(signedSlippage([], [])).toBeUndefined();
  });
});
