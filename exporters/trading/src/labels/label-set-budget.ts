// Bounds the label *sets* of one metric group. Each label is capped on its own by LabelGuard, but their
// product is not: 10 venues × 200 symbols × 20 strategies × 2 sides × 5 order types is 400 000 order label
// sets, each about a hundred samples. A group admits at most `limit` label sets; a new one past it is
// folded into the group's `other` set by the caller. Label sets idle for `idleMs` are evicted (their
// series removed) unless pinned, e.g. by an open order that will still write to them.
import type { BudgetMetrics } from '../metrics/budget-metrics.js';

export interface BudgetSlot {
  /** Last time (ms) the label set was written. */
  lastUsed: number;
  /** Holders that will write to the label set later (open orders); a pinned set is never evicted. */
  pins: number;
}

export interface BudgetOptions {
  /** Most label sets of the group (the fold target `other` not counted). */
  limit: number;
  /** A label set not written for this long is evicted; 0 keeps them forever. */
  idleMs: number;
}

export class LabelSetBudget {
  private readonly slots = new Map<string, BudgetSlot>();
  private nextSweep = 0;

  constructor(
    readonly group: string,
    private readonly opts: BudgetOptions,
    private readonly metrics: BudgetMetrics,
    /** Removes the series of an evicted label set (key = label values joined by NUL). */
    private readonly onEvict: (key: string) => void,
  ) {
    metrics.declare(group, opts.limit);
  }

  /** The slot of a label set already admitted, touched; undefined when it is new. */
  touch(key: string, now: number): BudgetSlot | undefined {
    const s = this.slots.get(key);
    if (s) s.lastUsed = now;
    return s;
  }

  /**
   * Admits a label set: its slot when it is known or there is room (after evicting idle sets), undefined
   * when the budget is full (the caller folds it into `other`, counted here).
   */
  admit(key: string, now: number): BudgetSlot | undefined {
    const known = this.touch(key, now);
    if (known) return known;
    if (this.slots.size >= this.opts.limit) {
      this.evictIdle(now);
      if (this.slots.size >= this.opts.limit) {
        this.metrics.folded(this.group);
        return undefined;
      }
    }
    const s: BudgetSlot = { lastUsed: now, pins: 0 };
    this.slots.set(key, s);
    this.metrics.size(this.group, this.slots.size);
    return s;
  }

  /** Evicts idle label sets at most every idleMs/4 (at most every minute), so a periodic call stays cheap. */
  sweep(now: number): void {
    if (this.opts.idleMs <= 0 || now < this.nextSweep) return;
    this.nextSweep = now + Math.min(60_000, this.opts.idleMs / 4);
    this.evictIdle(now);
  }

  private evictIdle(now: number): void {
    if (this.opts.idleMs <= 0) return;
    const before = now - this.opts.idleMs;
    let n = 0;
    for (const [key, s] of this.slots) {
      if (s.pins > 0 || s.lastUsed > before) continue;
      this.slots.delete(key);
      this.onEvict(key);
      n++;
    }
    if (n > 0) {
      this.metrics.evicted(this.group, n);
      this.metrics.size(this.group, this.slots.size);
    }
  }

  get size(): number {
    return this.slots.size;
  }
}

export const labelKey = (values: readonly string[]): string => values.join('\u0000');
export const labelValues = (key: string): string[] => key.split('\u0000');
