// The trading event model of POST /v1/events (DESIGN.md), after validation: timestamps are epoch ms and
// optional routing labels have their defaults.
export const ORDER_EVENT_TYPES = [
  'order.submitted',
  'order.acknowledged',
  'order.filled',
  'order.canceled',
  'order.rejected',
  'order.expired',
] as const;

export const EVENT_TYPES = [
  ...ORDER_EVENT_TYPES,
  'position.snapshot',
  'balance.snapshot',
  'model.prediction',
  'model.outcome',
  'strategy.signal',
  'backtest.completed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
export type Side = 'buy' | 'sell';

interface Base {
  ts: number;
}

export interface OrderSubmitted extends Base {
  type: 'order.submitted';
  orderId: string;
  venue: string;
  symbol: string;
  account: string;
  strategy: string;
  side: Side;
  orderType: string;
  quantity: number;
  limitPrice?: number;
  arrivalPrice?: number;
  decisionPrice?: number;
}

export interface OrderAcknowledged extends Base {
  type: 'order.acknowledged';
  orderId: string;
}

export interface OrderFilled extends Base {
  type: 'order.filled';
  orderId: string;
  fillId?: string;
  fillQuantity: number;
  fillPrice: number;
  fee?: number;
  feeCurrency?: string;
  liquidity?: string;
}

export interface OrderEnded extends Base {
  type: 'order.canceled' | 'order.rejected' | 'order.expired';
  orderId: string;
  reason?: string;
}

export interface PositionSnapshot extends Base {
  type: 'position.snapshot';
  venue: string;
  symbol: string;
  account: string;
  strategy: string;
  quantity: number;
  avgPrice: number;
  markPrice: number;
  unrealizedPnl: number;
  realizedPnl: number;
}

export interface BalanceSnapshot extends Base {
  type: 'balance.snapshot';
  venue: string;
  account: string;
  currency: string;
  free: number;
  used: number;
  /** The account's whole value in its reporting currency; drives portfolio, peak and drawdown. */
  portfolioValue?: number;
}

export interface ModelPrediction extends Base {
  type: 'model.prediction';
  model: string;
  version: string;
  latencySeconds: number;
}

export interface ModelOutcome extends Base {
  type: 'model.outcome';
  model: string;
  version: string;
  correct: boolean;
}

export interface StrategySignal extends Base {
  type: 'strategy.signal';
  strategy: string;
  signalType: string;
  confidence: number;
  /** Seconds from the market-data update to the strategy's decision/order (the decision cycle). */
  executionSeconds?: number;
}

export interface BacktestCompleted extends Base {
  type: 'backtest.completed';
  strategy: string;
  /** A failed backtest carries no figures. */
  outcome: 'succeeded' | 'failed';
  sharpe?: number;
  maxDrawdown?: number;
  totalReturn?: number;
}

export type OrderEvent = OrderSubmitted | OrderAcknowledged | OrderFilled | OrderEnded;
export type TradingEvent =
  | OrderEvent
  | PositionSnapshot
  | BalanceSnapshot
  | ModelPrediction
  | ModelOutcome
  | StrategySignal
  | BacktestCompleted;

export function isOrderEvent(e: TradingEvent): e is OrderEvent {
  return e.type.startsWith('order.');
}
