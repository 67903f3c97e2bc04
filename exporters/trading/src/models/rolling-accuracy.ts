// Share of correct outcomes over sliding windows (5m and 1h), from a ring of 10-second slots keyed by the
// time outcomes arrive. Memory is fixed per model version.
const SLOT_MS = 10_000;
const SLOTS = 360; // one hour

export const ACCURACY_WINDOWS: ReadonlyArray<{ label: string; slots: number }> = [
  { label: '5m', slots: 30 },
  { label: '1h', slots: 360 },
];

export class RollingAccuracy {
  private readonly correct = new Float64Array(SLOTS);
  private readonly total = new Float64Array(SLOTS);
  /** Absolute index (time / slot) of the newest slot written. */
  private newest = -1;

  private advance(now: number): number {
    const slot = Math.floor(now / SLOT_MS);
    if (this.newest < 0) this.newest = slot;
    if (slot > this.newest) {
      const clear = Math.min(slot - this.newest, SLOTS);
      for (let i = 1; i <= clear; i++) {
        const k = (this.newest + i) % SLOTS;
        this.correct[k] = 0;
        this.total[k] = 0;
      }
      this.newest = slot;
    }
    return slot;
  }

  record(now: number, correct: boolean): void {
    const k = this.advance(now) % SLOTS;
    this.total[k]++;
    if (correct) this.correct[k]++;
  }

  /** Correct / total over the newest `slots` slots, or undefined with no outcome in the window. */
  ratio(now: number, slots: number): number | undefined {
    this.advance(now);
    let c = 0;
    let t = 0;
    for (let i = 0; i < slots; i++) {
      const k = (((this.newest - i) % SLOTS) + SLOTS) % SLOTS;
      c += this.correct[k];
      t += this.total[k];
    }
    return t > 0 ? c / t : undefined;
  }
}
