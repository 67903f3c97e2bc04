// One order in the open-order table. Kept small and with few heap objects (the target is under 1 KiB per
// open order, and ingest speed depends on how much the GC has to copy and trace): its numbers live in the
// tracker's shared Float64Array (order-numbers.ts), with room for two fills as (time, quantity) pairs and
// further fills in an array of their own; fill ids only when the desk sends them, the first as a plain string.
// The object itself holds only references, and is what the scavenger copies for a new order.
import type { Labels } from '@vigil/exporter-kit';
import type { FinalStatus, OrderSeries } from '../metrics/order-metrics.js';
import { STRIDE, type OrderNumbers } from './order-numbers.js';

const SUBMIT_TS = 0;
const QUANTITY = 1;
const SIGN = 2;
const ARRIVAL = 3;
const RECEIVED_AT = 4;
const ACK_TS = 5;
const FILLED = 6;
const TERMINAL_TS = 7;
const FINALIZE_AT = 8;
const FILL_COUNT = 9;
/** The decision and arrival prices as sent (NaN when absent), for implementation shortfall. */
const DECISION_PRICE = 10;
const ARRIVAL_PRICE = 11;
/** Σ fill quantity × fill price: the average fill price is NOTIONAL / FILLED. */
const NOTIONAL = 12;
const FIRST_FILL = 13;
const IN_PLACE_FILLS = (STRIDE - FIRST_FILL) >> 1;

export class OpenOrder {
  /** Offset of this order's run in `nums.data`; given back when the order leaves the table. */
  private readonly at: number;
  /** Fills past the two kept in place, as [ts, qty, ts, qty, ...]. */
  private moreFills: number[] | undefined = undefined;
  /** Fill ids seen: one id as a string, then an array. */
  private fillIds: string | string[] | undefined = undefined;
  terminalStatus: FinalStatus | undefined = undefined;
  terminalReason: string | undefined = undefined;
  /** Set when the order left the table (finalized or evicted) so queued references are skipped. */
  gone = false;
  /** The quote book its fills' markouts read (MarkoutTracker.bookFor; −1 when markouts are off or its venue or symbol folded). */
  book = -1;
  /** The order's trace (the desk's traceId, else the sampled trace of the batch that submitted it): its exemplars' labels. */
  trace: Labels | undefined = undefined;
  /** True when trace is the desk's own traceId (always the exemplar), false for a batch's trace (refreshed once a second). */
  ownTrace = false;

  constructor(
    private readonly nums: OrderNumbers,
    readonly id: string,
    readonly series: OrderSeries,
    submitTs: number,
    quantity: number,
    /** +1 for buys, -1 for sells: slippage = sign × (fill − arrival) / arrival. */
    sign: number,
    /** Arrival (or decision) price; 0 when the desk sent neither, and then no slippage is observed. */
    arrival: number,
    receivedAt: number,
    decisionPrice = NaN,
    arrivalPrice = NaN,
  ) {
    const at = (this.at = nums.alloc());
    const d = nums.data;
    d[at + SUBMIT_TS] = submitTs;
    d[at + QUANTITY] = quantity;
    d[at + SIGN] = sign;
    d[at + ARRIVAL] = arrival;
    d[at + RECEIVED_AT] = receivedAt;
    d[at + ACK_TS] = NaN;
    d[at + FILLED] = 0;
    d[at + TERMINAL_TS] = NaN;
    d[at + FINALIZE_AT] = 0;
    d[at + FILL_COUNT] = 0;
    d[at + DECISION_PRICE] = decisionPrice;
    d[at + ARRIVAL_PRICE] = arrivalPrice;
    d[at + NOTIONAL] = 0;
  }

  /** Marks the order gone and gives its numbers back: nothing may read them after. */
  release(): void {
    this.gone = true;
    this.nums.release(this.at);
  }

  private get(i: number): number {
    return this.nums.data[this.at + i];
  }
  private set(i: number, v: number): void {
    this.nums.data[this.at + i] = v;
  }

