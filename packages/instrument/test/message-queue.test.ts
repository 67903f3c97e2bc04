// queueMetrics around a real broker: Redis Streams on Debian's redis-server (XADD to publish, a consumer group
// with XREADGROUP/XACK to consume, XINFO GROUPS for the lag the broker reports). Kafka and NATS are not in
// Debian; the helper is broker-neutral and the same calls apply to them (see the README).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { assertMetricsClean, startRedis, waitFor } from '@vigil/test-support';
import { queueMetrics } from '../src/index.js';
import { sample } from './helpers.js';

class StaleQuoteError extends Error {
  override name = 'StaleQuoteError';
}

test('published, processed, failed by type, in flight, message age and broker lag on Redis Streams', { timeout: 60_000 }, async (t) => {
  const server = await startRedis();
  t.after(() => server.stop());
  const redis = new Redis(server.redisUrl);
  t.after(() => redis.disconnect());
  const registry = new Registry();
  const q = queueMetrics({ registry, service: 'pricer' }).queue('quotes', { system: 'redis_streams' });
  const L = 'queue="quotes",system="redis_streams"';
  await redis.xgroup('CREATE', 'quotes', 'pricer', '$', 'MKSTREAM');
  q.lagFrom(async () => {
    const groups = (await redis.xinfo('GROUPS', 'quotes')) as unknown[][];
    const fields = groups[0];
    return Number(fields[fields.indexOf('lag') + 1]);
  });

  for (const px of ['100.5', '100.7', 'bad', '100.6']) {
    await redis.xadd('quotes', '*', 'symbol', 'BTC-USDT', 'px', px);
    q.published();
  }
  await redis.lpush('not-a-stream', 'x');
  await assert.rejects(redis.xadd('not-a-stream', '*', 'px', '1').catch((err) => (q.publishFailed(err), Promise.reject(err))));
  let text = await registry.metrics();
  assert.equal(sample(text, 'messaging_messages_published_total', L), 4);
  assert.equal(sample(text, 'messaging_publish_failures_total', 'error_type="WRONGTYPE"'), 1);
  assert.equal(sample(text, 'messaging_consumer_lag_messages', L), 4, "the broker's own lag before consuming");

  const read = (await redis.xreadgroup('GROUP', 'pricer', 'c1', 'COUNT', 10, 'STREAMS', 'quotes', '>')) as Array<[string, Array<[string, string[]]>]>;
  const entries = read[0][1];
  assert.equal(entries.length, 4);
  let release!: () => void;
  const slow = new Promise<void>((r) => (release = r));
  const results = entries.map(([id, fields], i) =>
    q
      .process(
        async () => {
          if (i === 0) await slow;
          const px = Number(fields[fields.indexOf('px') + 1]);
          if (!Number.isFinite(px)) throw new StaleQuoteError('not a price');
          await redis.xack('quotes', 'pricer', id);
          return px;
        },
        { publishedAt: Number(id.split('-')[0]) },
      )
      .then(
        (v) => v,
        (err: Error) => err.name,
      ),
  );
  // The other three finish (their XACK round trips); the slow one is still in flight.
  await waitFor(async () => sample(await registry.metrics(), 'messaging_messages_processed_total', 'outcome="success"') === 2 || undefined, {
    what: 'the fast messages processed',
    timeoutMs: 10_000,
  });
  assert.equal(sample(await registry.metrics(), 'messaging_messages_in_flight', L), 1, 'the slow message is still in flight');
  release();
  assert.deepEqual(await Promise.all(results), [100.5, 100.7, 'StaleQuoteError', 100.6]);

  text = await registry.metrics();
  assert.equal(sample(text, 'messaging_messages_in_flight', L), 0);
  assert.equal(sample(text, 'messaging_messages_processed_total', 'outcome="success"'), 3);
  assert.equal(sample(text, 'messaging_messages_processed_total', 'outcome="failure"'), 1);
  assert.equal(sample(text, 'messaging_process_failures_total', 'error_type="StaleQuoteError"'), 1);
  assert.equal(sample(text, 'messaging_process_duration_seconds_count', 'outcome="success"'), 3);
  assert.equal(sample(text, 'messaging_message_age_seconds_count', L), 4);
  assert.ok((sample(text, 'messaging_message_age_seconds_sum', L) ?? -1) >= 0);
  assert.equal(sample(text, 'messaging_consumer_lag_messages', L), 0, 'all delivered to the group');
  const pending = (await redis.xpending('quotes', 'pricer')) as [number];
  assert.equal(pending[0], 1, 'the failed message stays pending at the broker');
  assertMetricsClean(text, 'the messaging metrics');
});

test('queue names beyond the cap fold into "other" and the fold is counted; setLag for brokers asked elsewhere', async () => {
  const registry = new Registry();
  const m = queueMetrics({ registry, service: 'router', maxQueues: 2 });
  m.queue('orders', { system: 'kafka' }).setLag(12);
  m.queue('fills', { system: 'kafka' });
  const third = m.queue('orders.BTC-USDT.9f2c', { system: 'kafka' });
  third.published(3);
  assert.equal(m.queue('orders', { system: 'kafka' }), m.queue('orders', { system: 'kafka' }));
  const text = await registry.metrics();
  assert.equal(sample(text, 'messaging_consumer_lag_messages', 'queue="orders",system="kafka"'), 12);
  assert.equal(sample(text, 'messaging_messages_published_total', 'queue="other"'), 3);
  assert.equal(sample(text, 'instrument_label_values_folded_total', 'label="queue",service="router"'), 1);
  assert.ok(!text.includes('9f2c'));
  assertMetricsClean(text, 'folded queue names');
});
