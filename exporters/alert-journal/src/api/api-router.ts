// The REST API under /api/v1, every route behind the API key.
import express, { type Router } from 'express';
import type { ApiDeps } from './deps.js';
import { requireApiKey } from './auth.js';
import { apiErrorHandler } from './errors.js';
import { mountAck } from './ack-route.js';
import { mountActiveAlerts } from './active-alerts-route.js';
import { mountHistory } from './history-route.js';
import { mountInsights } from './insights-route.js';
import { mountReports } from './reports-route.js';
import { mountServiceAlert } from './service-alert-route.js';
import { mountServiceMetrics } from './service-metrics-route.js';
import { mountSilences } from './silences-route.js';
import { mountStats } from './stats-route.js';
import { openApiDocument } from './openapi.js';

export function apiRouter(deps: ApiDeps, apiKey: string): Router {
  const api = express.Router();
  api.use(requireApiKey(apiKey, deps.metrics, deps.authLimit));
  api.use(deps.http.jsonBody({ limit: '1mb' }));
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(deps.version));
  });
  // Fixed paths before /alerts/:id/... so "history", "stats", "acks", ... are never taken for an id.
  mountHistory(api, deps);
  mountInsights(api, deps);
  mountStats(api, deps);
  mountActiveAlerts(api, deps);
  mountServiceAlert(api, deps);
  mountSilences(api, deps);
  mountAck(api, deps);
  mountServiceMetrics(api, deps);
  mountReports(api, deps);
  // The kit's fallback, past the key: 405 with Allow for a known path, 404 otherwise.
  api.use(deps.http.unrouted);
  api.use(apiErrorHandler(deps.metrics));
  const root = express.Router();
  root.use('/api/v1', api);
  // Anything else under /api/ also needs the key, so unknown paths do not reveal what exists.
  root.use('/api', requireApiKey(apiKey, deps.metrics, deps.authLimit), deps.http.unrouted);
  return root;
}
