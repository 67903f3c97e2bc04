// redisMetrics on a real ioredis client against a real Redis (Debian's redis-server on a free loopback port):
// command durations and errors by command and Redis error prefix, pipelines, the connection state when the
// server goes away and comes back on the same port, reconnects and commands queued meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { assertMetricsClean, startRedis, waitFor } from '@vigil/test-support';
import { redisMetrics, redisProbe } from '../src/index.js';
import { sample } from './helpers.js';

test('commands, errors by type, state, reconnects and queued commands of a real ioredis client', { timeout: 60_000 }, async (t) => {
  let server = await startRedis();
  const port = server.port;
  t.after(() => server.stop());
  const registry = new Registry();
  const metrics = redisMetrics({ registry, service: 'quotes' });
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: () => 100, maxRetriesPerRequest: null });
  t.after(() => client.disconnect());
  metrics.instrument(client, 'cache');
  const scrape = () => registry.metrics();

  assert.equal(sample(await scrape(), 'redis_client_ready', 'client="cache"'), 0, 'not connected yet');
  assert.deepEqual(await redisProbe(client)(), { status: 'unhealthy', message: 'redis: client wait' });
  await client.connect();
  assert.equal((await redisProbe(client)()).status, 'healthy');
  await client.set('quote:BTC-USDT', '64000.5');
  assert.equal(await client.get('quote:BTC-USDT'), '64000.5');
  await client.lpush('book', 'x');
  await assert.rejects(client.get('book'), /WRONGTYPE/);
  await assert.rejects(client.call('NOSUCHCOMMAND'), /ERR unknown command/);
  const results = await client.pipeline().incr('seq').incr('seq').exec();
  assert.deepEqual(results?.map(([, v]) => v), [1, 2]);

  let text = await scrape();
  assert.equal(sample(text, 'redis_client_ready', 'client="cache",service="quotes"'), 1);
  assert.equal(sample(text, 'redis_client_state', 'state="ready"'), 1);
  assert.equal(sample(text, 'redis_client_state', 'state="reconnecting"'), 0);
  assert.equal(sample(text, 'redis_client_command_duration_seconds_count', 'command="set",outcome="success"'), 1);
  assert.equal(sample(text, 'redis_client_command_duration_seconds_count', 'command="get",outcome="success"'), 1);
  assert.equal(sample(text, 'redis_client_command_duration_seconds_count', 'command="get",outcome="error"'), 1);
  assert.equal(sample(text, 'redis_client_command_duration_seconds_count', 'command="incr",outcome="success"'), 2, 'pipelined commands');
  assert.equal(sample(text, 'redis_client_command_errors_total', 'command="get",error_type="WRONGTYPE"'), 1);
  assert.equal(sample(text, 'redis_client_command_errors_total', 'command="nosuchcommand",error_type="ERR"'), 1);
  assert.ok(!text.includes('BTC-USDT'), 'no keys or values in labels');
  assertMetricsClean(text, 'the Redis client metrics');

  // The server goes away: the client reconnects, commands issued meanwhile wait in the offline queue.
  await server.stop();
  await waitFor(async () => sample(await scrape(), 'redis_client_ready', 'client="cache"') === 0 || undefined, { what: 'not ready', timeoutMs: 10_000 });
  assert.match(String((await redisProbe(client)()).message), /^redis: client (reconnecting|connecting|connect|close)$/, 'answers at once, no PING queued');
  const queued = client.get('quote:BTC-USDT');
  text = await scrape();
  assert.equal(sample(text, 'redis_client_pending_commands', 'client="cache"'), 1);
  assert.ok((sample(text, 'redis_client_reconnects_total', 'client="cache"') ?? 0) >= 1);
  assert.equal(sample(text, 'redis_client_state', 'state="ready"'), 0);
  server = await startRedis({ port });
  assert.equal(await queued, null, 'the queued command ran on the new (empty) server');
  text = await scrape();
  assert.equal(sample(text, 'redis_client_ready', 'client="cache"'), 1);
  assert.equal(sample(text, 'redis_client_pending_commands', 'client="cache"'), 0);
  assert.equal(sample(text, 'redis_client_command_duration_seconds_count', 'command="get",outcome="success"'), 2);
  assert.throws(() => metrics.instrument(client, 'cache'), /already instrumented/);
});
