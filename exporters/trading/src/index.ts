export { tradingExporterOptions, setupTrading, TRADING_FLAGS } from './trading-exporter.js';
export { TradingState, type TradingStateOptions } from './trading-state.js';
export { validateEvent, validateBatch, type ValidateOptions } from './ingest/validate.js';
export { IngestError, type RejectReason } from './ingest/ingest-error.js';
export { nativeScanner, type NativeScanner } from './ingest/native-scan.js';
export { encodeBatch, decodeBatch, type EncodedBatch } from './ingest/batch-codec.js';
export { ORDER_LABELS, DURATION_BUCKETS, FILL_RATIO_BUCKETS, SLIPPAGE_BUCKETS } from './metrics/order-metrics.js';
export { Simulator, type SimulatorOptions } from './sim/simulator.js';
export * from './events.js';
