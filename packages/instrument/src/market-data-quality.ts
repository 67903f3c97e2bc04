// Data-quality checks of market data a service consumes (quotes, trades, book tops): staleness, gaps in time and
// in sequence numbers, and values out of range (non-finite, non-positive, crossed or too wide a book, a jump too
// large, outside configured bounds, time going backwards). observe() returns the issues it found, so the
// service can also drop a bad tick; every issue is counted by venue, symbol and check.
import { Counter, Gauge, type Registry } from 'prom-client';
import { BoundedLabel, OTHER } from './bounded-labels.js';

export type QualityIssue =
  | 'non_finite'
  | 'non_positive_price'
  | 'crossed_book'
  | 'wide_spread'
  | 'price_jump'
  | 'outside_bounds'
  | 'out_of_order'
  | 'time_gap'
  | 'sequence_gap';

export interface MarketDataUpdate {
  venue: string;
  symbol: string;
  /** Exchange time of the data (Date or epoch ms). */
  ts: Date | number;
  bid?: number;
  ask?: number;
  /** Last trade or mark price; the mid of bid and ask is used when absent. */
  price?: number;
  /** The feed's sequence number, when it has one. */
  seq?: number;
}

export interface MarketDataQualityOptions {
  registry: Registry;
  service: string;
  /** Newest data older than this makes a symbol stale (default 5 s). */
  staleAfterSeconds?: number;
  /** Consecutive updates further apart than this are a time gap (default 10 s). */
  maxGapSeconds?: number;
  /** A price moving by more than this ratio from the previous one is a jump (default 0.1, i.e. 10 %). */
  maxJumpRatio?: number;
  /** (ask − bid) / mid above this is too wide (default 0.05, i.e. 500 bp). */
  maxSpreadRatio?: number;
  /** Per-symbol price bounds, e.g. {"BTC-USDT": {min: 1000, max: 1000000}}. */
  priceBounds?: Record<string, { min?: number; max?: number }>;
  /** Distinct venue/symbol pairs kept before the symbol folds into "other" (default 500). */
  maxSeries?: number;
  /** Clock in epoch ms (tests). */
  now?: () => number;
}

interface SeriesState {
  labels: { service: string; venue: string; symbol: string };
  lastTs?: number;
  lastPrice?: number;
  lastSeq?: number;
}

export interface MarketDataQuality {
  observe(update: MarketDataUpdate): QualityIssue[];
}

