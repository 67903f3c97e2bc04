// Recent mid prices of one (venue, symbol), in event-time order: a markout reads the last mid at or before its
// horizon. Quotes usually arrive in time order (appended); a late one is inserted in place. Bounded twice: at
// most `capacity` quotes (the oldest goes first) and none older than `retainMs` behind the newest, or behind the
// arrival clock when the newest is stamped ahead of it (one quote stamped minutes ahead must not empty the book).
// A quote is a (ts, mid) pair side by side in one array, so the mid a lookup found is in the cache line it read.

export class QuoteBook {
  /** Quote k: its ts at q[2k], its mid at q[2k + 1]. */
  private q: Float64Array;
  /** Quotes live in [start, end) (quote indexes). */
  private start = 0;
  private end = 0;

  constructor(
    private readonly capacity: number,
    private readonly retainMs: number,
  ) {
    this.q = new Float64Array(2 * Math.min(capacity, 64));
  }

  get size(): number {
    return this.end - this.start;
  }

  /** Records a quote that arrived at `now`; returns how many old quotes it pushed out past the capacity (0 or 1). */
  add(ts: number, mid: number, now: number): number {
    let dropped = 0;
    if (this.size === this.capacity) {
      if (ts < this.q[2 * this.start]) return 1; // older than everything kept, and no room: the quote itself goes
      this.start++;
      dropped = 1;
    }
    this.makeRoom();
    const q = this.q;
    // After every earlier quote; among quotes of the same ts the higher mid counts as the later one, so the
    // answer does not depend on the order they arrived in.
    let at = this.end;
    while (at > this.start && (q[2 * at - 2] > ts || (q[2 * at - 2] === ts && q[2 * at - 1] > mid))) at--;
    if (at < this.end) q.copyWithin(2 * at + 2, 2 * at, 2 * this.end);
    q[2 * at] = ts;
    q[2 * at + 1] = mid;
    this.end++;
    const cutoff = Math.min(q[2 * this.end - 2], now) - this.retainMs;
    while (q[2 * this.start] < cutoff) this.start++;
    return dropped;
  }

  /** The mid of the last quote at or before `at`, if that quote is at most `maxAgeMs` older; NaN otherwise. */
  midAt(at: number, maxAgeMs: number): number {
    const i = this.lastAtOrBefore(at);
    return i >= 0 && at - this.q[2 * i] <= maxAgeMs ? this.q[2 * i + 1] : NaN;
  }

  /**
   * Index of the last quote with ts ≤ at, −1 when none. Quotes come at a steady pace, so the first probe is
   * interpolated from the times at both ends and a few steps from it find the quote; when they do not (bursts,
   * gaps), a binary search over what is left.
   */
  private lastAtOrBefore(at: number): number {
    const q = this.q;
    const first = this.start;
    const last = this.end - 1;
    if (last < first || at < q[2 * first]) return -1;
    if (at >= q[2 * last]) return last;
    // Here the ts of quote first <= at < the ts of quote last: the answer is in [first, last).
    let lo = first;
    let hi = last;
    let i = first + Math.floor(((at - q[2 * first]) / (q[2 * last] - q[2 * first])) * (last - first));
    if (i >= last) i = last - 1;
    for (let step = 0; step < 4; step++) {
      if (q[2 * i] > at) {
        hi = i;
        i--;
      } else if (q[2 * (i + 1)] <= at) {
        lo = i + 1;
        i++;
      } else return i;
    }
    // Invariant: the ts of quote lo <= at < the ts of quote hi.
    while (hi - lo > 1) {
      const m = (lo + hi) >>> 1;
      if (q[2 * m] <= at) lo = m;
      else hi = m;
    }
    return lo;
  }

  /** Ensures one free slot at the end: slides the quotes to the front or grows the array (up to capacity). */
  private makeRoom(): void {
    const room = this.q.length / 2;
    if (this.end < room) return;
    const n = this.size;
    if (n + 1 > room / 2 && room < this.capacity) {
      const q = new Float64Array(2 * Math.min(this.capacity, room * 2));
      q.set(this.q.subarray(2 * this.start, 2 * this.end));
      this.q = q;
    } else this.q.copyWithin(0, 2 * this.start, 2 * this.end);
    this.start = 0;
    this.end = n;
  }
}
