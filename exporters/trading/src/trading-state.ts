// Everything the exporter knows, and the one place a validated batch is applied. Applying is synchronous,
// so a batch lands whole before any other request or scrape runs.
import type { TradingEvent } from './events.js';
import { DEFAULT_LIMITS, LabelGuards, OTHER, type LabelLimits } from './labels/label-guard.js';
import type { BudgetOptions } from './labels/label-set-budget.js';
import { BudgetMetrics } from './metrics/budget-metrics.js';
import { IngestMetrics } from './metrics/ingest-metrics.js';
import { MarkoutMetrics } from './metrics/markout-metrics.js';
import { DEFAULT_MARKOUTS, horizonLabel, MarkoutTracker, type MarkoutOptions } from './markouts/markout-tracker.js';
import { DEFAULT_ORDER_BUDGET, OrderMetrics } from './metrics/order-metrics.js';
import { ModelMetrics } from './models/model-metrics.js';
import { DEFAULT_ORDER_TABLE, OrderTracker, type OrderTableOptions } from './orders/order-tracker.js';
import { Portfolio } from './portfolio/portfolio.js';
import { Positions } from './portfolio/positions.js';
import { DEFAULT_JOB_TABLE, JobTracker, type JobTableOptions } from './jobs/job-tracker.js';
import { RiskBook } from './risk/risk-book.js';
import type { RiskLimits } from './risk/risk-limits.js';
import { emptyState, type PersistedState } from './state/state-file.js';
import { StrategyMetrics } from './strategies/strategy-metrics.js';

/** Label-set budgets per metric group: orders (about a hundred samples per set) and every other group. */
export interface LabelSetBudgets {
  orders: BudgetOptions;
  /** Positions, balances, models, signals: each group its own budget of this size. */
  others: BudgetOptions;
}

export const DEFAULT_BUDGETS: LabelSetBudgets = { orders: DEFAULT_ORDER_BUDGET, others: { limit: 5000, idleMs: DEFAULT_ORDER_BUDGET.idleMs } };

export interface TradingStateOptions {
  limits?: Partial<LabelLimits>;
  budgets?: Partial<LabelSetBudgets>;
  orders?: Partial<OrderTableOptions>;
  markouts?: Partial<MarkoutOptions>;
  persisted?: PersistedState;
  risk?: RiskLimits;
  jobs?: Partial<JobTableOptions>;
}

export class TradingState {
  readonly ingest = new IngestMetrics();
  readonly budgetMetrics = new BudgetMetrics();
  readonly orderMetrics: OrderMetrics;
  readonly guards: LabelGuards;
  readonly orders: OrderTracker;
  readonly markoutMetrics: MarkoutMetrics;
  readonly markouts: MarkoutTracker;
  readonly positions: Positions;
  readonly portfolio: Portfolio;
  readonly models: ModelMetrics;
  readonly strategies: StrategyMetrics;
  readonly risk: RiskBook;
  readonly jobs: JobTracker;
  readonly persisted: PersistedState;

  constructor(opts: TradingStateOptions = {}) {
    const budgets = { ...DEFAULT_BUDGETS, ...opts.budgets };
    this.orderMetrics = new OrderMetrics(this.budgetMetrics, budgets.orders);
    this.risk = new RiskBook(opts.risk);
    this.positions = new Positions(this.budgetMetrics, budgets.others, (labels) => this.risk.remove(labels));
    this.models = new ModelMetrics(this.budgetMetrics, budgets.others);
    this.strategies = new StrategyMetrics(this.budgetMetrics, budgets.others);
    this.guards = new LabelGuards({ ...DEFAULT_LIMITS, ...opts.limits }, () => this.ingest.droppedTotal.value++);
    this.jobs = new JobTracker({ ...DEFAULT_JOB_TABLE, ...opts.jobs }, this.guards, this.strategies.jobs);
    const orders = { ...DEFAULT_ORDER_TABLE, ...opts.orders };
    const markouts = { ...DEFAULT_MARKOUTS, ...opts.markouts };
    this.markoutMetrics = new MarkoutMetrics(markouts.horizonsMs.map(horizonLabel), this.budgetMetrics, budgets.others);
    this.markouts = new MarkoutTracker(markouts, orders.graceMs, this.markoutMetrics, this.guards);
    this.orders = new OrderTracker(orders, this.orderMetrics, this.ingest, this.guards, this.markouts);
    this.persisted = opts.persisted ?? emptyState();
    this.portfolio = new Portfolio(this.persisted);
  }

  /**
   * Applies a validated batch. Returns true when durable state (peaks) changed and should be saved. `traceId`
   * (the batch's sampled trace) is the exemplar of the order observations that carry no trace of their own.
   */
  applyBatch(events: readonly TradingEvent[], now: number, traceId?: string): boolean {
    this.orders.sweep(now);
    this.markouts.sweep(now);
    this.orders.batchTraceId = traceId;
    try {
      for (const e of events) {
        this.ingest.countReceived(e.type);
        this.apply(e, now);
      }
    } finally {
      this.orders.batchTraceId = undefined;
    }
    return this.portfolio.takeDirty();
  }

  /** Time-driven work without traffic: final order metrics, held events, markouts come due, idle label sets. */
  sweep(now: number): void {
    this.orders.sweep(now);
    this.markouts.sweep(now);
    this.markoutMetrics.budget.sweep(now);
    this.positions.sweep(now);
    this.models.budget.sweep(now);
    this.strategies.budget.sweep(now);
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
        if (this.positions.position(e, venue, account, symbol, strategy, now)) {
          this.risk.position({ venue, account, symbol, strategy, quantity: e.quantity, markPrice: e.markPrice }, e.ts);
        }
        return;
      }
      case 'balance.snapshot': {
        const account = g.account.map(e.account);
        const fresh = this.positions.balance(e, g.venue.map(e.venue), account, g.currency.map(e.currency), now);
        if (e.portfolioValue === undefined) return;
        // Two accounts folded into one would mix their peaks and fake a drawdown: not exported.
        if (account === OTHER) this.budgetMetrics.droppedSnapshot('portfolio');
        else if (fresh) this.portfolio.update(account, e.portfolioValue);
        return;
      }
      case 'model.prediction':
        this.models.prediction(g.model.map(e.model), g.modelVersion.map(e.version), e.latencySeconds, now);
        return;
      case 'model.outcome':
        this.models.outcome(g.model.map(e.model), g.modelVersion.map(e.version), e.correct, e.ts, now);
        return;
      case 'strategy.signal':
        this.strategies.signal(g.strategy.map(e.strategy), g.signalType.map(e.signalType), e.confidence, e.executionSeconds, now);
        return;
      case 'job.submitted':
      case 'job.started':
      case 'job.progress':
      case 'job.completed':
        this.jobs.apply(e, now);
        return;
      case 'backtest.completed':
        this.strategies.backtest(g.strategy.map(e.strategy), e);
        return;
      case 'market.quote':
        this.markouts.quote(e, now);
        return;
    }
  }
}
