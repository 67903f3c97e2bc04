// Classic Prometheus histograms as the panel receives them (one sample per `le` bucket) and the quantile
// Prometheus' histogram_quantile computes from them. The quantile follows Prometheus 2.42's promql/quantile.go
// step by step (sort, coalesce equal bounds, monotonic envelope, Go's sort.Search), so the panel prints the
// same figure a PromQL query over the same buckets would; src/data/histogram.promtool.test.ts checks that
// against the real promtool.
import type { Labels, Sample } from './frames';

/** One cumulative bucket: observations less than or equal to `le`. */
export interface Bucket {
  le: number;
  count: number;
}

const INF = /^[+-]?inf(inity)?$/i;
const NAN = /^nan$/i;
// The decimal numbers Go's strconv.ParseFloat accepts (no spaces, no empty string). Go also reads hexadecimal
// floats ("0x1p-3"); no exporter writes those into `le`, and the panel skips them.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The numeric upper bound of an `le` label value, as Prometheus parses it ("+Inf", "0.005", "1e-3", "-0.01");
 * undefined for what Prometheus would skip (no label, malformed value).
 */
export function parseLe(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (INF.test(text)) {
    return text.startsWith('-') ? -Infinity : Infinity;
  }
  if (NAN.test(text)) {
    return NaN;
  }
  if (!DECIMAL.test(text)) {
    return undefined;
  }
  return Number(text);
}

/** Go's sort.Search: the smallest i in [0, n) for which pred(i) holds, by the same bisection steps. */
function goSearch(n: number, pred: (i: number) => boolean): number {
  let i = 0;
  let j = n;
  while (i < j) {
    const h = (i + j) >>> 1;
    if (!pred(h)) {
      i = h + 1;
    } else {
      j = h;
    }
  }
  return i;
}

/** Buckets sorted by bound, equal bounds summed (Prometheus' coalesceBuckets). */
function sortedCoalesced(buckets: readonly Bucket[]): Bucket[] {
  const sorted = buckets.map((b) => ({ le: b.le, count: b.count })).sort((a, b) => a.le - b.le);
  const out: Bucket[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && last.le === b.le) {
      last.count += b.count;
    } else {
      out.push(b);
    }
  }
  return out;
}

/**
 * Removes decreases between successive buckets (Prometheus' ensureMonotonic): scrapes are not atomic, so
 * rate() or increase() of the buckets may dip; each bucket gets at least the count of the ones below it.
 */
function ensureMonotonic(buckets: Bucket[]): void {
  let max = buckets[0].count;
  for (let i = 1; i < buckets.length; i++) {
    if (buckets[i].count > max) {
      max = buckets[i].count;
    } else if (buckets[i].count < max) {
      buckets[i].count = max;
    }
  }
}

/**
 * histogram_quantile(q, buckets) as Prometheus 2.42 computes it for a classic histogram:
 * NaN for q = NaN, no +Inf bucket, fewer than two buckets after coalescing, or no observations; -Inf for q < 0
 * and +Inf for q > 1; the upper bound of the second-highest bucket when the rank falls in the +Inf bucket; the
 * lowest bound itself when it is ≤ 0 and the rank falls in the lowest bucket; otherwise linear interpolation
 * inside the bucket, from 0 when the lowest bucket's bound is positive.
 * A bucket whose bound is NaN must be removed first (Prometheus' own result then depends on its sort order).
 */
export function histogramQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) {
    return NaN;
  }
  if (q < 0) {
    return -Infinity;
  }
  if (q > 1) {
    return Infinity;
  }
  if (input.length === 0) {
    return NaN;
  }
  const sorted = sortedCoalesced(input);
  if (sorted[sorted.length - 1].le !== Infinity) {
    return NaN;
  }
  ensureMonotonic(sorted);
  if (sorted.length < 2) {
    return NaN;
  }
  const observations = sorted[sorted.length - 1].count;
  if (observations === 0) {
    return NaN;
  }
  let rank = q * observations;
  const b = goSearch(sorted.length - 1, (i) => sorted[i].count >= rank);
  if (b === sorted.length - 1) {
    return sorted[sorted.length - 2].le;
  }
  if (b === 0 && sorted[0].le <= 0) {
    return sorted[0].le;
  }
  let start = 0;
  const end = sorted[b].le;
  let count = sorted[b].count;
  if (b > 0) {
    start = sorted[b - 1].le;
    count -= sorted[b - 1].count;
    rank -= sorted[b - 1].count;
  }
  return start + (end - start) * (rank / count);
}

/** Sums histograms bucket by bucket, as `sum by (le)` does before histogram_quantile. */
export function mergeHistograms(histograms: Iterable<readonly Bucket[]>): Bucket[] {
  const byLe = new Map<number, number>();
  for (const h of histograms) {
    for (const b of h) {
      byLe.set(b.le, (byLe.get(b.le) ?? 0) + b.count);
    }
  }
  return [...byLe].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
}

/** The total number of observations: the +Inf bucket's count (0 when absent). */
export function observations(buckets: readonly Bucket[]): number {
  let total = 0;
  for (const b of buckets) {
    if (b.le === Infinity) {
      total += b.count;
    }
  }
  return total;
}

/** Count in each bucket on its own (cumulative counts de-accumulated), sorted by bound, monotonic first. */
export function bucketCounts(buckets: readonly Bucket[]): Array<{ from: number; to: number; count: number }> {
  const sorted = sortedCoalesced(buckets.filter((b) => !Number.isNaN(b.le)));
  if (sorted.length === 0) {
    return [];
  }
  ensureMonotonic(sorted);
  return sorted.map((b, i) => ({
    from: i === 0 ? -Infinity : sorted[i - 1].le,
    to: b.le,
    count: i === 0 ? b.count : b.count - sorted[i - 1].count,
  }));
}

export interface GroupedHistograms {
  byKey: Map<string, Bucket[]>;
  /** Bucket samples left out: no `le` label, a malformed one, or le="NaN". */
  skipped: number;
}

/**
 * Merges bucket samples into one histogram per key (like `sum by (key, le)`); samples whose `le` Prometheus
 * would skip are counted instead, as are le="NaN" buckets, for which Prometheus' own result is undefined.
 */
export function groupHistograms(
  samples: readonly Sample[],
  key: (labels: Labels) => string,
): GroupedHistograms {
  const parts = new Map<string, Bucket[]>();
  let skipped = 0;
  for (const s of samples) {
    const le = parseLe(s.labels.le);
    if (le === undefined || Number.isNaN(le)) {
      skipped++;
      continue;
    }
    const k = key(s.labels);
    let list = parts.get(k);
    if (!list) {
      parts.set(k, (list = []));
    }
    list.push({ le, count: s.value });
  }
  const byKey = new Map<string, Bucket[]>();
  for (const [k, list] of parts) {
    byKey.set(k, mergeHistograms([list]));
  }
  return { byKey, skipped };
}
