// Errors by type, for what a service catches or lets through: service_errors_total{service,component,error_type}.
// `component` is the part of the service (http, db, cache, queue, pricing, ...): chosen in code, so bounded;
// `error_type` comes from errorType() and is capped (fold into "other").
import type { ErrorRequestHandler } from 'express';
import { Counter, type Registry } from 'prom-client';
import { BoundedLabel } from './bounded-labels.js';
import { errorType } from './error-type.js';

export interface ErrorMetricsOptions {
  registry: Registry;
  service: string;
  /** Distinct error types kept before folding into "other" (default 30). */
  maxTypes?: number;
}

export interface ErrorMetrics {
  /** Counts `err` under `component` and returns the error type it was counted as. */
  record(err: unknown, component: string): string;
  /** Express error middleware: counts the error under component "http", then passes it on unchanged. */
  expressErrors(): ErrorRequestHandler;
  errors: Counter<'service' | 'component' | 'error_type'>;
}

export function errorMetrics(opts: ErrorMetricsOptions): ErrorMetrics {
  const errors = new Counter({
    name: 'service_errors_total',
    help: 'Errors a service ran into, by component and error type (system error code, SQLSTATE class, Redis error prefix or error class).',
    labelNames: ['service', 'component', 'error_type'],
    registers: [opts.registry],
  });
  const types = new BoundedLabel(opts.registry, opts.service, 'error_type', opts.maxTypes ?? 30);
  const record = (err: unknown, component: string) => {
    const type = types.value(errorType(err));
    errors.inc({ service: opts.service, component, error_type: type });
    return type;
  };
  return {
    record,
    expressErrors: () => (err, _req, _res, next) => {
      record(err, 'http');
      next(err);
    },
    errors,
  };
}
