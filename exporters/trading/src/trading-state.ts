// Everything the exporter knows, and the one place a validated batch is applied. Applying is synchronous,
// so a batch lands whole before any other request or scrape runs.
import type { TradingEvent } from './events.js';
import { DEFAULT_LIMITS, LabelGuards, type LabelLimits } from './labels/label-guard.js';
import { IngestMetrics } from './metrics/ingest-metrics.js';
import { MarkoutMetrics } from './metrics/markout-metrics.js';
import { DEFAULT_MARKOUTS, horizonLabel, MarkoutTracker, type MarkoutOptions } from './markouts/markout-tracker.js';
import { OrderMetrics } from './metrics/order-metrics.js';
import { ModelMetrics } from './models/model-metrics.js';
import { DEFAULT_ORDER_TABLE, OrderTracker, type OrderTableOptions } from './orders/order-tracker.js';
import { Portfolio } from './portfolio/portfolio.js';
import { Positions } from './portfolio/positions.js';
import { emptyState, type PersistedState } from './state/state-file.js';
import { StrategyMetrics } from './strategies/strategy-metrics.js';

export interface TradingStateOptions {
  limits?: Partial<LabelLimits>;
  orders?: Partial<OrderTableOptions>;
  markouts?: Partial<MarkoutOptions>;
  persisted?: PersistedState;
}

export class TradingState {
  readonly ingest = new IngestMetrics();
  readonly orderMetrics = new OrderMetrics();
  readonly guards: LabelGuards;
  readonly orders: OrderTracker;
  readonly markoutMetrics: MarkoutMetrics;
  readonly markouts: MarkoutTracker;
  readonly positions = new Positions();
  readonly portfolio: Portfolio;
  readonly models = new ModelMetrics();
  readonly strategies = new StrategyMetrics();
  readonly persisted: PersistedState;

  constructor(opts: TradingStateOptions = {}) {
    this.guards = new LabelGuards({ ...DEFAULT_LIMITS, ...opts.limits }, () => this.ingest.droppedTotal.value++);
    const orders = { ...DEFAULT_ORDER_TABLE, ...opts.orders };
    const markouts = { ...DEFAULT_MARKOUTS, ...opts.markouts };
    this.markoutMetrics = new MarkoutMetrics(markouts.horizonsMs.map(horizonLabel));
    this.markouts = new MarkoutTracker(markouts, orders.graceMs, this.markoutMetrics, this.guards);
    this.orders = new OrderTracker(orders, this.orderMetrics, this.ingest, this.guards, this.markouts);
    this.persisted = opts.persisted ?? emptyState();
    this.portfolio = new Portfolio(this.persisted);
  }

  /** Applies a validated batch. Returns true when durable state (peaks) changed and should be saved. */
  applyBatch(events: readonly TradingEvent[], now: number): boolean {
    this.sweep(now);
    for (const e of events) {
      this.ingest.countReceived(e.type);
      this.apply(e, now);
    }
    return this.portfolio.takeDirty();
  }

  /** Records what came due: orders' final figures, markouts whose horizon passed. */
  sweep(now: number): void {
    this.orders.sweep(now);
    this.markouts.sweep(now);
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
      case 'position.snapshot':
        this.positions.position(e, g.venue.map(e.venue), g.account.map(e.account), g.symbol.map(e.symbol), g.strategy.map(e.strategy));
        return;
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
      case 'market.quote':
        this.markouts.quote(e);
        return;
    }
  }
}
