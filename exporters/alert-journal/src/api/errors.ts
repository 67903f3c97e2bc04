// Errors the REST API turns into JSON answers: {"error": "...", "field": "..."}.
import type { NextFunction, Request, Response } from 'express';
import { UpstreamError } from '../clients/http-json.js';
import type { JournalMetrics } from '../metrics.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const badRequest = (field: string, message: string) => new ApiError(400, `${field}: ${message}`, field);

/** Route label for metrics: the route pattern, never the raw path (ids would make it unbounded). */
export function routeLabel(req: Request): string {
  const pattern = (req.route as { path?: string } | undefined)?.path;
  return typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
}

export function apiErrorHandler(metrics: JournalMetrics) {
  return (err: Error & { status?: number; type?: string }, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    if (err instanceof ApiError) {
      if (err.status === 400) metrics.badRequests.inc({ route: routeLabel(req) });
      res.status(err.status).json(err.field ? { error: err.message, field: err.field } : { error: err.message });
      return;
    }
    // express.json() parse failures and oversized bodies.
    if (err.type === 'entity.parse.failed') {
      metrics.badRequests.inc({ route: routeLabel(req) });
      res.status(400).json({ error: `body: not valid JSON (${err.message})`, field: 'body' });
      return;
    }
    if (err.status && err.status >= 400 && err.status < 500) {
      metrics.badRequests.inc({ route: routeLabel(req) });
      res.status(err.status).json({ error: `body: ${err.message}`, field: 'body' });
      return;
    }
    if (err instanceof UpstreamError) {
      req.log.warn({ upstream: err.upstream, err: err.message }, 'upstream failed');
      res.status(502).json({ error: err.message });
      return;
    }
    next(err);
  };
}
