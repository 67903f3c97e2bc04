// Errors the REST API turns into JSON answers: {"error": "...", "field": "..."}.
import type { NextFunction, Request, Response } from 'express';
import { routeTemplate } from '@vigil/exporter-kit';
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


// Counted by route template (the kit's routeTemplate), never the raw path: also a body refused before its route
// ran (the API's body parser is router-wide) counts under the route it was for.
export function apiErrorHandler(metrics: JournalMetrics) {
  return (err: Error & { status?: number; type?: string; field?: string }, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    if (err instanceof ApiError) {
      if (err.status === 400) metrics.badRequests.inc({ route: routeTemplate(req) });
      res.status(err.status).json(err.field ? { error: err.message, field: err.field } : { error: err.message });
      return;
    }
    // express.json() parse failures and oversized bodies.
    if (err.type === 'entity.parse.failed') {
      metrics.badRequests.inc({ route: routeTemplate(req) });
      res.status(400).json({ error: `body: not valid JSON (${err.message})`, field: 'body' });
      return;
    }
    if (err.status && err.status >= 400 && err.status < 500) {
      metrics.badRequests.inc({ route: routeTemplate(req) });
      // The kit's 415 names its header (Content-Type); the body parser's other errors are the body's.
      if (err.field) res.status(err.status).json({ error: err.message, field: err.field });
      else res.status(err.status).json({ error: `body: ${err.message}`, field: 'body' });
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
