// Share of correct outcomes over sliding windows (5m and 1h) ending now, from a ring of 10-second slots keyed
// by each outcome's own event time: a batch of outcomes posted late lands in the slots of when they happened,
// not in the newest one. Memory is fixed per model version.
const SLOT_MS = 10_000;
const SLOTS = 360; // one hour

export const ACCURACY_WINDOWS: ReadonlyArray<{ label: string; slots: number }> = [
  { label: '5m', slots: 30 },
  { label: '1h', slots: 360 },
];

export class RollingAccuracy {
  private readonly correct = new Float64Array(SLOTS);
  private readonly total = new Float64Array(SLOTS);
  /** Absolute index (time / slot) of the newest slot: the one holding `now`. */
  private newest = -1;

  private advance(now: number): void {
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
  }

  /**
   * Records an outcome that happened at `eventMs` (clamped to `now`: clocks may run a little ahead).
   * Returns false, recording nothing, when it happened before the longest window.
   */
  record(now: number, eventMs: number, correct: boolean): boolean {
    this.advance(now);
    const slot = Math.floor(Math.min(eventMs, now) / SLOT_MS);
    if (this.newest - slot >= SLOTS) return false;
    const k = slot % SLOTS;
    this.total[k]++;
    if (correct) this.correct[k]++;
    return true;
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
