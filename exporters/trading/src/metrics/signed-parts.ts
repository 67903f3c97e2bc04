// The mean of a signed histogram (markouts, implementation shortfall: observations below 0 as well as above) from
// two counters that only grow: the sum of the positive observations (adverse) and of the negative ones' magnitudes
// (favorable). Such a histogram exports no _sum (its sum falls, and rate() would read each fall as a counter
// reset); mean = (rate(adverse) - rate(favorable)) / rate(_count).
import { CounterVec, observe, type HistogramChild, type ValueChild } from './series.js';

export interface SignedPartsChild {
  readonly adverse: ValueChild;
  readonly favorable: ValueChild;
}

/** One series of a signed histogram with its parts. */
export interface SignedObservation {
  readonly histogram: HistogramChild;
  readonly parts: SignedPartsChild;
}

export class SignedParts {
  readonly adverse: CounterVec;
  readonly favorable: CounterVec;

  /** `<prefix>_adverse_ratio_total` and `<prefix>_favorable_ratio_total`, with the histogram's labels. */
  constructor(prefix: string, histogram: string, labelNames: readonly string[]) {
    this.adverse = new CounterVec(
      `${prefix}_adverse_ratio_total`,
      `Sum of the positive (adverse) observations of ${histogram}; the mean is (this - ${prefix}_favorable_ratio_total) / ${histogram}_count, by rate() or increase().`,
      labelNames,
    );
    this.favorable = new CounterVec(
      `${prefix}_favorable_ratio_total`,
      `Sum of the magnitudes of the negative (favourable) observations of ${histogram}.`,
      labelNames,
    );
  }

  child(values: readonly string[]): SignedPartsChild {
    return { adverse: this.adverse.child(values), favorable: this.favorable.child(values) };
  }

  remove(values: readonly string[]): void {
    this.adverse.remove(values);
    this.favorable.remove(values);
  }
}

/** Adds one signed observation to its parts. */
export function addSigned(parts: SignedPartsChild, v: number): void {
  if (v > 0) parts.adverse.value += v;
  else parts.favorable.value -= v;
}

/** Observes v into the histogram and its parts. */
export function observeSigned(o: SignedObservation, v: number): void {
  observe(o.histogram, v);
  addSigned(o.parts, v);
}
