import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { assertMetricsClean, waitFor } from '@vigil/test-support';
import { HealthChecks, healthMetrics, tcpProbe } from '../src/index.js';

function value(text: string, name: string, labels: string[]): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.every((kv) => l.includes(kv)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : undefined;
}

test('health checks as state-set metrics follow a real TCP dependency going down and up; promtool clean', async (t) => {
  const server = createServer((s) => s.end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  t.after(() => server.close());
  const checks = new HealthChecks();
  checks.add('pricing-db', tcpProbe('127.0.0.1', port, { timeoutMs: 500 }), { critical: false });
  checks.add('self', () => ({ status: 'healthy' }));
  const registry = new Registry();
  healthMetrics({ registry, checks, service: 'trading-gateway', version: '1.0.0' });

  let text = await registry.metrics();
  assert.equal(value(text, 'service_health_check_status', ['check="pricing-db"', 'state="healthy"', 'critical="false"', 'service="trading-gateway"']), 1);
  assert.equal(value(text, 'service_health_check_status', ['check="pricing-db"', 'state="degraded"']), 0);
  assert.equal(value(text, 'service_health_check_status', ['check="pricing-db"', 'state="unhealthy"']), 0);
  assert.equal(value(text, 'service_health_check_status', ['check="self"', 'critical="true"', 'state="healthy"']), 1);
  assert.equal(value(text, 'service_health_status', ['state="healthy"']), 1);
  assertMetricsClean(text, 'the health metrics');

  await new Promise<void>((r) => server.close(() => r()));
  // A later scrape (past the one-second sharing window) runs the checks again: polled until it has.
  text = await waitFor(
    async () => {
      const t = await registry.metrics();
      return value(t, 'service_health_check_status', ['check="pricing-db"', 'state="unhealthy"']) === 1 ? t : undefined;
    },
    { what: 'the checks run again after the pricing-db went down', timeoutMs: 10_000, intervalMs: 100 },
  );
  assert.equal(value(text, 'service_health_check_status', ['check="pricing-db"', 'state="unhealthy"']), 1);
  assert.equal(value(text, 'service_health_check_status', ['check="pricing-db"', 'state="healthy"']), 0);
  assert.equal(value(text, 'service_health_status', ['state="degraded"']), 1, 'a non-critical dependency down degrades the service');
  assert.equal(value(text, 'service_health_status', ['state="healthy"']), 0);
});

test('a namespace option prefixes the names; a check that throws is unhealthy and makes a critical service unhealthy', async () => {
  const checks = new HealthChecks();
  checks.add('ledger', () => {
    throw new Error('ledger unreachable');
  });
  const registry = new Registry();
  healthMetrics({ registry, checks, service: 'ledger-api', namespace: 'ledger_api' });
  const text = await registry.metrics();
  assert.equal(value(text, 'ledger_api_health_check_status', ['check="ledger"', 'state="unhealthy"']), 1);
  assert.equal(value(text, 'ledger_api_health_status', ['state="unhealthy"']), 1);
});
