export {
  httpMetrics,
  routeLabel,
  DEFAULT_DURATION_BUCKETS,
  DEFAULT_SIZE_BUCKETS,
  type HttpMetrics,
  type HttpMetricsOptions,
} from './http-metrics.js';
export { errorMetrics, type ErrorMetrics, type ErrorMetricsOptions } from './error-metrics.js';
export { errorType, sqlstateClass } from './error-type.js';
export { BoundedLabel, OTHER } from './bounded-labels.js';
export { pgPoolMetrics, sqlOperation, DEFAULT_QUERY_BUCKETS, type PgPoolLike, type PgPoolMetrics, type PgPoolMetricsOptions } from './postgres-pool.js';
export {
  correlationMiddleware,
  correlationIdOf,
  currentCorrelationId,
  withCorrelationId,
  correlationHeaders,
  CORRELATION_HEADER,
} from './correlation.js';
export { createServiceLogger } from './logger.js';
export { healthRouter, httpProbe, tcpProbe, type HealthRouterOptions } from './health.js';
export { pgProbe, redisProbe } from './dependency-probes.js';
export { healthMetrics, type HealthMetricsOptions } from './health-metrics.js';
export { timed } from './business.js';
export { tracingMiddleware } from './tracing.js';
export { HealthChecks, type CheckResult, type HealthStatus } from '@vigil/core';
export { startTracing, inSpan, traceHeaders, sampledTraceId, type Tracing, type TracingOptions } from '@vigil/core';
export { redisMetrics, REDIS_STATES, DEFAULT_REDIS_BUCKETS, type IoRedisLike, type RedisMetrics, type RedisMetricsOptions } from './redis-client.js';
export {
  queueMetrics,
  DEFAULT_AGE_BUCKETS,
  DEFAULT_PROCESS_BUCKETS,
  type ConsumeOptions,
  type QueueInstrument,
  type QueueMetrics,
  type QueueMetricsOptions,
} from './message-queue.js';
export {
  marketDataQuality,
  type MarketDataQuality,
  type MarketDataQualityOptions,
  type MarketDataUpdate,
  type QualityIssue,
} from './market-data-quality.js';
