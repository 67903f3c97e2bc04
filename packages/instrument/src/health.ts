// Health endpoints for platform services, with probes for the dependencies a trading service has (HTTP APIs,
// TCP gateways, databases through a custom check). The status model is @vigil/core's, the exporters' too:
// healthy, degraded (a non-critical dependency is down) or unhealthy (a critical one is; /health answers 503).
import { Socket } from 'node:net';
import { Router } from 'express';
import { HealthChecks, type CheckResult } from '@vigil/core';

export interface HealthRouterOptions {
  version: string;
  /** Until this returns true, /ready answers 503 (e.g. while caches warm up). */
  ready?: () => boolean;
}

export function healthRouter(checks: HealthChecks, opts: HealthRouterOptions): Router {
  const startedAt = Date.now();
  const router = Router();
  router.get('/health', async (_req, res, next) => {
    try {
      const report = await checks.run(opts.version, startedAt);
      res.status(report.status === 'unhealthy' ? 503 : 200).json(report);
    } catch (err) {
      next(err);
    }
  });
  router.get('/ready', (_req, res) => {
    const ready = opts.ready?.() ?? true;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'starting' });
  });
  router.get('/live', (_req, res) => {
    res.json({ status: 'alive' });
  });
  return router;
}

/** Healthy when GET url answers with an expected status within the timeout. */
export function httpProbe(url: string, opts: { timeoutMs?: number; expectStatus?: (status: number) => boolean } = {}) {
  const ok = opts.expectStatus ?? ((s: number) => s >= 200 && s < 300);
  return async (): Promise<CheckResult> => {
    const t0 = performance.now();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 1500) });
      await res.arrayBuffer();
      const latency_seconds = (performance.now() - t0) / 1000;
      return ok(res.status)
        ? { status: 'healthy', latency_seconds }
        : { status: 'unhealthy', message: `${new URL(url).host} answered ${res.status}`, latency_seconds };
    } catch (err) {
      return { status: 'unhealthy', message: `${new URL(url).host}: ${(err as Error).message}` };
    }
  };
}

/** Healthy when a TCP connection to host:port opens within the timeout (exchange gateways, databases). */
export function tcpProbe(host: string, port: number, opts: { timeoutMs?: number } = {}) {
  return (): Promise<CheckResult> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const socket = new Socket();
      const done = (result: CheckResult) => {
        socket.destroy();
        resolve(result);
      };
      socket.setTimeout(opts.timeoutMs ?? 1500, () => done({ status: 'unhealthy', message: `${host}:${port}: connect timed out` }));
      socket.once('error', (err) => done({ status: 'unhealthy', message: `${host}:${port}: ${err.message}` }));
      socket.connect(port, host, () => done({ status: 'healthy', latency_seconds: (performance.now() - t0) / 1000 }));
    });
}
