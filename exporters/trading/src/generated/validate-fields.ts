// The field checks of validateEvent (src/ingest/validate.ts), per event type, after `type` and `ts`.
// Generated from exporters/trading/schema/events.ts by `npm run schema:generate -w @vigil/trading-exporter`: do not edit.
import type { Raw, Reader } from '../ingest/field-reader.js';
import type { EventType } from './events.js';

const ORDER_SUBMITTED_SIDE = ['buy', 'sell'] as const;
const ORDER_FILLED_LIQUIDITY = ['maker', 'taker'] as const;
const BACKTEST_COMPLETED_OUTCOME = ['succeeded', 'failed'] as const;
const JOB_COMPLETED_OUTCOME = ['succeeded', 'failed', 'canceled'] as const;

/** Checks the fields of an event of type `t` in place: defaults filled in, null optionals made undefined. */
export function checkFields(r: Reader, o: Raw, t: EventType): void {
  switch (t) {
    case 'order.submitted':
      r.text('orderId', o.orderId, 128);
      r.text('venue', o.venue, 128);
      r.text('symbol', o.symbol, 128);
      r.set('account', o.account, r.optText('account', o.account, 'default', 128));
      r.set('strategy', o.strategy, r.optText('strategy', o.strategy, 'none', 128));
      r.oneOf('side', o.side, ORDER_SUBMITTED_SIDE);
      r.text('orderType', o.orderType, 128);
      r.number('quantity', o.quantity, 0, true);
      r.set('limitPrice', o.limitPrice, r.maybeNumber('limitPrice', o.limitPrice, 0, true));
      r.set('arrivalPrice', o.arrivalPrice, r.maybeNumber('arrivalPrice', o.arrivalPrice, 0, true));
      r.set('decisionPrice', o.decisionPrice, r.maybeNumber('decisionPrice', o.decisionPrice, 0, true));
      r.set('traceId', o.traceId, r.maybeText('traceId', o.traceId, 32, true));
      break;
    case 'order.acknowledged':
      r.text('orderId', o.orderId, 128);
      r.set('traceId', o.traceId, r.maybeText('traceId', o.traceId, 32, true));
      break;
    case 'order.filled':
      r.text('orderId', o.orderId, 128);
      r.set('fillId', o.fillId, r.maybeText('fillId', o.fillId, 128));
      r.number('fillQuantity', o.fillQuantity, 0, true);
      r.number('fillPrice', o.fillPrice, 0, true);
      r.set('fee', o.fee, r.maybeNumber('fee', o.fee));
      r.set('feeCurrency', o.feeCurrency, r.maybeText('feeCurrency', o.feeCurrency, 16));
      r.set('liquidity', o.liquidity, r.maybeOneOf('liquidity', o.liquidity, ORDER_FILLED_LIQUIDITY));
      r.set('traceId', o.traceId, r.maybeText('traceId', o.traceId, 32, true));
      break;
    case 'order.canceled':
    case 'order.expired':
      r.text('orderId', o.orderId, 128);
      r.set('reason', o.reason, r.maybeText('reason', o.reason, 512));
      break;
    case 'order.rejected':
      r.text('orderId', o.orderId, 128);
      r.text('reason', o.reason, 512);
      break;
    case 'position.snapshot':
      r.text('venue', o.venue, 128);
      r.text('symbol', o.symbol, 128);
      r.set('account', o.account, r.optText('account', o.account, 'default', 128));
      r.set('strategy', o.strategy, r.optText('strategy', o.strategy, 'none', 128));
      r.number('quantity', o.quantity);
      r.number('avgPrice', o.avgPrice, 0);
      r.number('markPrice', o.markPrice, 0, true);
      r.number('unrealizedPnl', o.unrealizedPnl);
      r.number('realizedPnl', o.realizedPnl);
      break;
    case 'balance.snapshot':
      r.text('venue', o.venue, 128);
      r.set('account', o.account, r.optText('account', o.account, 'default', 128));
      r.text('currency', o.currency, 16);
      r.number('free', o.free, 0);
      r.number('used', o.used, 0);
      r.set('portfolioValue', o.portfolioValue, r.maybeNumber('portfolioValue', o.portfolioValue, 0));
      break;
    case 'model.prediction':
      r.text('model', o.model, 128);
      r.text('version', o.version, 128);
      r.number('latencySeconds', o.latencySeconds, 0);
      break;
    case 'model.outcome':
      r.text('model', o.model, 128);
      r.text('version', o.version, 128);
      r.boolean('correct', o.correct);
      break;
    case 'strategy.signal':
      r.text('strategy', o.strategy, 128);
      r.text('signalType', o.signalType, 128);
      r.ratio('confidence', o.confidence);
      r.set('executionSeconds', o.executionSeconds, r.maybeSeconds('executionSeconds', o.executionSeconds, 3600));
      break;
    case 'backtest.completed':
      r.text('strategy', o.strategy, 128);
      r.set('outcome', o.outcome, r.optOneOf('outcome', o.outcome, BACKTEST_COMPLETED_OUTCOME, 'succeeded'));
      if (o.outcome === 'succeeded') {
        r.number('sharpe', o.sharpe);
        r.ratio('maxDrawdown', o.maxDrawdown);
        r.number('totalReturn', o.totalReturn, -1);
      }
      break;
    case 'market.quote':
      r.text('venue', o.venue, 128);
      r.text('symbol', o.symbol, 128);
      r.number('bid', o.bid, 0, true);
      r.number('ask', o.ask, 0, true);
      r.notBelow('ask', o.ask, 'bid', o.bid);
      r.set('bidSize', o.bidSize, r.maybeNumber('bidSize', o.bidSize, 0));
      r.set('askSize', o.askSize, r.maybeNumber('askSize', o.askSize, 0));
      break;
    case 'job.submitted':
      r.text('jobId', o.jobId, 128);
      r.text('kind', o.kind, 128);
      r.text('strategy', o.strategy, 128);
      break;
    case 'job.started':
      r.text('jobId', o.jobId, 128);
      r.set('kind', o.kind, r.maybeText('kind', o.kind, 128));
      r.set('strategy', o.strategy, r.maybeText('strategy', o.strategy, 128));
      break;
    case 'job.progress':
      r.text('jobId', o.jobId, 128);
      r.ratio('progress', o.progress);
      r.set('bestObjective', o.bestObjective, r.maybeNumber('bestObjective', o.bestObjective));
      r.set('kind', o.kind, r.maybeText('kind', o.kind, 128));
      r.set('strategy', o.strategy, r.maybeText('strategy', o.strategy, 128));
      break;
    case 'job.completed':
      r.text('jobId', o.jobId, 128);
      r.set('outcome', o.outcome, r.optOneOf('outcome', o.outcome, JOB_COMPLETED_OUTCOME, 'succeeded'));
      r.set('kind', o.kind, r.maybeText('kind', o.kind, 128));
      r.set('strategy', o.strategy, r.maybeText('strategy', o.strategy, 128));
      break;
  }
}
