// Where the forwarding of one venue stands, on disk so that a restart neither resends nor skips: the time from
// which to ask the venue again, and the ids already forwarded at or after it (trades; orders with the stage
// sent). Bounded: at most MAX_IDS of each, the oldest dropped first. Written atomically (temp file + rename)
// after the trading exporter has accepted the batch.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OrderStage } from './venue-events.js';

export const MAX_IDS = 5000;

export interface CursorState {
  /** Venue time (ms) from which trades and orders are fetched; the ids below dedupe the overlap. */
  sinceMs: number;
  trades: string[];
  orders: Array<[id: string, stage: OrderStage]>;
}

export class VenueCursor {
  readonly file: string;
  state: CursorState;
  private readonly trades: Set<string>;
  private readonly orders: Map<string, OrderStage>;

  constructor(dir: string, venue: string, startMs: number) {
    this.file = join(dir, `${venue}.cursor.json`);
    let state: CursorState = { sinceMs: startMs, trades: [], orders: [] };
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as CursorState;
      if (typeof parsed.sinceMs === 'number' && Array.isArray(parsed.trades) && Array.isArray(parsed.orders)) state = parsed;
    } catch {
      // No cursor yet (or unreadable): start from startMs.
    }
    this.state = state;
    this.trades = new Set(state.trades);
    this.orders = new Map(state.orders);
  }

  hasTrade(id: string): boolean {
    return this.trades.has(id);
  }

  stage(orderId: string): OrderStage | undefined {
    return this.orders.get(orderId);
  }

  /** Records what a batch the trading exporter accepted held, and the new start time. */
  commit(trades: string[], orders: Array<[string, OrderStage]>, sinceMs: number): void {
    for (const t of trades) this.trades.add(t);
    for (const [id, stage] of orders) {
      this.orders.delete(id);
      this.orders.set(id, stage);
    }
    trim(this.trades);
    trim(this.orders);
    this.state = { sinceMs: Math.max(this.state.sinceMs, sinceMs), trades: [...this.trades], orders: [...this.orders] };
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.file);
  }
}

function trim(c: Set<string> | Map<string, unknown>): void {
  for (const k of c.keys()) {
    if (c.size <= MAX_IDS) break;
    c.delete(k);
  }
}
