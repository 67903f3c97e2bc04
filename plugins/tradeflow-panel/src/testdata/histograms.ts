// Bucket data for the histogram tests: the edge cases of histogram_quantile, one `case` label each, and
// realistic per-venue histograms drawn from a seeded generator (integer counts, so sums are exact).

export interface RawSample {
  labels: Record<string, string>;
  /** A number, or "NaN" (written to promtool as is). */
  value: number | string;
}

/** Cumulative buckets per case: [le label value, count]. */
export const EDGE_CASES: Record<string, Array<[string, number | string]>> = {
  latency: [
    ['0.005', 3],
    ['0.01', 10],
    ['0.025', 40],
    ['0.05', 80],
    ['0.1', 95],
    ['0.25', 99],
    ['0.5', 100],
    ['1', 100],
    ['+Inf', 100],
  ],
  // Most observations above the highest finite bound: the quantile is that bound.
  tail_in_inf: [
    ['0.1', 1],
    ['1', 2],
    ['+Inf', 10],
  ],
  // Fill ratios: unfilled orders observe 0, caught by le="0" (the lowest bound is returned as is).
  le_zero: [
    ['0', 6],
    ['0.1', 6],
    ['0.5', 7],
    ['1', 10],
    ['+Inf', 10],
  ],
  // Signed values (shortfall, markouts, signed slippage): bounds on both sides of zero.
  negative: [
    ['-0.01', 2],
    ['-0.005', 5],
    ['-0.001', 9],
    ['0', 12],
    ['0.001', 20],
    ['0.005', 24],
    ['0.01', 25],
    ['+Inf', 26],
  ],
  only_negative: [
    ['-0.01', 1],
    ['-0.005', 3],
    ['-0.001', 4],
    ['+Inf', 4],
  ],
  // increase() over buckets scraped at different moments can dip; Prometheus takes the envelope.
  non_monotonic: [
    ['0.1', 5],
    ['0.25', 4],
    ['0.5', 9],
    ['1', 8],
    ['+Inf', 10],
  ],
  empty: [
    ['0.1', 0],
    ['1', 0],
    ['+Inf', 0],
  ],
  no_inf: [
    ['0.1', 3],
    ['1', 5],
  ],
  only_inf: [['+Inf', 7]],
  nan_total: [
    ['0.1', 2],
    ['1', 3],
    ['+Inf', 'NaN'],
  ],
  nan_middle: [
    ['0.1', 2],
    ['0.5', 'NaN'],
    ['1', 5],
    ['+Inf', 6],
  ],
  nan_lowest: [
    ['0.1', 'NaN'],
    ['0.5', 2],
    ['1', 5],
    ['+Inf', 6],
  ],
  // Two spellings of one bound are one bucket (coalesced).
  same_bound: [
    ['1', 2],
    ['1.0', 3],
    ['2', 6],
    ['+Inf', 8],
  ],
  inf_spelling: [
    ['0.5', 1],
    ['1', 4],
    ['inf', 5],
  ],
  // A bucket label Prometheus cannot parse is skipped.
  malformed_le: [
    ['abc', 100],
    ['0.5', 1],
    ['1', 3],
    ['+Inf', 4],
  ],
  exact_boundary: [
    ['1', 5],
    ['2', 10],
    ['+Inf', 20],
  ],
  empty_lowest: [
    ['0.5', 0],
    ['1', 0],
    ['+Inf', 4],
  ],
  // increase() extrapolates: counts are fractions.
  fractional: [
    ['0.005', 0.3333333333333333],
    ['0.01', 2.7142857142857144],
    ['0.1', 9.000000000000002],
    ['+Inf', 12.5],
  ],
  exponent_le: [
    ['5e-05', 2],
    ['1e-4', 3],
    ['0.001', 7],
    ['+Inf', 9],
  ],
};

export const QUANTILES = [NaN, -0.5, 0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1, 1.5];

export function edgeCaseSamples(): RawSample[] {
  return Object.entries(EDGE_CASES).flatMap(([name, buckets]) =>
    buckets.map(([le, value]) => ({ labels: { case: name, le }, value })),
  );
}

/** mulberry32: a small seeded generator, so the data is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The trading exporter's latency buckets (exporters/trading/src/metrics/order-metrics.ts). */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** The slippage buckets: 0.5 bp … 100 bp, as the exporter writes them. */
export const SLIPPAGE_BUCKETS = [0.5, 1, 2, 3, 5, 7.5, 10, 12.5, 15, 20, 30, 50, 75, 100].map((b) =>
  Number((b * 1e-4).toPrecision(3)),
);

/** Cumulative bucket samples of observations, with the given labels on every bucket. */
export function bucketize(observed: number[], bounds: number[], labels: Record<string, string>): RawSample[] {
  const out: RawSample[] = bounds.map((le) => ({
    labels: { ...labels, le: String(le) },
    value: observed.filter((v) => v <= le).length,
  }));
  out.push({ labels: { ...labels, le: '+Inf' }, value: observed.length });
  return out;
}

/** Log-normal-ish latencies: a venue's typical latency times a random spread, with a slow tail. */
export function latencies(rand: () => number, n: number, typical: number): number[] {
  return Array.from({ length: n }, () => {
    const spread = Math.exp((rand() + rand() + rand() - 1.5) * 1.6);
    return rand() < 0.03 ? typical * 40 * rand() : typical * spread;
  });
}
