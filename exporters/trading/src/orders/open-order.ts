// One order in the open-order table. Kept small and with few heap objects (the target is under 1 KiB per
// open order, and ingest speed depends on how much the GC has to copy and trace): every number lives unboxed
// in one packed double array with room for two fills as (time, quantity) pairs, more fills appended; fill
// ids only when the desk sends them, the first as a plain string. Sized so that the usual order (one to two
// fills) never grows an array: a grown JS array leaves its old backing store behind and takes one with 16
// spare slots, which the young-generation GC then copies for every order that lives through the grace period.
import type { FinalStatus, OrderSeries } from '../metrics/order-metrics.js';

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
const FIRST_FILL = 10;

export class OpenOrder {
  /** The numbers above, then fills as [ts, qty, ts, qty, ...]. Always doubles, so V8 stores them unboxed. */
  private readonly n: number[];
  /** Fill ids seen: one id as a string, then an array. */
  private fillIds: string | string[] | undefined = undefined;
  terminalStatus: FinalStatus | undefined = undefined;
  terminalReason: string | undefined = undefined;
  /** Set when the order left the table (finalized or evicted) so queued references are skipped. */
  gone = false;

  constructor(
    readonly id: string,
    readonly series: OrderSeries,
    submitTs: number,
    quantity: number,
    /** +1 for buys, -1 for sells: slippage = sign × (fill − arrival) / arrival. */
    sign: number,
    /** Arrival (or decision) price; 0 when the desk sent neither, and then no slippage is observed. */
    arrival: number,
    receivedAt: number,
  ) {
    this.n = [submitTs + 0.5, quantity, sign, arrival, receivedAt, NaN, 0, NaN, 0, 0, NaN, NaN, NaN, NaN];
    // Written after the literal so the array starts as doubles (the 0.5 forces it) and stays that way.
    this.n[SUBMIT_TS] = submitTs;
  }

  get submitTs(): number {
    return this.n[SUBMIT_TS];
  }
  get quantity(): number {
    return this.n[QUANTITY];
  }
  get sign(): number {
    return this.n[SIGN];
  }
  get arrival(): number {
    return this.n[ARRIVAL];
  }
  get receivedAt(): number {
    return this.n[RECEIVED_AT];
  }
  get ackTs(): number {
    return this.n[ACK_TS];
  }
  set ackTs(v: number) {
    this.n[ACK_TS] = v;
  }
  get filled(): number {
    return this.n[FILLED];
  }
  get terminalTs(): number {
    return this.n[TERMINAL_TS];
  }
  set terminalTs(v: number) {
    this.n[TERMINAL_TS] = v;
  }
  /** When the order's final metrics are due (receipt of its final event + grace); 0 while open. */
  get finalizeAt(): number {
    return this.n[FINALIZE_AT];
  }
  set finalizeAt(v: number) {
    this.n[FINALIZE_AT] = v;
  }

  get fillCount(): number {
    return this.n[FILL_COUNT];
  }

  addFill(ts: number, qty: number): void {
    const at = FIRST_FILL + 2 * this.n[FILL_COUNT];
    if (at < this.n.length) {
      this.n[at] = ts;
      this.n[at + 1] = qty;
    } else this.n.push(ts, qty);
    this.n[FILL_COUNT]++;
    this.n[FILLED] += qty;
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
    for (let i = FIRST_FILL; i < this.fillsEnd; i += 2) fills.push([this.n[i], this.n[i + 1]]);
    fills.sort((a, b) => a[0] - b[0]);
    let cumulative = 0;
    for (const [ts, qty] of fills) {
      cumulative += qty;
      if (cumulative >= this.quantity * (1 - 1e-9)) return ts;
    }
    return Infinity;
  }

  firstFillTs(): number {
    let min = NaN;
    for (let i = FIRST_FILL; i < this.fillsEnd; i += 2) if (!(this.n[i] >= min)) min = this.n[i];
    return min;
  }

  private get fillsEnd(): number {
    return FIRST_FILL + 2 * this.n[FILL_COUNT];
  }
}
