// Order events that arrived before their order.submitted, held for the grace period. Entries leave when
// the submit arrives (and are replayed), when the grace period ends, or when the holding area is full;
// the last two count as orphaned.
import type { OrderEvent } from '../events.js';

interface Held {
  events: OrderEvent[];
  heldAt: number;
}

export class PendingEvents {
  private readonly byOrder = new Map<string, Held>();
  private count = 0;

  constructor(
    private readonly graceMs: number,
    private readonly maxEvents: number,
    private readonly onOrphaned: (n: number) => void,
  ) {}

  get size(): number {
    return this.count;
  }

  hold(e: OrderEvent, now: number): void {
    while (this.count >= this.maxEvents && this.byOrder.size > 0) this.dropOldest();
    const held = this.byOrder.get(e.orderId);
    if (held) held.events.push(e);
    else this.byOrder.set(e.orderId, { events: [e], heldAt: now });
    this.count++;
  }

  /** Removes and returns what is held for an order. */
  take(orderId: string): OrderEvent[] | undefined {
    const held = this.byOrder.get(orderId);
    if (!held) return undefined;
    this.byOrder.delete(orderId);
    this.count -= held.events.length;
    return held.events;
  }

  /** Drops entries older than the grace period; Map order is arrival order, so this stops early. */
  expire(now: number): void {
    for (const [id, held] of this.byOrder) {
      if (held.heldAt + this.graceMs > now) break;
      this.byOrder.delete(id);
      this.count -= held.events.length;
      this.onOrphaned(held.events.length);
    }
  }

  private dropOldest(): void {
    const first = this.byOrder.entries().next().value;
    if (!first) return;
    this.byOrder.delete(first[0]);
    this.count -= first[1].events.length;
    this.onOrphaned(first[1].events.length);
  }
}
