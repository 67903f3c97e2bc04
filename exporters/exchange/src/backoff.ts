// Capped exponential backoff between attempts to re-establish a lost stream: initial, doubling, at most max;
// back to initial once the stream delivers again.
export class Backoff {
  private attempt = 0;

  constructor(
    readonly initialMs: number,
    readonly maxMs: number,
  ) {}

  /** The delay before the next attempt; each call doubles the following one, up to max. */
  next(): number {
    const ms = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return ms;
  }

  reset(): void {
    this.attempt = 0;
  }
}
