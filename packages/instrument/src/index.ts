export { httpMetrics, routeLabel, DEFAULT_DURATION_BUCKETS, type HttpMetrics, type HttpMetricsOptions } from './http-metrics.js';
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
export { healthMetrics, type HealthMetricsOptions } from './health-metrics.js';
export { timed } from './business.js';
export { tracingMiddleware } from './tracing.js';
export { HealthChecks, type CheckResult, type HealthStatus } from '@vigil/core';
export { startTracing, inSpan, traceHeaders, sampledTraceId, type Tracing, type TracingOptions } from '@vigil/core';
