// API key check for every /api/* route: X-API-Key or Authorization: Bearer, compared in constant time.
import type { NextFunction, Request, Response } from 'express';
import { routeTemplate } from '@vigil/exporter-kit';
import { keysEqual } from '../api-key.js';
import type { AuthLimit } from '../auth-limit.js';
import type { JournalMetrics } from '../metrics.js';

export function presentedKey(req: Request): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const auth = req.headers.authorization;
  const m = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
  return m?.[1];
}

export function requireApiKey(apiKey: string, metrics: JournalMetrics, limit: AuthLimit) {
  return (req: Request, res: Response, next: NextFunction): void => {
    // Counted under the route the request was for (its template; "unmatched" for a path no route takes).
    if (limit.refused(req, res)) {
      metrics.unauthorized.inc({ route: routeTemplate(req) });
      return;
    }
    const given = presentedKey(req);
    if (given !== undefined && keysEqual(given, apiKey)) return next();
    if (given !== undefined) limit.wrong(req);
    metrics.unauthorized.inc({ route: routeTemplate(req) });
    res
      .status(401)
      .setHeader('WWW-Authenticate', 'Bearer realm="vigil-alert-journal"')
      .json({ error: given === undefined ? 'missing API key: send X-API-Key or Authorization: Bearer' : 'invalid API key' });
  };
}
