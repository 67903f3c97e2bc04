// The numbers of every order in the open-order table, in one Float64Array: a fixed run of slots per order,
// runs reused as orders leave. Orders live for at least the grace period after their final event, so every one
// outlives the young generation; numbers kept in a JS array per order were copied by the scavenger twice (to
// the survivor space, then to the old generation), and were the largest part of what it copied under load.
// A typed array's backing store is never scanned or moved by the GC.

/** Doubles per order: SUBMIT_TS .. FIRST_FILL + room for two fills (see open-order.ts). */
export const STRIDE = 17;

export class OrderNumbers {
  /** Read it afresh after alloc(): growing replaces it. */
  data = new Float64Array(STRIDE * 1024);
  private readonly free: number[] = [];
  private next = 0;

  /** A run of STRIDE doubles for a new order; returns its offset into `data`. */
  alloc(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    const at = this.next;
    if (at + STRIDE > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.next += STRIDE;
    return at;
  }

  /** Gives the run back; the order must not be read after. */
  release(at: number): void {
    this.free.push(at);
  }

  /** Bytes held by the array (capacity, not only the runs in use). */
  get bytes(): number {
    return this.data.byteLength;
  }
}
