// Everything the exporter knows, and the one place a validated batch is applied. Applying is synchronous,
// so a batch lands whole before any other request or scrape runs.
import type { TradingEvent } from './events.js';
import { DEFAULT_LIMITS, LabelGuards, type LabelLimits } from './labels/label-guard.js';
import { IngestMetrics } from './metrics/ingest-metrics.js';
import { OrderMetrics } from './metrics/order-metrics.js';
import { ModelMetrics } from './models/model-metrics.js';
import { DEFAULT_ORDER_TABLE, OrderTracker, type OrderTableOptions } from './orders/order-tracker.js';
import { Portfolio } from './portfolio/portfolio.js';
import { Positions } from './portfolio/positions.js';
import { RiskBook } from './risk/risk-book.js';
import type { RiskLimits } from './risk/risk-limits.js';
import { emptyState, type PersistedState } from './state/state-file.js';
import { StrategyMetrics } from './strategies/strategy-metrics.js';

export interface TradingStateOptions {
  limits?: Partial<LabelLimits>;
  orders?: Partial<OrderTableOptions>;
  persisted?: PersistedState;
  risk?: RiskLimits;
}

export class TradingState {
  readonly ingest = new IngestMetrics();
  readonly orderMetrics = new OrderMetrics();
  readonly guards: LabelGuards;
  readonly orders: OrderTracker;
  readonly positions = new Positions();
  readonly portfolio: Portfolio;
  readonly models = new ModelMetrics();
  readonly strategies = new StrategyMetrics();
  readonly risk: RiskBook;
  readonly persisted: PersistedState;

  constructor(opts: TradingStateOptions = {}) {
    this.guards = new LabelGuards({ ...DEFAULT_LIMITS, ...opts.limits }, () => this.ingest.droppedTotal.value++);
    this.orders = new OrderTracker({ ...DEFAULT_ORDER_TABLE, ...opts.orders }, this.orderMetrics, this.ingest, this.guards);
    this.persisted = opts.persisted ?? emptyState();
    this.portfolio = new Portfolio(this.persisted);
    this.risk = new RiskBook(opts.risk);
  }

  /** Applies a validated batch. Returns true when durable state (peaks) changed and should be saved. */
  applyBatch(events: readonly TradingEvent[], now: number): boolean {
    this.orders.sweep(now);
    for (const e of events) {
      this.ingest.countReceived(e.type);
      this.apply(e, now);
    }
    return this.portfolio.takeDirty();
  }

  private apply(e: TradingEvent, now: number): void {
    const g = this.guards;
    switch (e.type) {
      case 'order.submitted':
      case 'order.acknowledged':
      case 'order.filled':
      case 'order.canceled':
      case 'order.rejected':
      case 'order.expired':
        this.orders.apply(e, now);
        return;
      case 'position.snapshot': {
        const [venue, account, symbol, strategy] = [g.venue.map(e.venue), g.account.map(e.account), g.symbol.map(e.symbol), g.strategy.map(e.strategy)];
        if (this.positions.position(e, venue, account, symbol, strategy)) {
          this.risk.position({ venue, account, symbol, strategy, quantity: e.quantity, markPrice: e.markPrice }, e.ts);
        }
        return;
      }
      case 'balance.snapshot': {
        const account = g.account.map(e.account);
        const fresh = this.positions.balance(e, g.venue.map(e.venue), account, g.currency.map(e.currency));
        if (fresh && e.portfolioValue !== undefined) this.portfolio.update(account, e.portfolioValue);
        return;
      }
      case 'model.prediction':
        this.models.prediction(g.model.map(e.model), g.modelVersion.map(e.version), e.latencySeconds);
        return;
      case 'model.outcome':
        this.models.outcome(g.model.map(e.model), g.modelVersion.map(e.version), e.correct, e.ts, now);
        return;
      case 'strategy.signal':
        this.strategies.signal(g.strategy.map(e.strategy), g.signalType.map(e.signalType), e.confidence, e.executionSeconds);
        return;
      case 'backtest.completed':
        this.strategies.backtest(g.strategy.map(e.strategy), e);
        return;
    }
  }
}
