import { test } from 'node:test';
import assert from 'node:assert/strict';

import { HealthChecks } from '../src/index.js';

test('healthy when every check is; degraded when a non-critical one fails; unhealthy when a critical one does', async () => {
  const checks = new HealthChecks();
  checks.add('db', () => ({ status: 'healthy' }));
  checks.add('cache', async () => ({ status: 'healthy' }), { critical: false });
  assert.equal((await checks.run('1.0.0', Date.now())).status, 'healthy');

  checks.add('venue', () => ({ status: 'unhealthy', message: 'binance: connect refused' }), { critical: false });
  const degraded = await checks.run('1.0.0', Date.now() - 2000);
  assert.equal(degraded.status, 'degraded');
  assert.equal(degraded.checks.venue!.message, 'binance: connect refused');
  assert.ok(degraded.uptime_seconds >= 2);
  assert.equal(degraded.version, '1.0.0');

  checks.add('ledger', () => {
    throw new Error('ledger down');
  });
  const unhealthy = await checks.run('1.0.0', Date.now());
  assert.equal(unhealthy.status, 'unhealthy');
  assert.equal(unhealthy.checks.ledger!.message, 'ledger down');
  assert.ok(unhealthy.checks.db!.duration_seconds >= 0);
});

test('a check that does not answer in time is unhealthy with a message, and does not hold the report', async () => {
  const checks = new HealthChecks();
  checks.add('stuck', () => new Promise(() => {}), { timeoutMs: 50 });
  const started = performance.now();
  const report = await checks.run('1', Date.now());
  assert.ok(performance.now() - started < 1000);
  assert.deepEqual({ status: report.checks.stuck!.status, message: report.checks.stuck!.message }, { status: 'unhealthy', message: 'check timed out after 50ms' });
  assert.equal(report.status, 'unhealthy');
});
