// Rolling volatility of mark prices, per (venue, symbol), from the mark prices of position snapshots.
// Estimator: realised variance per second over the window, Σ r_i² / Σ Δt_i, with r_i the log return between
// consecutive marks Δt_i seconds apart (zero mean assumed, as is usual over short windows). Irregular snapshot
// times are fine under a random-walk assumption: a return over Δt has variance σ²·Δt.

export interface VolatilityOptions {
  /** How far back from a factor's latest mark the window reaches, in ms. */
  windowMs: number;
  /** Fewest returns before the estimate is trusted (below it the factor has no volatility). */
  minReturns: number;
  /** Most marks kept per factor (the oldest go first). */
  maxMarks?: number;
}

interface Mark {
  ts: number;
  logPrice: number;
}

export class MarkVolatility {
  private readonly marks = new Map<string, Mark[]>();
  private readonly maxMarks: number;

  constructor(private readonly opts: VolatilityOptions) {
    this.maxMarks = opts.maxMarks ?? 2048;
  }

  /** Records a mark; a mark not newer than the factor's latest is ignored (late or duplicate snapshots). */
  observe(factor: string, ts: number, price: number): void {
    if (!(price > 0)) return;
    let list = this.marks.get(factor);
    if (!list) this.marks.set(factor, (list = []));
    const last = list[list.length - 1];
    if (last && ts <= last.ts) return;
    list.push({ ts, logPrice: Math.log(price) });
    const from = ts - this.opts.windowMs;
    let drop = 0;
    while (drop < list.length - 1 && (list[drop].ts < from || list.length - drop > this.maxMarks)) drop++;
    if (drop > 0) list.splice(0, drop);
  }

  /** Variance of the log price per second, or undefined with fewer than minReturns returns in the window. */
  variancePerSecond(factor: string): number | undefined {
    const list = this.marks.get(factor);
    if (!list || list.length - 1 < this.opts.minReturns) return undefined;
    let sumSq = 0;
    let seconds = 0;
    for (let i = 1; i < list.length; i++) {
      const r = list[i].logPrice - list[i - 1].logPrice;
      sumSq += r * r;
      seconds += (list[i].ts - list[i - 1].ts) / 1000;
    }
    return seconds > 0 ? sumSq / seconds : undefined;
  }

  /** Standard deviation of the log return over `horizonSeconds`, or undefined (see variancePerSecond). */
  volatility(factor: string, horizonSeconds: number): number | undefined {
    const v = this.variancePerSecond(factor);
    return v === undefined ? undefined : Math.sqrt(v * horizonSeconds);
  }

  factors(): IterableIterator<string> {
    return this.marks.keys();
  }
}
