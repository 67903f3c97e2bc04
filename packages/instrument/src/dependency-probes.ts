// Health probes for the database and cache a service uses, for HealthChecks (healthRouter, healthMetrics):
// a round trip through the service's own pool or client, so the probe sees what requests see.
import type { CheckResult } from '@vigil/core';
import { errorType } from './error-type.js';

/**
 * `SELECT 1` through the pool: healthy with its latency; degraded while callers queue for a connection (the
 * database answers, the pool is the bottleneck); unhealthy with the error type and message when it fails.
 */
export function pgProbe(pool: { query(text: string): Promise<unknown>; readonly waitingCount?: number }) {
  return async (): Promise<CheckResult> => {
    const t0 = performance.now();
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      return { status: 'unhealthy', message: `postgres: ${errorType(err)}: ${(err as Error)?.message ?? String(err)}` };
    }
    const latency_seconds = (performance.now() - t0) / 1000;
    const waiting = pool.waitingCount ?? 0;
    return waiting > 0
      ? { status: 'degraded', message: `postgres: ${waiting} callers waiting for a pool connection`, latency_seconds }
      : { status: 'healthy', latency_seconds };
  };
}

/**
 * PING through the ioredis client when it is ready; unhealthy at once, naming its state, when it is not (a PING
 * would only wait in the offline queue until the check times out).
 */
export function redisProbe(client: { readonly status: string; ping(): Promise<string> }) {
  return async (): Promise<CheckResult> => {
    if (client.status !== 'ready') return { status: 'unhealthy', message: `redis: client ${client.status}` };
    const t0 = performance.now();
    try {
      const pong = await client.ping();
      if (pong !== 'PONG') return { status: 'unhealthy', message: `redis: PING answered ${JSON.stringify(pong).slice(0, 100)}` };
    } catch (err) {
      return { status: 'unhealthy', message: `redis: ${errorType(err)}: ${(err as Error)?.message ?? String(err)}` };
    }
    return { status: 'healthy', latency_seconds: (performance.now() - t0) / 1000 };
  };
}
