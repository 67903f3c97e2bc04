// The trading events of POST /v1/events after validation: `ts` in epoch ms, defaults filled in.
// Generated from exporters/trading/schema/events.ts by `npm run schema:generate -w @vigil/trading-exporter`: do not edit.

/** Every event type; the index is the batch codec's type code. */
export const EVENT_TYPES = [
  'order.submitted',
  'order.acknowledged',
  'order.filled',
  'order.canceled',
  'order.rejected',
  'order.expired',
  'position.snapshot',
  'balance.snapshot',
  'model.prediction',
  'model.outcome',
  'strategy.signal',
  'backtest.completed',
  'market.quote',
  'job.submitted',
  'job.started',
  'job.progress',
  'job.completed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Identifies the schema; the native scanner is used only when built from the same one. */
export const EVENT_SCHEMA_FINGERPRINT = '2813abdace581bf6';

/** An order sent to a venue. */
export interface OrderSubmitted {
  type: 'order.submitted';
  /** Epoch milliseconds. */
  ts: number;
  orderId: string;
  venue: string;
  symbol: string;
  account: string;
  strategy: string;
  side: 'buy' | 'sell';
  orderType: string;
  quantity: number;
  limitPrice?: number;
  /** the reference of slippage */
  arrivalPrice?: number;
  /** the reference of slippage without an arrival price */
  decisionPrice?: number;
  /** W3C trace id of the desk's trace of this order: the exemplar of its latency and slippage observations */
  traceId?: string;
}

/** The venue took the order. */
export interface OrderAcknowledged {
  type: 'order.acknowledged';
  /** Epoch milliseconds. */
  ts: number;
  orderId: string;
  /** W3C trace id of the desk's trace of this order: the exemplar of its latency and slippage observations */
  traceId?: string;
}

/** A fill, partial or complete. */
export interface OrderFilled {
  type: 'order.filled';
  /** Epoch milliseconds. */
  ts: number;
  orderId: string;
  /** duplicates are recognised by it */
  fillId?: string;
  fillQuantity: number;
  fillPrice: number;
  /** negative = rebate */
  fee?: number;
  feeCurrency?: string;
  /** whether the fill added or took liquidity: the `liquidity` label of markouts (`unknown` when absent) */
  liquidity?: 'maker' | 'taker';
  /** W3C trace id of the desk's trace of this order: the exemplar of its latency and slippage observations */
  traceId?: string;
}

/** The order ended canceled. */
export interface OrderCanceled {
  type: 'order.canceled';
  /** Epoch milliseconds. */
  ts: number;
  orderId: string;
  reason?: string;
}

/** The venue refused the order. */
export interface OrderRejected {
  type: 'order.rejected';
  /** Epoch milliseconds. */
  ts: number;
  orderId: string;
  reason: string;
}

/** The order ended by its time in force. */
export interface OrderExpired {
  type: 'order.expired';
  /** Epoch milliseconds. */
  ts: number;
  orderId: string;
  reason?: string;
}

/** Where a position stands; an older snapshot than the last applied is ignored. */
export interface PositionSnapshot {
  type: 'position.snapshot';
  /** Epoch milliseconds. */
  ts: number;
  venue: string;
  symbol: string;
  account: string;
  strategy: string;
  /** negative = short */
  quantity: number;
  avgPrice: number;
  markPrice: number;
  unrealizedPnl: number;
  realizedPnl: number;
}

/** An account's balance in one currency. */
export interface BalanceSnapshot {
  type: 'balance.snapshot';
  /** Epoch milliseconds. */
  ts: number;
  venue: string;
  account: string;
  currency: string;
  free: number;
  used: number;
  /** the account's whole value in its reporting currency: drives portfolio value, peak and drawdown */
  portfolioValue?: number;
}

/** A model answered. */
export interface ModelPrediction {
  type: 'model.prediction';
  /** Epoch milliseconds. */
  ts: number;
  model: string;
  version: string;
  latencySeconds: number;
}

/** Whether a prediction turned out right. */
export interface ModelOutcome {
  type: 'model.outcome';
  /** Epoch milliseconds. */
  ts: number;
  model: string;
  version: string;
  correct: boolean;
}

/** A strategy decided. */
export interface StrategySignal {
  type: 'strategy.signal';
  /** Epoch milliseconds. */
  ts: number;
  strategy: string;
  signalType: string;
  confidence: number;
  /** the decision cycle, from the market-data update to the decision; an hour or more is refused as milliseconds sent as seconds */
  executionSeconds?: number;
}

/** A research backtest finished; a failed one carries no figures. */
export interface BacktestCompleted {
  type: 'backtest.completed';
  /** Epoch milliseconds. */
  ts: number;
  strategy: string;
  outcome: 'succeeded' | 'failed';
  sharpe?: number;
  maxDrawdown?: number;
  totalReturn?: number;
}

/** Top of book on a venue: the mid price markouts are measured against. */
export interface MarketQuote {
  type: 'market.quote';
  /** Epoch milliseconds. */
  ts: number;
  venue: string;
  symbol: string;
  bid: number;
  /** a crossed book (ask below bid) is refused */
  ask: number;
  bidSize?: number;
  askSize?: number;
}

/** A research job (backtest, optimisation) entered the queue. */
export interface JobSubmitted {
  type: 'job.submitted';
  /** Epoch milliseconds. */
  ts: number;
  jobId: string;
  kind: string;
  strategy: string;
}

/** A research job left the queue and runs. */
export interface JobStarted {
  type: 'job.started';
  /** Epoch milliseconds. */
  ts: number;
  jobId: string;
  /** backtest, optimisation, ...; required when the job is not known yet */
  kind?: string;
  /** required when the job is not known yet */
  strategy?: string;
}

/** How far a running job is, and the best objective it has found so far (higher is better). */
export interface JobProgress {
  type: 'job.progress';
  /** Epoch milliseconds. */
  ts: number;
  jobId: string;
  progress: number;
  /** higher is better: report a loss negated */
  bestObjective?: number;
  /** backtest, optimisation, ...; required when the job is not known yet */
  kind?: string;
  /** required when the job is not known yet */
  strategy?: string;
}

/** A research job ended. */
export interface JobCompleted {
  type: 'job.completed';
  /** Epoch milliseconds. */
  ts: number;
  jobId: string;
  outcome: 'succeeded' | 'failed' | 'canceled';
  /** backtest, optimisation, ...; required when the job is not known yet */
  kind?: string;
  /** required when the job is not known yet */
  strategy?: string;
}

export type TradingEvent =
  | OrderSubmitted
  | OrderAcknowledged
  | OrderFilled
  | OrderCanceled
  | OrderRejected
  | OrderExpired
  | PositionSnapshot
  | BalanceSnapshot
  | ModelPrediction
  | ModelOutcome
  | StrategySignal
  | BacktestCompleted
  | MarketQuote
  | JobSubmitted
  | JobStarted
  | JobProgress
  | JobCompleted;
