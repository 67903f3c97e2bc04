export {
  HealthChecks,
  HEALTH_STATES,
  healthStateSamples,
  type HealthStateSample,
  type HealthStatus,
  type CheckResult,
  type CheckFn,
  type CheckOptions,
  type HealthReport,
} from './health.js';
export { createLogger, loggerInContext, jsonLineToLogfmt, SECRET_KEYS, type Logger, type LogLevel, type LogFormat, type LoggerOptions } from './logger.js';
export {
  startTracing,
  currentTracing,
  samplerFromEnv,
  tracesEndpoint,
  resourceAttributesFromEnv,
  type Tracing,
  type TracingContext,
  type TracingOptions,
} from './tracing.js';
export { SyncContextManager } from './sync-context.js';
export {
  inSpan,
  failSpan,
  type InSpanOptions,
  startServerSpan,
  traceHeaders,
  traceFields,
  sampledTraceId,
  isTraceId,
  SpanKind,
  SpanStatusCode,
  context,
  trace,
  type Attributes,
  type Context,
  type Span,
} from './spans.js';
