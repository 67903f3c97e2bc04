// The market simulator: on each tick it moves prices, plans new orders and desk activity under the
// current incident conditions, and returns the events whose time has come, in time order.
import { Book } from './book.js';
import { DeskActivity } from './desk-activity.js';
import { ResearchJobs } from './research-jobs.js';
import { IncidentSchedule } from './incidents.js';
import { DEFAULT_SYMBOLS, Market, type SymbolSpec } from './market.js';
import { DEFAULT_STRATEGIES, DEFAULT_VENUES, OrderFlow, type RawEvent, type Scheduled, type VenueSpec } from './order-flow.js';
import { VenueQuotes } from './quotes.js';
import { Random } from './random.js';

export interface SimulatorOptions {
  seed: number;
  /** New orders per second across all venues. */
  ordersPerSecond: number;
  predictionsPerSecond?: number;
  venues?: VenueSpec[];
  symbols?: SymbolSpec[];
  strategies?: string[];
  initialEquity?: number;
  snapshotEveryMs?: number;
  /** Each venue quotes each symbol this often (ms); 0: no quotes. */
  quoteEveryMs?: number;
  /** Prefix of order ids, unique per run so restarts never reuse ids. */
  runId?: string;
}

export class Simulator {
  readonly rng: Random;
  readonly market: Market;
  readonly book: Book;
  readonly incidents: IncidentSchedule;
  private readonly flow: OrderFlow;
  private readonly activity: DeskActivity;
  private readonly research: ResearchJobs;
  private readonly quotes: VenueQuotes;
  private queue: Scheduled[] = [];
  private last: number | undefined;
  private nextSnapshot = 0;
  private readonly snapshotEveryMs: number;

  constructor(readonly opts: SimulatorOptions) {
    const venues = opts.venues ?? DEFAULT_VENUES;
    const strategies = opts.strategies ?? DEFAULT_STRATEGIES;
    this.rng = new Random(opts.seed);
    this.market = new Market(opts.symbols ?? DEFAULT_SYMBOLS);
    this.book = new Book(opts.initialEquity ?? 10_000_000);
    this.incidents = new IncidentSchedule(venues[0].name, strategies[0]);
    this.flow = new OrderFlow(this.rng, this.market, this.book, venues, strategies, opts.runId ?? `sim${opts.seed.toString(36)}`);
    this.activity = new DeskActivity(this.rng, strategies, opts.predictionsPerSecond ?? 4);
    this.research = new ResearchJobs(this.rng, strategies, opts.runId ?? `sim${opts.seed.toString(36)}`);
    this.snapshotEveryMs = opts.snapshotEveryMs ?? 5_000;
    this.quotes = new VenueQuotes(
      venues.map((v) => v.name),
      opts.quoteEveryMs ?? 250,
    );
  }

  /** Events due by `now` (epoch ms). Call with a non-decreasing clock. */
  tick(now: number): RawEvent[] {
    const dt = this.last === undefined ? 0 : Math.min(5, Math.max(0, (now - this.last) / 1000));
    this.last = now;
    const c = this.incidents.conditions(now);
    if (dt > 0) {
      this.market.step(this.rng, dt);
      this.quotes.step(dt);
      const n = this.rng.poisson(this.opts.ordersPerSecond * dt);
      for (let i = 0; i < n; i++) this.queue.push(...this.flow.plan(now, c));
      this.queue.push(...this.activity.plan(now, dt, c));
      this.queue.push(...this.research.plan(now, dt));
    }
    this.queue.sort((a, b) => a.at - b.at);
    let due = 0;
    while (due < this.queue.length && this.queue[due].at <= now) due++;
    const out: RawEvent[] = [];
    for (const s of this.queue.splice(0, due)) {
      if (s.fill) {
        this.book.fill(this.rng, s.fill.position, s.fill.signedQty, s.fill.price, s.fill.fee);
        if (c.toxicVenues.has(s.fill.venue)) this.quotes.toxicFill(s.fill.venue, s.fill.symbol, Math.sign(s.fill.signedQty));
      }
      out.push(s.event);
    }
    if (this.opts.quoteEveryMs !== 0) out.push(...this.quotes.quotes(now, this.market));
    if (now >= this.nextSnapshot) {
      this.nextSnapshot = now + this.snapshotEveryMs;
      out.push(...this.snapshots(now));
    }
    return out;
  }

  /** Position snapshots per touched position and the account's balance with its portfolio value. */
  private snapshots(now: number): RawEvent[] {
    const mark = (symbol: string) => this.market.path(symbol).price;
    const out: RawEvent[] = [];
    for (const p of this.book.positions.values()) {
      const m = mark(p.symbol);
      out.push({
        type: 'position.snapshot',
        ts: now,
        venue: p.venue,
        symbol: p.symbol,
        account: 'desk-1',
        strategy: p.strategy,
        quantity: Number(p.quantity.toFixed(8)),
        avgPrice: Number(p.avgPrice.toFixed(8)),
        markPrice: Number(m.toPrecision(8)),
        unrealizedPnl: Number(this.book.unrealized(p, m).toFixed(2)),
        realizedPnl: Number(p.realizedPnl.toFixed(2)),
      });
    }
    const equity = this.book.equity(mark) * (1 - this.incidents.drawdownLoss(now));
    out.push({
      type: 'balance.snapshot',
      ts: now,
      venue: 'all',
      account: 'desk-1',
      currency: 'USDT',
      free: Number((equity * 0.7).toFixed(2)),
      used: Number((equity * 0.3).toFixed(2)),
      portfolioValue: Number(equity.toFixed(2)),
    });
    return out;
  }

  /** Orders and events planned but not yet due. */
  get backlog(): number {
    return this.queue.length;
  }
}
