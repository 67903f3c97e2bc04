import type { Request, Response, Router } from 'express';
import express from 'express';
import { Counter, type Registry } from 'prom-client';

// Only the read API the host page uses; anything else is refused so the page is no open proxy.
const ALLOWED =
  /^\/api\/v1\/(query|query_range|series|labels|label\/[^/]+\/values|metadata|status\/buildinfo)$/;

export interface ProxyOptions {
  prometheusUrl: string;
  registry: Registry;
  namespace: string;
  timeoutMs?: number;
}

/** /api/prom/<path> → <prometheus>/<path>, for GET and POST (form-encoded, as Grafana sends). */
export function prometheusProxy(opts: ProxyOptions): Router {
  const requests = new Counter({
    name: `${opts.namespace}_prometheus_proxy_requests_total`,
    help: 'Requests proxied from the host page to Prometheus, by outcome (ok, upstream_error, unreachable, rejected).',
    labelNames: ['outcome'],
    registers: [opts.registry],
  });
  for (const outcome of ['ok', 'upstream_error', 'unreachable', 'rejected']) {
    requests.labels(outcome).inc(0);
  }
  const base = opts.prometheusUrl.replace(/\/+$/, '');
  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: '1mb' }));
  router.all(/.*/, async (req: Request, res: Response) => {
    if (!ALLOWED.test(req.path) || !['GET', 'POST'].includes(req.method)) {
      requests.labels('rejected').inc();
      res.status(400).json({
        status: 'error',
        error: `path: ${req.method} /api/prom${req.path} is not proxied; expected GET or POST of /api/prom/api/v1/{query,query_range,series,labels,...}`,
      });
      return;
    }
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const init: RequestInit = { method: req.method, signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) };
    if (req.method === 'POST') {
      init.body = new URLSearchParams(req.body as Record<string, string>).toString();
      init.headers = { 'content-type': 'application/x-www-form-urlencoded' };
    }
    try {
      const upstream = await fetch(`${base}${req.path}${query}`, init);
      const body = Buffer.from(await upstream.arrayBuffer());
      requests.labels(upstream.ok ? 'ok' : 'upstream_error').inc();
      res
        .status(upstream.status)
        .type(upstream.headers.get('content-type') ?? 'application/json')
        .send(body);
    } catch (err) {
      requests.labels('unreachable').inc();
      req.log?.warn({ err: (err as Error).message }, 'prometheus unreachable');
      res
        .status(502)
        .json({ status: 'error', error: `prometheus at ${base} unreachable: ${(err as Error).message}` });
    }
  });
  return router;
}
