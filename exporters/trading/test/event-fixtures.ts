// Raw events (as a client posts them) shared by the codec and native scanner tests: every field of every type
// set, then only the required ones. A type declared in the schema without a hand-written event here gets one
// made from its declaration, so a new type is covered without editing this file.
import { EVENT_SCHEMA } from '../schema/events.js';
import { eventList, type FieldSpec } from '../schema/spec.js';
import { T0 } from './helpers.js';

/** A valid value of a field: the longest text, a number just inside its bounds, the last enum value. */
export function validValue(f: FieldSpec): unknown {
  switch (f.type) {
    case 'text':
      return f.format === 'traceId' ? '0af7651916cd43dd8448eb211c80319C' : 'x'.repeat(f.maxLength ?? 128);
    case 'number':
      return (f.greaterThan ?? f.min ?? 0) + 1;
    case 'seconds':
      return f.below / 2;
    case 'ratio':
      return 0.5;
    case 'boolean':
      return false;
    case 'enum':
      return f.values[f.values.length - 1];
  }
}

export const HAND_WRITTEN_FULL: Record<string, unknown>[] = [
  { type: 'order.submitted', ts: T0, orderId: 'o-1', venue: 'binance', symbol: 'BTC/USDT', account: 'desk-1', strategy: 'momentum', side: 'buy', orderType: 'limit', quantity: 0.5, limitPrice: 65000.5, arrivalPrice: 64999, decisionPrice: 64990 },
  { type: 'order.acknowledged', ts: T0 + 1, orderId: 'o-1' },
  { type: 'order.filled', ts: T0 + 2, orderId: 'o-1', fillId: 'f-1', fillQuantity: 0.25, fillPrice: 65001, fee: -0.3, feeCurrency: 'USDT', liquidity: 'maker' },
  { type: 'order.canceled', ts: T0 + 3, orderId: 'o-2', reason: 'user asked' },
  { type: 'order.rejected', ts: T0 + 4, orderId: 'o-3', reason: 'insufficient margin' },
  { type: 'order.expired', ts: T0 + 5, orderId: 'o-4', reason: 'GTD' },
  { type: 'position.snapshot', ts: T0, venue: 'okx', symbol: 'ETH/USDT', account: 'a', strategy: 's', quantity: -2, avgPrice: 3000, markPrice: 3010, unrealizedPnl: -20, realizedPnl: 15.5 },
  { type: 'balance.snapshot', ts: T0, venue: 'okx', account: 'a', currency: 'USDT', free: 1e6, used: 2.5e5, portfolioValue: 1.25e6 },
  { type: 'model.prediction', ts: T0, model: 'fill-prob', version: 'v3', latencySeconds: 0.0042 },
  { type: 'model.outcome', ts: T0, model: 'fill-prob', version: 'v3', correct: false },
  { type: 'strategy.signal', ts: T0, strategy: 'mean-rev', signalType: 'entry', confidence: 0.7, executionSeconds: 0.012 },
  { type: 'backtest.completed', ts: T0, strategy: 'mean-rev', outcome: 'succeeded', sharpe: 1.4, maxDrawdown: 0.12, totalReturn: 0.31 },
  { type: 'market.quote', ts: T0, venue: 'binance', symbol: 'BTC/USDT', bid: 2.5, ask: 2.75, bidSize: 1.2, askSize: 0.8 },
];
export const FULL: Record<string, unknown>[] = [
  ...HAND_WRITTEN_FULL,
  ...eventList(EVENT_SCHEMA)
    .filter((e) => !HAND_WRITTEN_FULL.some((w) => w.type === e.type))
    .map((e) => ({ type: e.type, ts: T0, ...Object.fromEntries(e.fields.map((f) => [f.name, validValue(f.spec)])) })),
];

export const MINIMAL: Record<string, unknown>[] = [
  { type: 'order.submitted', ts: '2026-11-24T12:00:00.250Z', orderId: 'o-9', venue: 'kraken', symbol: 'XBT/EUR', side: 'sell', orderType: 'market', quantity: 1 },
  { type: 'order.filled', ts: T0, orderId: 'o-9', fillQuantity: 1, fillPrice: 60000 },
  { type: 'order.canceled', ts: T0, orderId: 'o-10' },
  { type: 'balance.snapshot', ts: T0, venue: 'kraken', currency: 'EUR', free: 0, used: 0 },
  { type: 'model.outcome', ts: T0, model: 'm', version: '1', correct: true },
  { type: 'strategy.signal', ts: T0, strategy: 's', signalType: 'exit', confidence: 0 },
  { type: 'backtest.completed', ts: T0, strategy: 's', outcome: 'failed' },
  { type: 'market.quote', ts: T0, venue: 'kraken', symbol: 'XBT/EUR', bid: 60000, ask: 60000 },
];