  get submitTs(): number {
    return this.get(SUBMIT_TS);
  }
  get quantity(): number {
    return this.get(QUANTITY);
  }
  get sign(): number {
    return this.get(SIGN);
  }
  get arrival(): number {
    return this.get(ARRIVAL);
  }
  get receivedAt(): number {
    return this.get(RECEIVED_AT);
  }
  get ackTs(): number {
    return this.get(ACK_TS);
  }
  set ackTs(v: number) {
    this.set(ACK_TS, v);
  }
  get filled(): number {
    return this.get(FILLED);
  }
  get terminalTs(): number {
    return this.get(TERMINAL_TS);
  }
  set terminalTs(v: number) {
    this.set(TERMINAL_TS, v);
  }
  /** When the order's final metrics are due (receipt of its final event + grace); 0 while open. */
  get finalizeAt(): number {
    return this.get(FINALIZE_AT);
  }
  set finalizeAt(v: number) {
    this.set(FINALIZE_AT, v);
  }

  get fillCount(): number {
    return this.get(FILL_COUNT);
  }
  get decisionPrice(): number {
    return this.get(DECISION_PRICE);
  }
  get arrivalPrice(): number {
    return this.get(ARRIVAL_PRICE);
  }
  /** Quantity-weighted average fill price; NaN without fills. */
  get averageFillPrice(): number {
    return this.get(FILLED) > 0 ? this.get(NOTIONAL) / this.get(FILLED) : NaN;
  }

  addFill(ts: number, qty: number, price: number): void {
    const k = this.get(FILL_COUNT);
    if (k < IN_PLACE_FILLS) {
      this.set(FIRST_FILL + 2 * k, ts);
      this.set(FIRST_FILL + 2 * k + 1, qty);
    } else (this.moreFills ??= []).push(ts, qty);
    this.set(FILL_COUNT, k + 1);
    this.set(FILLED, this.get(FILLED) + qty);
    this.set(NOTIONAL, this.get(NOTIONAL) + qty * price);
  }

  /** Fill k's event time and quantity. */
  private fillTs(k: number): number {
    return k < IN_PLACE_FILLS ? this.get(FIRST_FILL + 2 * k) : this.moreFills![2 * (k - IN_PLACE_FILLS)];
  }
  private fillQty(k: number): number {
    return k < IN_PLACE_FILLS ? this.get(FIRST_FILL + 2 * k + 1) : this.moreFills![2 * (k - IN_PLACE_FILLS) + 1];
  }

  /** Records a fill id; false when the order already had it (a duplicate fill). */
  addFillId(id: string): boolean {
    const ids = this.fillIds;
    if (ids === undefined) this.fillIds = id;
    else if (typeof ids === 'string') {
      if (ids === id) return false;
      this.fillIds = [ids, id];
    } else {
      if (ids.includes(id)) return false;
      ids.push(id);
    }
    return true;
  }

  get fullyFilled(): boolean {
    return this.filled >= this.quantity * (1 - 1e-9);
  }

  /** Event time at which cumulative fills (in event-time order) reached the quantity, or Infinity. */
  filledAt(): number {
    if (!this.fullyFilled) return Infinity;
    const fills: Array<[number, number]> = [];
    for (let k = 0; k < this.fillCount; k++) fills.push([this.fillTs(k), this.fillQty(k)]);
    fills.sort((a, b) => a[0] - b[0]);
    let cumulative = 0;
    for (const [ts, qty] of fills) {
      cumulative += qty;
      if (cumulative >= this.quantity * (1 - 1e-9)) return ts;
    }
    return Infinity;
  }

  /** Whether a fill came before `ts` in event time (or at it, when `inclusive`). */
  hasFillBefore(ts: number, inclusive: boolean): boolean {
    for (let k = 0; k < this.fillCount; k++) {
      const t = this.fillTs(k);
      if (t < ts || (inclusive && t === ts)) return true;
    }
    return false;
  }

  firstFillTs(): number {
    let min = NaN;
    for (let k = 0; k < this.fillCount; k++) {
      const ts = this.fillTs(k);
      if (!(ts >= min)) min = ts;
    }
    return min;
  }
}
