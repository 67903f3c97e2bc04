// The service logger: @vigil/core's pino logger (JSON or logfmt, secrets redacted) with the service name
// and the current correlation id on every line.
import { createLogger, type LoggerOptions, type Logger } from '@vigil/core';
import { currentCorrelationId } from './correlation.js';

export function createServiceLogger(service: string, opts: Omit<LoggerOptions, 'name' | 'mixin'> = {}): Logger {
  return createLogger({
    ...opts,
    name: service,
    mixin: () => {
      const id = currentCorrelationId();
      return id ? { correlationId: id } : {};
    },
  });
}
