export { tradingExporterOptions, setupTrading, TRADING_FLAGS } from './trading-exporter.js';
export { TradingState, type TradingStateOptions } from './trading-state.js';
export { validateEvent, validateBatch, type ValidateOptions } from './ingest/validate.js';
export { IngestError, type RejectReason } from './ingest/ingest-error.js';
export * from './events.js';
