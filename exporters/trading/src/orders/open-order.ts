// One order in the open-order table. Kept small (the target is under 1 KiB per open order): fills are
// two parallel number arrays created on the first fill, fill ids only when the desk sends them.
import type { FinalStatus, OrderSeries } from '../metrics/order-metrics.js';

export class OpenOrder {
  ackTs = NaN;
  filled = 0;
  fillTs: number[] | undefined = undefined;
  fillQty: number[] | undefined = undefined;
  fillIds: string[] | undefined = undefined;
  terminalStatus: FinalStatus | undefined = undefined;
  terminalTs = NaN;
  terminalReason: string | undefined = undefined;
  /** When the order's final metrics are due (receipt of its final event + grace); 0 while open. */
  finalizeAt = 0;
  /** Set when the order left the table (finalized or evicted) so queued references are skipped. */
  gone = false;

  constructor(
    readonly id: string,
    readonly series: OrderSeries,
    readonly submitTs: number,
    readonly quantity: number,
    /** +1 for buys, -1 for sells: slippage = sign × (fill − arrival) / arrival. */
    readonly sign: number,
    /** Arrival (or decision) price; 0 when the desk sent neither, and then no slippage is observed. */
    readonly arrival: number,
    readonly receivedAt: number,
  ) {}

  get fullyFilled(): boolean {
    return this.filled >= this.quantity * (1 - 1e-9);
  }

  /** Event time at which cumulative fills (in event-time order) reached the quantity, or Infinity. */
  filledAt(): number {
    if (!this.fullyFilled || !this.fillTs || !this.fillQty) return Infinity;
    const ts = this.fillTs;
    const qty = this.fillQty;
    const order = ts.map((_, i) => i).sort((a, b) => ts[a] - ts[b]);
    let cumulative = 0;
    for (const i of order) {
      cumulative += qty[i];
      if (cumulative >= this.quantity * (1 - 1e-9)) return ts[i];
    }
    return Infinity;
  }

  firstFillTs(): number {
    return this.fillTs ? Math.min(...this.fillTs) : NaN;
  }
}
