// The batch codec's layout (src/ingest/batch-codec.ts).
// Generated from exporters/trading/schema/events.ts by `npm run schema:generate -w @vigil/trading-exporter`: do not edit.
import type { Layout } from '../ingest/batch-codec.js';
import type { EventType } from './events.js';

/** Every field of every event type after `type` and `ts`, in slot order, with how its slot is written. */
export const BATCH_LAYOUT: { readonly [T in EventType]: Layout<T> } = {
  'order.submitted': [
    ['orderId', 'key'],
    ['venue', 'string'],
    ['symbol', 'string'],
    ['account', 'string'],
    ['strategy', 'string'],
    ['side', 'string'],
    ['orderType', 'string'],
    ['quantity', 'number'],
    ['limitPrice', 'number'],
    ['arrivalPrice', 'number'],
    ['decisionPrice', 'number'],
    ['traceId', 'id'],
  ],
  'order.acknowledged': [
    ['orderId', 'key'],
    ['traceId', 'id'],
  ],
  'order.filled': [
    ['orderId', 'key'],
    ['fillId', 'id'],
    ['fillQuantity', 'number'],
    ['fillPrice', 'number'],
    ['fee', 'number'],
    ['feeCurrency', 'string'],
    ['liquidity', 'string'],
    ['traceId', 'id'],
  ],
  'order.canceled': [
    ['orderId', 'key'],
    ['reason', 'string'],
  ],
  'order.rejected': [
    ['orderId', 'key'],
    ['reason', 'string'],
  ],
  'order.expired': [
    ['orderId', 'key'],
    ['reason', 'string'],
  ],
  'position.snapshot': [
    ['venue', 'string'],
    ['symbol', 'string'],
    ['account', 'string'],
    ['strategy', 'string'],
    ['quantity', 'number'],
    ['avgPrice', 'number'],
    ['markPrice', 'number'],
    ['unrealizedPnl', 'number'],
    ['realizedPnl', 'number'],
  ],
  'balance.snapshot': [
    ['venue', 'string'],
    ['account', 'string'],
    ['currency', 'string'],
    ['free', 'number'],
    ['used', 'number'],
    ['portfolioValue', 'number'],
  ],
  'model.prediction': [
    ['model', 'string'],
    ['version', 'string'],
    ['latencySeconds', 'number'],
  ],
  'model.outcome': [
    ['model', 'string'],
    ['version', 'string'],
    ['correct', 'boolean'],
  ],
  'strategy.signal': [
    ['strategy', 'string'],
    ['signalType', 'string'],
    ['confidence', 'number'],
    ['executionSeconds', 'number'],
  ],
  'backtest.completed': [
    ['strategy', 'string'],
    ['outcome', 'string'],
    ['sharpe', 'number'],
    ['maxDrawdown', 'number'],
    ['totalReturn', 'number'],
  ],
  'market.quote': [
    ['venue', 'string'],
    ['symbol', 'string'],
    ['bid', 'number'],
    ['ask', 'number'],
    ['bidSize', 'number'],
    ['askSize', 'number'],
  ],
  'job.submitted': [
    ['jobId', 'string'],
    ['kind', 'string'],
    ['strategy', 'string'],
  ],
  'job.started': [
    ['jobId', 'string'],
    ['kind', 'string'],
    ['strategy', 'string'],
  ],
  'job.progress': [
    ['jobId', 'string'],
    ['progress', 'number'],
    ['bestObjective', 'number'],
    ['kind', 'string'],
    ['strategy', 'string'],
  ],
  'job.completed': [
    ['jobId', 'string'],
    ['outcome', 'string'],
    ['kind', 'string'],
    ['strategy', 'string'],
  ],
};
