export { tradingExporterOptions, setupTrading, TRADING_FLAGS } from './trading-exporter.js';
export { TradingState, type TradingStateOptions } from './trading-state.js';
export { validateEvent, validateBatch, type ValidateOptions } from './ingest/validate.js';
export { IngestError, type RejectReason } from './ingest/ingest-error.js';
export { nativeScanner, type NativeScanner } from './ingest/native-scan.js';
export * from './events.js';
