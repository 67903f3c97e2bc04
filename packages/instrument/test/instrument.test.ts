import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { Histogram, Registry } from 'prom-client';
import { assertMetricsClean, waitFor } from '@vigil/test-support';
import {
  correlationHeaders,
  correlationMiddleware,
  createServiceLogger,
  HealthChecks,
  healthRouter,
  httpMetrics,
  httpProbe,
  tcpProbe,
  timed,
  withCorrelationId,
} from '../src/index.js';
import { sample } from './helpers.js';

async function listen(app: express.Express | ((req: never, res: never) => void)): Promise<{ server: Server; url: string }> {
  const server = createServer(app as never);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}


test('RED metrics: route templates (never raw ids), status codes, unmatched routes, durations; promtool clean', async (t) => {
  const registry = new Registry();
  const m = httpMetrics({ registry, service: 'trading-gateway', excludePaths: ['/metrics'] });
  const app = express();
  app.use(m.middleware);
  app.get('/orders/:id', (_req, res) => void res.json({ ok: true }));
  const api = express.Router();
  api.post('/fills', (_req, res) => void res.status(201).end());
  app.use('/api/v1', api);
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.get('/slow', (_req, res) => void setTimeout(() => res.end('ok'), 120));
  app.get('/metrics', async (_req, res) => void res.type('text/plain').send(await registry.metrics()));
  app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => void res.status(500).json({ error: err.message }));
  const { server, url } = await listen(app);
  t.after(() => server.close());

  for (const id of ['A-1', 'B-2', 'C-3']) await (await fetch(`${url}/orders/${id}`)).text();
  await fetch(`${url}/api/v1/fills`, { method: 'POST' });
  await (await fetch(`${url}/boom`)).text();
  await (await fetch(`${url}/nothing/here/123`)).text();
  await (await fetch(`${url}/slow`)).text();
  await (await fetch(`${url}/metrics`)).text();

  const text = await registry.metrics();
  assert.equal(sample(text, 'http_requests_total', 'route="/orders/:id",status="200",method="GET",service="trading-gateway"'), 3);
  assert.ok(!text.includes('A-1'), 'no raw ids in labels');
  assert.equal(sample(text, 'http_requests_total', 'route="/api/v1/fills",status="201",method="POST"'), 1);
  assert.equal(sample(text, 'http_requests_total', 'route="/boom",status="500"'), 1);
  assert.equal(sample(text, 'http_requests_total', 'route="unmatched",status="404"'), 1);
  assert.equal(sample(text, 'http_requests_total', 'route="/metrics"'), undefined, 'excluded path');
  assert.equal(sample(text, 'http_request_duration_seconds_bucket', 'route="/slow",le="0.1"'), 0);
  assert.equal(sample(text, 'http_request_duration_seconds_bucket', 'route="/slow",le="0.2"'), 1);
  assert.equal(sample(text, 'http_requests_in_flight', 'service="trading-gateway"'), 0);
  assertMetricsClean(text, 'the RED metrics');
});

test('a client that goes away mid-response is counted as 499 and in-flight returns to 0', async (t) => {
  const registry = new Registry();
  const m = httpMetrics({ registry, service: 'svc' });
  const app = express();
  app.use(m.middleware);
  app.get('/hang', (_req, res) => void setTimeout(() => res.end('late'), 300));
  const { server, url } = await listen(app);
  t.after(() => server.close());
  await assert.rejects(fetch(`${url}/hang`, { signal: AbortSignal.timeout(50) }));
  // Polled: the server sees the client go away a moment after the client gave up.
  const text = await waitFor(
    async () => {
      const t = await registry.metrics();
      return sample(t, 'http_requests_total', 'status="499"') === 1 ? t : undefined;
    },
    { what: 'the abandoned request counted as 499', timeoutMs: 10_000 },
  );
  assert.equal(sample(text, 'http_requests_total', 'status="499"'), 1);
  assert.equal(sample(text, 'http_requests_in_flight', 'service="svc"'), 0);
});

