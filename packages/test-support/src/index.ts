export { freePort } from './ports.js';
export { waitFor, type WaitOptions } from './wait.js';
export { checkSlowClientsCutOff, slowClient, type SlowClientOptions, type SlowClientResult, type SlowlorisCheck } from './slow-client.js';
export {
  BINARIES,
  MissingBinaryError,
  expandDirs,
  findBinary,
  requireBinary,
  which,
  type BinaryName,
  type BinarySpec,
} from './binaries.js';
export { referenceDir, referenceRoots, repoRoot } from './reference.js';
export { MissingReferenceError, schemaFile, schemaRoots } from './schemas.js';
export { TextSink, tempDir } from './temp.js';
export { startServer, type ServerProcess, type StartServerOptions } from './server-process.js';
export { startPostgres, type PostgresOptions, type RunningPostgres } from './postgres.js';
export { startRedis, type RedisOptions, type RunningRedis } from './redis.js';
export {
  startPrometheus,
  type InstantVector,
  type PrometheusOptions,
  type RunningPrometheus,
} from './prometheus.js';
export {
  startAlertmanager,
  type AlertmanagerOptions,
  type PostedAlert,
  type RunningAlertmanager,
} from './alertmanager.js';
export {
  startExporterProcess,
  startNodeExporter,
  withScrape,
  type RunningExporter,
} from './node-exporter.js';
export {
  amtool,
  assertMetricsClean,
  promtool,
  promtoolCheckMetrics,
  assertFamiliesGrouped,
  runTool,
  type ToolOptions,
  type ToolResult,
} from './promtool.js';
export { chromiumLaunchOptions, type ChromiumLaunchOptions } from './chromium.js';
export {
  JOURNAL_WEBHOOK_TEST_TOKEN,
  loopbackAlertmanagerConfig,
  loopbackPrometheusConfig,
  type AlertmanagerRewrite,
  type PrometheusRewrite,
} from './loopback-configs.js';
export {
  durationMs,
  startPipeline,
  type Pipeline,
  type PipelineTimings,
  type WebhookAlert,
  type WebhookPayload,
} from './alert-pipeline.js';
export { installPacked, startPackedExporter, type PackedExporter, type PackedInstall } from './packed-install.js';
export { packageBin } from './package-bin.js';
export { parseSamples, sample, scrape, waitForSamples } from './samples.js';
export { startOtlpReceiver, decodeTraces, type OtlpReceiver, type ReceivedSpan, type AttributeValue } from './otlp-receiver.js';
