// The signed slippage distribution from the trading exporter's two histograms. Every fill observes both
// trading_order_slippage_adverse_ratio and trading_order_slippage_favorable_ratio, one of them 0, so with N
// fills (the adverse +Inf bucket), signed slippage s = adverse − favourable has
//   count(s ≤ b)  = adverse(le=b)             for b ≥ 0 (every favourable fill has adverse = 0 ≤ b)
//   count(s ≤ −b) = N − favourable(le=b)      for b > 0 (fills with favourable slippage above b)
// (the second is exact up to fills lying exactly on a bound, as with any histogram). That is one classic
// histogram on a diverging axis, and its quantiles are what histogram_quantile gives on the PromQL
//   sum by (le) (adverse_bucket)
//   or label_replace(scalar-like N − on() group_right sum by (le) (favourable_bucket{le!="+Inf"}), "le", "-$1", "le", "(.+)")
// which src/data/histogram.promtool.test.ts evaluates with the real promtool.
import { bucketCounts, histogramQuantile, observations, type Bucket } from './histogram';

export type SlippageSide = 'favorable' | 'neutral' | 'adverse';

export interface SlippageBar {
  /** Signed bounds, as ratios (1 bp = 0.0001); the outermost bars are open-ended (±Infinity). */
  from: number;
  to: number;
  count: number;
  side: SlippageSide;
}

export interface SignedSlippage {
  /** Cumulative buckets of the signed distribution (what the quantiles are computed from). */
  buckets: Bucket[];
  bars: SlippageBar[];
  fills: number;
  p50: number;
  p95: number;
}

/** The signed cumulative histogram; see the file comment. Favourable bounds ≤ 0 carry no information. */
export function signedHistogram(adverse: readonly Bucket[], favorable: readonly Bucket[]): Bucket[] {
  const n = observations(adverse);
  const negative = favorable
    .filter((b) => b.le > 0 && Number.isFinite(b.le))
    .map((b) => ({ le: -b.le, count: n - b.count }));
  return [...negative, ...adverse].sort((a, b) => a.le - b.le);
}

function sideOf(from: number, to: number): SlippageSide {
  if (to <= 0) {
    return 'favorable';
  }
  return from >= 0 ? 'adverse' : 'neutral';
}

/** The diverging distribution with its p50 and p95; undefined when there were no fills. */
export function signedSlippage(
  adverse: readonly Bucket[],
  favorable: readonly Bucket[],
): SignedSlippage | undefined {
  const buckets = signedHistogram(adverse, favorable);
  const fills = observations(adverse);
  if (!(fills > 0)) {
    return undefined;
  }
  const bars = bucketCounts(buckets).map((b) => ({ ...b, side: sideOf(b.from, b.to) }));
  return {
    buckets,
    bars,
    fills,
    p50: histogramQuantile(0.5, buckets),
    p95: histogramQuantile(0.95, buckets),
  };
}
