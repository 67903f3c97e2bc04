// Every markout number of every (venue, symbol, side, liquidity) in one Float64Array, a block per label set,
// written by index. The sweep that measures due horizons touches one histogram per fill, long after the batch's
// other work has evicted it from cache: in one contiguous array that is one load at a computed offset instead of
// a chain of objects (series → horizon array → histogram → its counts), and the blocks in use stay in a few
// pages. The exported histograms and counters are filled from here at scrape time.
//
// Block layout: [generation, then per horizon: bucket counts (bounds + 1, the last +Inf), adverse, favorable, count,
// unmeasured]. adverse sums the positive markouts, favorable the magnitudes of the negative ones: two counters that
// only grow, where the signed sum (not exported) would fall.
// A block's generation changes whenever it is given out again, so a pending fill of an evicted label set (it
// holds the block offset and the generation it saw) writes nothing rather than into the set that reused it.

export class MarkoutStore {
  data: Float64Array;
  /** Numbers per horizon: bucket counts, adverse, favorable, count, unmeasured. */
  readonly horizonSize: number;
  readonly blockSize: number;
  /** Offsets within a horizon's run. */
  readonly adverseAt: number;
  readonly favorableAt: number;
  readonly countAt: number;
  readonly unmeasuredAt: number;
  /** Blocks ever laid out (the high-water mark); freed ones are reused first. */
  private laidOut = 0;
  private readonly free: number[] = [];
  private nextGeneration = 1;

  constructor(
    readonly horizons: number,
    /** Number of bucket bounds (the +Inf bucket not counted). */
    bounds: number,
  ) {
    this.adverseAt = bounds + 1;
    this.favorableAt = bounds + 2;
    this.countAt = bounds + 3;
    this.unmeasuredAt = bounds + 4;
    this.horizonSize = bounds + 5;
    this.blockSize = 1 + horizons * this.horizonSize;
    this.data = new Float64Array(this.blockSize * 16);
  }

  /** A zeroed block with a new generation (at its offset); returns the offset. */
  take(): number {
    let base = this.free.pop();
    if (base === undefined) {
      base = this.laidOut++ * this.blockSize;
      if (base + this.blockSize > this.data.length) {
        const grown = new Float64Array(this.data.length * 2);
        grown.set(this.data);
        this.data = grown;
      }
    } else this.data.fill(0, base, base + this.blockSize);
    this.data[base] = this.nextGeneration++;
    return base;
  }

  /** Gives a block back; writes still addressed to it under its old generation are dropped from now on. */
  release(base: number): void {
    this.data[base] = 0;
    this.free.push(base);
  }

  /** Offset of horizon h's run in the block at `base`. */
  horizonAt(base: number, h: number): number {
    return base + 1 + h * this.horizonSize;
  }
}
