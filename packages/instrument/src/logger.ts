// The service logger: @vigil/core's pino logger (JSON or logfmt, secrets redacted) with the service name
// and the current correlation id on every line (and, from @vigil/core, the active span's trace_id and span_id).
import { createLogger, currentTracing, type LoggerOptions, type Logger } from '@vigil/core';
import { currentCorrelationId } from './correlation.js';

export function createServiceLogger(service: string, opts: Omit<LoggerOptions, 'name' | 'mixin'> = {}): Logger {
  return createLogger({
    ...opts,
    name: service,
    // OTEL_SERVICE_NAME, when startTracing ran with it: the logs and the spans name the service alike.
    serviceName: opts.serviceName ?? currentTracing()?.serviceName ?? service,
    mixin: () => {
      const id = currentCorrelationId();
      return id ? { correlationId: id } : {};
    },
  });
}
