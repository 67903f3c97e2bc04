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
export { createLogger, jsonLineToLogfmt, SECRET_KEYS, type Logger, type LogLevel, type LogFormat, type LoggerOptions } from './logger.js';
