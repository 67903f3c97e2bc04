// Correlation ids: taken from the caller (X-Correlation-Id, X-Request-Id, or the trace id of a W3C
// traceparent) or made up, echoed on the response, and carried through async code with AsyncLocalStorage so
// every log line written while serving the request has it — and outgoing calls can forward it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { traceHeaders } from '@vigil/core';

export const CORRELATION_HEADER = 'x-correlation-id';

const storage = new AsyncLocalStorage<{ correlationId: string }>();
const SANE = /^[\w.:-]{1,128}$/;
const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

export function correlationIdOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  for (const name of [CORRELATION_HEADER, 'x-request-id']) {
    const v = headers[name];
    if (typeof v === 'string' && SANE.test(v)) return v;
  }
  const tp = headers.traceparent;
  const m = typeof tp === 'string' ? TRACEPARENT.exec(tp) : null;
  return m ? m[1] : undefined;
}

export function correlationMiddleware() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const id = correlationIdOf(req.headers) ?? randomUUID();
    res.setHeader('X-Correlation-Id', id);
    storage.run({ correlationId: id }, next);
  };
}

/** The correlation id of the request being served, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Runs fn with a correlation id (for work that does not start from an HTTP request: consumers, jobs). */
export function withCorrelationId<T>(id: string, fn: () => T): T {
  return storage.run({ correlationId: id }, fn);
}

/**
 * Headers to forward on an outgoing call so the next service logs the same id, and (when tracing is on) the
 * active span's W3C `traceparent`, so its spans join the same trace.
 */
export function correlationHeaders(): Record<string, string> {
  const id = currentCorrelationId();
  return traceHeaders(id ? { 'X-Correlation-Id': id } : {});
}
