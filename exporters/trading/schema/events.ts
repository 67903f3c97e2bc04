// The trading event model of POST /v1/events: the one place it is declared. Every event also has `type` and
// `ts` (RFC 3339 or epoch milliseconds; epoch ms after validation). From this file
// `npm run schema:generate -w @vigil/trading-exporter` writes the TypeScript types (src/generated/events.ts),
// the validation (src/generated/validate-fields.ts), the batch codec's layout (src/generated/batch-layout.ts),
// the native scanner's layout (packages/trading-native-scanner/src/*.generated.*) and the README's table;
// `npm test` fails when any of them differs from a fresh generation.
//
// Field order is the order fields are checked in (the first bad one is named in the 400) and the batch
// codec's slot order. Type order is the type code: append new types at the end of a group or anywhere, but
// regenerate (the native scanner checks the schema fingerprint it was built with).
import type { EventSchema, TextField } from './spec.js';

// An order id is shared by all events of its order (the batch codec stores it once per batch).
const orderId: TextField = { type: 'text', codec: 'orderKey' };
const venue: TextField = { type: 'text' };
const symbol: TextField = { type: 'text' };
const account: TextField = { type: 'text', default: 'default' };
const strategy: TextField = { type: 'text', default: 'none' };
const reason: TextField = { type: 'text', maxLength: 512 };
const currency: TextField = { type: 'text', maxLength: 16 };
const model: TextField = { type: 'text' };
const version: TextField = { type: 'text' };
// The desk's own trace of the order (W3C: 32 hex digits): the exemplar of the order's observations, so a slow or
// costly bucket in Grafana opens that trace. Unique to its event in the batch codec.
const traceId: TextField = {
  type: 'text',
  maxLength: 32,
  format: 'traceId',
  codec: 'unique',
  optional: true,
  doc: "W3C trace id of the desk's trace of this order: the exemplar of its latency and slippage observations",
};
// A research job's id: the exporter tracks the job by it (bounded table), never as a label.
const jobId: TextField = { type: 'text' };
// Kind and strategy name a job on job.submitted; later events may repeat them (a job the exporter has not seen,
// e.g. submitted before a restart, is then tracked from that event).
const jobKind: TextField = { type: 'text', optional: true, doc: 'backtest, optimisation, ...; required when the job is not known yet' };
const jobStrategy: TextField = { type: 'text', optional: true, doc: 'required when the job is not known yet' };

