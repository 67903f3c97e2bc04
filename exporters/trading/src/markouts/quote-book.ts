// Recent mid prices of one (venue, symbol), in event-time order: a markout reads the last mid at or before its
// horizon. Quotes usually arrive in time order (appended); a late one is inserted in place. Bounded twice: at
// most `capacity` quotes (the oldest goes first) and none older than `retainMs` behind the newest.

export class QuoteBook {
  private ts: Float64Array;
  private mid: Float64Array;
  /** Quotes live in [start, end) of both arrays. */
  private start = 0;
  private end = 0;

  constructor(
    private readonly capacity: number,
    private readonly retainMs: number,
  ) {
    const room = Math.min(capacity, 64);
    this.ts = new Float64Array(room);
    this.mid = new Float64Array(room);
  }

  get size(): number {
    return this.end - this.start;
  }

  /** Records a quote; returns how many old quotes it pushed out past the capacity (0 or 1). */
  add(ts: number, mid: number): number {
    let dropped = 0;
    if (this.size === this.capacity) {
      if (ts < this.ts[this.start]) return 1; // older than everything kept, and no room: the quote itself goes
      this.start++;
      dropped = 1;
    }
    this.makeRoom();
    // After every earlier quote; among quotes of the same ts the higher mid counts as the later one, so the
    // answer does not depend on the order they arrived in.
    let at = this.end;
    while (at > this.start && (this.ts[at - 1] > ts || (this.ts[at - 1] === ts && this.mid[at - 1] > mid))) at--;
    if (at < this.end) {
      this.ts.copyWithin(at + 1, at, this.end);
      this.mid.copyWithin(at + 1, at, this.end);
    }
    this.ts[at] = ts;
    this.mid[at] = mid;
    this.end++;
    const cutoff = this.ts[this.end - 1] - this.retainMs;
    while (this.ts[this.start] < cutoff) this.start++;
    return dropped;
  }

  /** The mid of the last quote at or before `at`, if that quote is at most `maxAgeMs` older; NaN otherwise. */
  midAt(at: number, maxAgeMs: number): number {
    const i = this.lastAtOrBefore(at);
    return i >= 0 && at - this.ts[i] <= maxAgeMs ? this.mid[i] : NaN;
  }

  /**
   * Index of the last quote with ts ≤ at, −1 when none. Quotes come at a steady pace, so the first probe is
   * interpolated from the times at both ends and a few steps from it find the quote; when they do not (bursts,
   * gaps), a binary search over what is left.
   */
  private lastAtOrBefore(at: number): number {
    const ts = this.ts;
    const first = this.start;
    const last = this.end - 1;
    if (last < first || at < ts[first]) return -1;
    if (at >= ts[last]) return last;
    // Here ts[first] <= at < ts[last]: the answer is in [first, last).
    let lo = first;
    let hi = last;
    let i = first + Math.floor(((at - ts[first]) / (ts[last] - ts[first])) * (last - first));
    if (i >= last) i = last - 1;
    for (let step = 0; step < 4; step++) {
      if (ts[i] > at) {
        hi = i;
        i--;
      } else if (ts[i + 1] <= at) {
        lo = i + 1;
        i++;
      } else return i;
    }
    // Invariant: ts[lo] <= at < ts[hi].
    while (hi - lo > 1) {
      const m = (lo + hi) >>> 1;
      if (ts[m] <= at) lo = m;
      else hi = m;
    }
    return lo;
  }

  /** Ensures one free slot at the end: slides the quotes to the front or grows the arrays (up to capacity). */
  private makeRoom(): void {
    if (this.end < this.ts.length) return;
    const n = this.size;
    if (n + 1 > this.ts.length / 2 && this.ts.length < this.capacity) {
      const size = Math.min(this.capacity, this.ts.length * 2);
      const ts = new Float64Array(size);
      const mid = new Float64Array(size);
      ts.set(this.ts.subarray(this.start, this.end));
      mid.set(this.mid.subarray(this.start, this.end));
      this.ts = ts;
      this.mid = mid;
    } else {
      this.ts.copyWithin(0, this.start, this.end);
      this.mid.copyWithin(0, this.start, this.end);
    }
    this.start = 0;
    this.end = n;
  }
}