export function marketDataQuality(opts: MarketDataQualityOptions): MarketDataQuality {
  const { registry, service } = opts;
  const now = opts.now ?? Date.now;
  const staleAfter = opts.staleAfterSeconds ?? 5;
  const maxGapMs = (opts.maxGapSeconds ?? 10) * 1000;
  const maxJump = opts.maxJumpRatio ?? 0.1;
  const maxSpread = opts.maxSpreadRatio ?? 0.05;
  const series = new Map<string, SeriesState>();
  const pairs = new BoundedLabel(registry, service, 'symbol', opts.maxSeries ?? 500);
  const r = [registry];
  const base = ['service', 'venue', 'symbol'] as const;
  const updates = new Counter({ name: 'market_data_updates_total', help: 'Market data updates observed.', labelNames: base, registers: r });
  const outOfRange = new Counter({
    name: 'market_data_out_of_range_total',
    help: 'Updates with a value out of range, by check: non_finite, non_positive_price, crossed_book, wide_spread, price_jump, outside_bounds, out_of_order.',
    labelNames: [...base, 'check'],
    registers: r,
  });
  const gaps = new Counter({ name: 'market_data_gaps_total', help: 'Gaps in the feed: kind="time" (updates too far apart) or kind="sequence" (sequence numbers skipped).', labelNames: [...base, 'kind'], registers: r });
  const missed = new Counter({ name: 'market_data_missed_messages_total', help: 'Sequence numbers skipped by the feed.', labelNames: base, registers: r });
  const ageOf = (s: SeriesState) => Math.max(0, (now() - (s.lastTs ?? 0)) / 1000);
  const tracked = () => [...series.values()].filter((s) => s.lastTs !== undefined);
  new Gauge({
    name: 'market_data_last_update_timestamp_seconds',
    help: 'Exchange time of the newest update, in seconds since the epoch.',
    labelNames: base,
    registers: r,
    collect() {
      for (const s of tracked()) this.set(s.labels, s.lastTs! / 1000);
    },
  });
  new Gauge({
    name: 'market_data_staleness_seconds',
    help: 'Age of the newest update (now minus its exchange time), at scrape time.',
    labelNames: base,
    registers: r,
    collect() {
      for (const s of tracked()) this.set(s.labels, ageOf(s));
    },
  });
  new Gauge({
    name: 'market_data_stale',
    help: `1 when the newest update is older than the staleness threshold (${staleAfter} s here), else 0.`,
    labelNames: base,
    registers: r,
    collect() {
      for (const s of tracked()) this.set(s.labels, ageOf(s) > staleAfter ? 1 : 0);
    },
  });

  return {
    observe(u) {
      const symbol = pairs.value(`${u.venue}\u0000${u.symbol}`) === OTHER ? OTHER : u.symbol;
      const labels = { service, venue: u.venue, symbol };
      updates.inc(labels);
      const issues: QualityIssue[] = [];
      const flag = (check: QualityIssue) => {
        issues.push(check);
        if (check === 'time_gap' || check === 'sequence_gap') gaps.inc({ ...labels, kind: check === 'time_gap' ? 'time' : 'sequence' });
        else outOfRange.inc({ ...labels, check });
      };
      const key = `${u.venue}\u0000${symbol}`;
      let s = series.get(key);
      if (!s && symbol !== OTHER) series.set(key, (s = { labels }));
      const ts = u.ts instanceof Date ? u.ts.getTime() : u.ts;

      const values = [u.bid, u.ask, u.price].filter((v) => v !== undefined);
      const price = u.price ?? (u.bid !== undefined && u.ask !== undefined ? (u.bid + u.ask) / 2 : (u.bid ?? u.ask));
      let sane = true;
      if (!Number.isFinite(ts) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
        flag('non_finite');
        sane = false;
      } else if (values.some((v) => (v as number) <= 0)) {
        flag('non_positive_price');
        sane = false;
      } else {
        if (u.bid !== undefined && u.ask !== undefined) {
          if (u.bid > u.ask) {
            flag('crossed_book');
            sane = false;
          } else if ((u.ask - u.bid) / ((u.ask + u.bid) / 2) > maxSpread) flag('wide_spread');
        }
        const bounds = opts.priceBounds?.[u.symbol];
        if (bounds && price !== undefined && ((bounds.min !== undefined && price < bounds.min) || (bounds.max !== undefined && price > bounds.max))) {
          flag('outside_bounds');
          sane = false;
        }
      }
      if (!s) return issues;
      if (Number.isFinite(ts)) {
        if (s.lastTs !== undefined && ts < s.lastTs) flag('out_of_order');
        else {
          if (s.lastTs !== undefined && ts - s.lastTs > maxGapMs) flag('time_gap');
          s.lastTs = ts;
        }
      }
      if (u.seq !== undefined && Number.isSafeInteger(u.seq)) {
        if (s.lastSeq !== undefined && u.seq <= s.lastSeq) {
          if (!issues.includes('out_of_order')) flag('out_of_order');
        } else {
          if (s.lastSeq !== undefined && u.seq > s.lastSeq + 1) {
            flag('sequence_gap');
            missed.inc(labels, u.seq - s.lastSeq - 1);
          }
          s.lastSeq = u.seq;
        }
      }
      // Jumps are measured between sane prices only, so one bad tick is not followed by a second "jump" back.
      if (sane && price !== undefined) {
        if (s.lastPrice !== undefined && Math.abs(price / s.lastPrice - 1) > maxJump) flag('price_jump');
        s.lastPrice = price;
      }
      return issues;
    },
  };
}