export const EVENT_SCHEMA = {
  'order.submitted': {
    doc: 'An order sent to a venue.',
    fields: {
      orderId,
      venue,
      symbol,
      account,
      strategy,
      side: { type: 'enum', values: ['buy', 'sell'] },
      orderType: { type: 'text' },
      quantity: { type: 'number', greaterThan: 0 },
      limitPrice: { type: 'number', greaterThan: 0, optional: true },
      arrivalPrice: { type: 'number', greaterThan: 0, optional: true, doc: 'the reference of slippage' },
      decisionPrice: { type: 'number', greaterThan: 0, optional: true, doc: 'the reference of slippage without an arrival price' },
      traceId,
    },
  },
  'order.acknowledged': {
    doc: 'The venue took the order.',
    fields: { orderId, traceId },
  },
  'order.filled': {
    doc: 'A fill, partial or complete.',
    fields: {
      orderId,
      fillId: { type: 'text', codec: 'unique', optional: true, doc: 'duplicates are recognised by it' },
      fillQuantity: { type: 'number', greaterThan: 0 },
      fillPrice: { type: 'number', greaterThan: 0 },
      fee: { type: 'number', optional: true, doc: 'negative = rebate' },
      feeCurrency: { ...currency, optional: true },
      liquidity: { type: 'enum', values: ['maker', 'taker'], optional: true, doc: 'whether the fill added or took liquidity: the `liquidity` label of markouts (`unknown` when absent)' },
      traceId,
    },
  },
  'order.canceled': {
    doc: 'The order ended canceled.',
    fields: { orderId, reason: { ...reason, optional: true } },
  },
  'order.rejected': {
    doc: 'The venue refused the order.',
    fields: { orderId, reason },
  },
  'order.expired': {
    doc: 'The order ended by its time in force.',
    fields: { orderId, reason: { ...reason, optional: true } },
  },
  'position.snapshot': {
    doc: 'Where a position stands; an older snapshot than the last applied is ignored.',
    fields: {
      venue,
      symbol,
      account,
      strategy,
      quantity: { type: 'number', doc: 'negative = short' },
      avgPrice: { type: 'number', min: 0 },
      markPrice: { type: 'number', greaterThan: 0 },
      unrealizedPnl: { type: 'number' },
      realizedPnl: { type: 'number' },
    },
  },
  'balance.snapshot': {
    doc: 'An account\'s balance in one currency.',
    fields: {
      venue,
      account,
      currency,
      free: { type: 'number', min: 0 },
      used: { type: 'number', min: 0 },
      portfolioValue: { type: 'number', min: 0, optional: true, doc: 'the account\'s whole value in its reporting currency: drives portfolio value, peak and drawdown' },
    },
  },
  'model.prediction': {
    doc: 'A model answered.',
    fields: { model, version, latencySeconds: { type: 'number', min: 0 } },
  },
  'model.outcome': {
    doc: 'Whether a prediction turned out right.',
    fields: { model, version, correct: { type: 'boolean' } },
  },
  'strategy.signal': {
    doc: 'A strategy decided.',
    fields: {
      strategy: { type: 'text' },
      signalType: { type: 'text' },
      confidence: { type: 'ratio' },
      executionSeconds: {
        type: 'seconds',
        below: 3600,
        optional: true,
        doc: 'the decision cycle, from the market-data update to the decision; an hour or more is refused as milliseconds sent as seconds',
      },
    },
  },
  'backtest.completed': {
    doc: 'A research backtest finished; a failed one carries no figures.',
    fields: {
      strategy: { type: 'text' },
      outcome: { type: 'enum', values: ['succeeded', 'failed'], default: 'succeeded' },
      sharpe: { type: 'number', when: { field: 'outcome', equals: 'succeeded' } },
      maxDrawdown: { type: 'ratio', when: { field: 'outcome', equals: 'succeeded' } },
      totalReturn: { type: 'number', min: -1, when: { field: 'outcome', equals: 'succeeded' } },
    },
  },
  'market.quote': {
    doc: 'Top of book on a venue: the mid price markouts are measured against.',
    fields: {
      venue,
      symbol,
      bid: { type: 'number', greaterThan: 0 },
      ask: { type: 'number', greaterThan: 0, notBelow: 'bid', doc: 'a crossed book (ask below bid) is refused' },
      bidSize: { type: 'number', min: 0, optional: true },
      askSize: { type: 'number', min: 0, optional: true },
    },
  },
  'job.submitted': {
    doc: 'A research job (backtest, optimisation) entered the queue.',
    fields: { jobId, kind: { type: 'text' }, strategy: { type: 'text' } },
  },
  'job.started': {
    doc: 'A research job left the queue and runs.',
    fields: { jobId, kind: jobKind, strategy: jobStrategy },
  },
  'job.progress': {
    doc: 'How far a running job is, and the best objective it has found so far (higher is better).',
    fields: {
      jobId,
      progress: { type: 'ratio' },
      bestObjective: { type: 'number', optional: true, doc: 'higher is better: report a loss negated' },
      kind: jobKind,
      strategy: jobStrategy,
    },
  },
  'job.completed': {
    doc: 'A research job ended.',
    fields: {
      jobId,
      outcome: { type: 'enum', values: ['succeeded', 'failed', 'canceled'], default: 'succeeded' },
      kind: jobKind,
      strategy: jobStrategy,
    },
  },
} as const satisfies EventSchema;
