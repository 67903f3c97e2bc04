// Keeps a label's values bounded: an allowlist, or the first `limit` distinct values seen. Anything else
// is reported as `other`, and the caller's onFold hook counts it (trading_series_dropped_total).
import { ownString } from '../own-string.js';

export const OTHER = 'other';

export class LabelGuard {
  /** value → the stored copy of it, returned so later map lookups hit a string whose hash is cached. */
  private readonly seen = new Map<string, string>();
  private readonly allow?: ReadonlyMap<string, string>;

  constructor(
    readonly label: string,
    readonly limit: number,
    allowlist: readonly string[] = [],
    private readonly onFold: (label: string) => void = () => {},
  ) {
    if (allowlist.length > 0) this.allow = new Map(allowlist.map((v) => [v, v]));
  }

  /** The value to export for `value`. */
  map(value: string): string {
    if (this.allow) {
      const allowed = this.allow.get(value);
      if (allowed !== undefined) return allowed;
    } else {
      const known = this.seen.get(value);
      if (known !== undefined) return known;
      if (this.seen.size < this.limit) {
        const kept = ownString(value);
        this.seen.set(kept, kept);
        return kept;
      }
    }
    this.onFold(this.label);
    return OTHER;
  }

  get distinct(): number {
    return this.allow ? this.allow.size : this.seen.size;
  }
}

export interface LabelLimits {
  venues: number;
  symbols: number;
  strategies: number;
  accounts: number;
  orderTypes: number;
  rejectReasons: number;
  currencies: number;
  models: number;
  modelVersions: number;
  signalTypes: number;
  jobKinds: number;
  symbolAllowlist: string[];
  strategyAllowlist: string[];
}

export const DEFAULT_LIMITS: LabelLimits = {
  venues: 50,
  symbols: 500,
  strategies: 100,
  accounts: 100,
  orderTypes: 20,
  rejectReasons: 50,
  currencies: 50,
  models: 50,
  modelVersions: 100,
  signalTypes: 20,
  jobKinds: 20,
  symbolAllowlist: [],
  strategyAllowlist: [],
};

/** One guard per bounded label, all counting into the same drop hook. */
export class LabelGuards {
  readonly venue: LabelGuard;
  readonly symbol: LabelGuard;
  readonly strategy: LabelGuard;
  readonly account: LabelGuard;
  readonly orderType: LabelGuard;
  readonly rejectReason: LabelGuard;
  readonly currency: LabelGuard;
  readonly model: LabelGuard;
  readonly modelVersion: LabelGuard;
  readonly signalType: LabelGuard;
  readonly jobKind: LabelGuard;

  constructor(limits: LabelLimits, onFold: (label: string) => void) {
    this.venue = new LabelGuard('venue', limits.venues, [], onFold);
    this.symbol = new LabelGuard('symbol', limits.symbols, limits.symbolAllowlist, onFold);
    this.strategy = new LabelGuard('strategy', limits.strategies, limits.strategyAllowlist, onFold);
    this.account = new LabelGuard('account', limits.accounts, [], onFold);
    this.orderType = new LabelGuard('order_type', limits.orderTypes, [], onFold);
    this.rejectReason = new LabelGuard('reason', limits.rejectReasons, [], onFold);
    this.currency = new LabelGuard('currency', limits.currencies, [], onFold);
    this.model = new LabelGuard('model', limits.models, [], onFold);
    this.modelVersion = new LabelGuard('version', limits.modelVersions, [], onFold);
    this.signalType = new LabelGuard('signal_type', limits.signalTypes, [], onFold);
    this.jobKind = new LabelGuard('kind', limits.jobKinds, [], onFold);
  }
}
