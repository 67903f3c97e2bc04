/**
 * Thins a series to at most 2 points per bucket (the bucket's min and max, in time order) over [start, end], so a
 * chart a few hundred pixels wide never hands uPlot 43 200 points per SLO yet keeps every spike. Null and NaN
 * points become null (a gap). Points outside the range are dropped.
 */
export function minMaxDownsample(
  times: ArrayLike<number>,
  values: ArrayLike<number | null>,
  start: number,
  end: number,
  buckets: number,
): { times: number[]; values: Array<number | null> } {
  const outT: number[] = [];
  const outV: Array<number | null> = [];
  const span = end - start;
  let bucket = -1;
  let minI = -1;
  let maxI = -1;
  const flush = () => {
    if (minI < 0) {
      return;
    }
    const [a, b] = minI <= maxI ? [minI, maxI] : [maxI, minI];
    outT.push(times[a]);
    outV.push(values[a] as number);
    if (b !== a) {
      outT.push(times[b]);
      outV.push(values[b] as number);
    }
  };
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (!(t >= start && t <= end)) {
      continue;
    }
    const v = values[i];
    if (typeof v !== 'number' || Number.isNaN(v)) {
      flush();
      minI = maxI = -1;
      outT.push(t);
      outV.push(null);
      continue;
    }
    const b = span > 0 ? Math.min(buckets - 1, Math.floor(((t - start) / span) * buckets)) : 0;
    if (b !== bucket) {
      flush();
      bucket = b;
      minI = maxI = i;
    } else {
      if (v < (values[minI] as number)) {
        minI = i;
      }
      if (v > (values[maxI] as number)) {
        maxI = i;
      }
    }
  }
  flush();
  return { times: outT, values: outV };
}
