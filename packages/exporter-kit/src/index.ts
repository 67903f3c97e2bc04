export { Exporter, type ExporterOptions, type StartedAddress } from './exporter.js';
export { runExporter, buildExporter, allFlags, readSecretFile, type RunExporterOptions, type CliIo } from './cli.js';
export { CollectorRegistry, type Collector, type CollectContext, type CollectorRunResult } from './collector.js';
export {
  renderText,
  renderOpenMetrics,
  renderTextBytes,
  renderOpenMetricsBytes,
  renderTextGzip,
  renderOpenMetricsGzip,
  hasBlocks,
  SampleBlock,
  formatValue,
  escapeLabelValue,
  TEXT_CONTENT_TYPE,
  OPENMETRICS_CONTENT_TYPE,
  type MetricFamily,
  type MetricType,
  type Sample,
  type Labels,
  type Exemplar,
} from './exposition.js';
export { parseFlags, formatHelp, FlagError, type FlagSpec, type FlagValue, type FlagValues, type FlagType } from './flags.js';
export { commonFlags, envNameFor } from './common-flags.js';
export { parseDuration, formatDuration } from './duration.js';
// Logs and health checks live in @vigil/core (shared with @vigil/instrument); re-exported for exporters.
export {
  HealthChecks,
  createLogger,
  loggerInContext,
  jsonLineToLogfmt,
  SECRET_KEYS,
  type HealthStatus,
  type CheckResult,
  type CheckFn,
  type CheckOptions,
  type HealthReport,
  type Logger,
  type LogLevel,
  type LogFormat,
  type LoggerOptions,
} from '@vigil/core';
// Tracing (set up by buildExporter from OTEL_*): the helpers exporters use for their own spans.
export {
  inSpan,
  startTracing,
  type TracingOptions,
  failSpan,
  traceHeaders,
  traceFields,
  sampledTraceId,
  isTraceId,
  currentTracing,
  trace,
  SpanKind,
  type Context,
  type InSpanOptions,
  type Span,
  type Attributes,
  type Tracing,
  type TracingContext,
} from '@vigil/core';
export { loadWebConfig, parseWebConfig, WebConfigError, type WebConfig, type TlsSettings, type ClientAuthType } from './web-config.js';
export { parseListenAddress, isLoopbackListen, type ListenAddress } from './listen-address.js';
export { guardWritingEndpoint, type WritingEndpoint } from './open-endpoint.js';
export { everyInterval } from './background-task.js';
export { BasicAuthenticator } from './basic-auth.js';
export { FailureLimiter, type FailureLimiterOptions } from './failure-limiter.js';
export { sendJson, type RawHandler, type RawRequest } from './raw-routes.js';
export {
  CounterVec,
  GaugeVec,
  HistogramVec,
  observe,
  traceExemplarLabels,
  exponentialBuckets,
  renderAhead,
  type ValueChild,
  type HistogramChild,
  type BucketExemplars,
  type VecOptions,
  type HistogramOptions,
} from './series.js';
export { packageVersion } from './package-version.js';
export { allowHeader, answerUnrouted, checkMediaType, hasBody, mediaType, UnsupportedMediaType } from './http-contract.js';
export { routeTemplate, routesForPath, allowedMethods, takesMethod, type MatchedRoute } from './route-match.js';