test('correlation ids: taken from the caller or made up, echoed, on every log line, forwarded', async (t) => {
  let logs = '';
  const destination = new Writable({ write: (c, _e, cb) => void ((logs += c.toString()), cb()) });
  const log = createServiceLogger('order-router', { destination });
  const app = express();
  app.use(correlationMiddleware());
  app.get('/route', async (_req, res) => {
    await new Promise((r) => setTimeout(r, 5));
    log.info({ password: 'p4ss' }, 'routing order');
    res.json(correlationHeaders());
  });
  const { server, url } = await listen(app);
  t.after(() => server.close());

  const given = await fetch(`${url}/route`, { headers: { 'X-Correlation-Id': 'corr-7' } });
  assert.equal(given.headers.get('x-correlation-id'), 'corr-7');
  assert.deepEqual(await given.json(), { 'X-Correlation-Id': 'corr-7' });
  const traced = await fetch(`${url}/route`, { headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } });
  assert.equal(traced.headers.get('x-correlation-id'), '4bf92f3577b34da6a3ce929d0e0e4736');
  const fresh = await fetch(`${url}/route`, { headers: { 'X-Correlation-Id': 'bad id with spaces' } });
  assert.match(fresh.headers.get('x-correlation-id') ?? '', /^[0-9a-f-]{36}$/);

  const lines = logs.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines.map((l) => l.correlationId), ['corr-7', '4bf92f3577b34da6a3ce929d0e0e4736', fresh.headers.get('x-correlation-id')]);
  assert.equal(lines[0].name, 'order-router');
  assert.equal(lines[0].password, '[REDACTED]');
  withCorrelationId('job-1', () => log.info('batch job'));
  assert.match(logs, /"correlationId":"job-1".*"msg":"batch job"/);
});

test('health router with dependency probes: healthy, degraded, unhealthy', async (t) => {
  const up = await listen((_req: never, res: { end: (s: string) => void }) => res.end('ok'));
  t.after(() => up.server.close());
  const down = await listen((_req: never, res: { statusCode: number; end: () => void }) => {
    res.statusCode = 503;
    res.end();
  });
  t.after(() => down.server.close());
  const closedPort = await (async () => {
    const s = await listen(() => {});
    const port = (s.server.address() as AddressInfo).port;
    await new Promise((r) => s.server.close(r));
    return port;
  })();

  const scenario = async (optionalUp: boolean, criticalUp: boolean) => {
    const checks = new HealthChecks();
    checks.add('pricing-api', httpProbe(`${criticalUp ? up.url : down.url}/health`), { critical: true });
    checks.add('venue-gateway', tcpProbe('127.0.0.1', optionalUp ? Number(new URL(up.url).port) : closedPort), { critical: false });
    const app = express();
    app.use(healthRouter(checks, { version: '2.0.0' }));
    const svc = await listen(app);
    try {
      const res = await fetch(`${svc.url}/health`);
      return { code: res.status, body: (await res.json()) as { status: string; version: string; checks: Record<string, { status: string; message?: string }> } };
    } finally {
      svc.server.close();
    }
  };
  const healthy = await scenario(true, true);
  assert.equal(healthy.code, 200);
  assert.equal(healthy.body.status, 'healthy');
  assert.equal(healthy.body.version, '2.0.0');
  const degraded = await scenario(false, true);
  assert.equal(degraded.code, 200);
  assert.equal(degraded.body.status, 'degraded');
  assert.match(degraded.body.checks['venue-gateway'].message ?? '', /ECONNREFUSED/);
  const unhealthy = await scenario(true, false);
  assert.equal(unhealthy.code, 503);
  assert.equal(unhealthy.body.status, 'unhealthy');
  assert.match(unhealthy.body.checks['pricing-api'].message ?? '', /answered 503/);
});

test('timed() observes success and error outcomes and rethrows', async () => {
  const registry = new Registry();
  const h = new Histogram({ name: 'strategy_execution_duration_seconds', help: 'h', labelNames: ['strategy', 'outcome'], registers: [registry] });
  assert.equal(await timed(h, { strategy: 'mean-revert' }, async () => 42), 42);
  await assert.rejects(timed(h, { strategy: 'mean-revert' }, () => Promise.reject(new Error('no liquidity'))), /no liquidity/);
  const text = await registry.metrics();
  assert.equal(sample(text, 'strategy_execution_duration_seconds_count', 'outcome="success"'), 1);
  assert.equal(sample(text, 'strategy_execution_duration_seconds_count', 'outcome="error"'), 1);
});

test('a service importing @vigil/instrument does not pull in the exporter kit or its server-only packages', async () => {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync('npm', ['ls', '--all', '--omit=dev', '--json', '-w', '@vigil/instrument'], {
    cwd: new URL('../../..', import.meta.url),
    encoding: 'utf8',
    timeout: 60_000,
  });
  type Tree = { dependencies?: Record<string, Tree> };
  const names = new Set<string>();
  const walk = (t: Tree) => Object.entries(t.dependencies ?? {}).forEach(([n, sub]) => (names.add(n), walk(sub)));
  walk(JSON.parse(r.stdout) as Tree);
  assert.ok(names.has('@vigil/core') && names.has('prom-client'), [...names].join(' '));
  for (const heavy of ['@vigil/exporter-kit', 'bcryptjs', 'yaml']) assert.ok(!names.has(heavy), `${heavy} is in instrument's production dependencies`);
});
