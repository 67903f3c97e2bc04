// Burn maths for raw SLI queries (an error or success ratio per step, not the generator's recorded series):
// the windowed error ratios are averages of the returned points, which equals the event-weighted ratio when
// traffic is steady across the window and the query step is regular. The panel labels such SLOs "raw".
// Null (missing step) and NaN points are skipped.

const real = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);

/** Mean of values whose time is within (end − windowMs, end]; NaN points are skipped; undefined if none. */
export function windowMean(
  times: number[],
  values: number[],
  end: number,
  windowMs: number,
): number | undefined {
  let sum = 0;
  let n = 0;
  for (let i = times.length - 1; i >= 0 && times[i] > end - windowMs; i--) {
    if (times[i] <= end && real(values[i])) {
      sum += values[i];
      n++;
    }
  }
  return n ? sum / n : undefined;
}

/**
 * For each point, the mean error ratio over the period ending there (or since the first point, whichever is
 * shorter), in one pass with prefix sums so 30 days of 1-minute points stay cheap.
 */
export function rollingMean(times: number[], values: number[], windowMs: number): number[] {
  const prefix = new Float64Array(values.length + 1);
  const count = new Uint32Array(values.length + 1);
  for (let i = 0; i < values.length; i++) {
    const ok = real(values[i]);
    prefix[i + 1] = prefix[i] + (ok ? values[i] : 0);
    count[i + 1] = count[i] + (ok ? 1 : 0);
  }
  const out = new Array<number>(values.length);
  let start = 0;
  for (let i = 0; i < values.length; i++) {
    while (times[start] <= times[i] - windowMs) {
      start++;
    }
    const n = count[i + 1] - count[start];
    out[i] = n ? (prefix[i + 1] - prefix[start]) / n : NaN;
  }
  return out;
}
