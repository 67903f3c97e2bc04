// Ingest worker threads: large and gzip bodies are checked off the main thread with exactly the answers and
// metrics of the inline path; a dying worker costs its in-flight batches a 503 (nothing applied) and is
// replaced; a crash loop falls back to checking on the main thread; batches apply in arrival order.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Worker } from 'node:worker_threads';
import { ApplyQueue } from '../src/ingest/apply-queue.js';
import { decodeBatch } from '../src/ingest/batch-codec.js';
import { IngestError } from '../src/ingest/ingest-error.js';
import { IngestWorkers, WorkerUnavailable } from '../src/ingest/ingest-workers.js';
import { parseSamples, post, sample, scrape, startExporter, traffic, tradingFigures, type Running } from './helpers.js';

const CHECK = { format: 'json' as const, gzip: false, maxBodyBytes: 10 * 1024 * 1024, maxFutureMs: 300_000, native: true };

const workersOf = (pool: IngestWorkers) => (pool as unknown as { slots: { worker: Worker }[] }).slots.map((s) => s.worker);

describe('ingest workers', () => {
  let pooled: Running;
  let inline: Running;
  before(async () => {
    // Long grace so nothing is finalized by the clock between the two exporters' scrapes.
    pooled = await startExporter(['--ingest.workers=2', '--orders.grace-period=1h']);
    inline = await startExporter(['--ingest.workers=0', '--orders.grace-period=1h']);
  });
  after(async () => {
    await pooled.stop();
    await inline.stop();
  });

  it('exports the worker count and the restart counter', async () => {
    const p = parseSamples(await scrape(pooled.url));
    assert.equal(sample(p, 'trading_ingest_workers'), 2);
    assert.equal(sample(p, 'trading_ingest_worker_restarts_total'), 0);
    assert.equal(sample(parseSamples(await scrape(inline.url)), 'trading_ingest_workers'), 0);
  });

  it('gives large and gzip batches the same answers and metrics as checking inline', async () => {
    const events = traffic(8);
    const batches: unknown[][] = [];
    for (let i = 0; i < events.length; i += 2_000) batches.push(events.slice(i, i + 2_000));
    assert.ok(batches.length >= 3 && JSON.stringify(batches[0]).length > 64 * 1024, 'batches must take the worker path');
    for (const [i, b] of batches.entries()) {
      const body = JSON.stringify(b);
      const gz = i % 2 === 1;
      const payload = gz ? gzipSync(body) : body;
      const headers = gz ? { 'content-encoding': 'gzip' } : undefined;
      const [a, c] = await Promise.all([post(pooled.url, payload, { headers }), post(inline.url, payload, { headers })]);
      assert.equal(a.status, 202);
      assert.deepEqual(a.json, c.json);
      assert.equal(a.json.accepted, b.length);
    }
    const [pf, inf] = [tradingFigures(await scrape(pooled.url)), tradingFigures(await scrape(inline.url))];
    assert.ok((sample(pf, 'trading_events_received_total', { type: 'order.filled' }) ?? 0) > 1_000);
    assert.deepEqual(pf, inf);
  });

  it('refuses a large batch whole with the index and field of the bad event, counting every event', async () => {
    const events = traffic(3, 9);
    const bad = Math.floor(events.length / 2);
    events[bad] = { ...events[bad], ts: 'yesterday' };
    const before = parseSamples(await scrape(pooled.url));
    const r = await post(pooled.url, events);
    assert.equal(r.status, 400);
    assert.equal(r.json.index, bad);
    assert.equal(r.json.field, 'ts');
    const after = parseSamples(await scrape(pooled.url));
    const d = (name: string, labels = {}) => (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    assert.equal(d('trading_events_rejected_total', { reason: 'invalid_timestamp' }), events.length);
    assert.equal(d('trading_events_received_total', { type: 'order.submitted' }), 0);
  });

  it('answers 400 for a large body that is not JSON and 413 for gzip that inflates past the limit', async () => {
    const r = await post(pooled.url, `[${'{"type":"order.acknowledged"},'.repeat(5_000)}`);
    assert.equal(r.status, 400);
    assert.match(String(r.json.error), /not valid JSON/);
    const small = await startExporter(['--ingest.workers=1', '--ingest.max-body-bytes=100000']);
    try {
      const bomb = gzipSync(Buffer.alloc(5_000_000, 0x20));
      const z = await post(small.url, bomb, { headers: { 'content-encoding': 'gzip' } });
      assert.equal(z.status, 413);
      assert.match(String(z.json.error), /decompressed body exceeds/);
    } finally {
      await small.stop();
    }
  });
});

describe('IngestWorkers pool', () => {
  const body = (events: unknown[]) => Buffer.from(JSON.stringify(events));
  const ack = (id: string) => ({ type: 'order.acknowledged', ts: Date.now(), orderId: id });

  it('returns the validated batch, and refusals as IngestError with index, field and batch size', async () => {
    const pool = new IngestWorkers({ size: 1, onRestart: () => assert.fail('no restart expected') });
    try {
      const ok = decodeBatch(await pool.check(body([ack('a'), ack('b')]), { ...CHECK, now: Date.now() }));
      assert.deepEqual(
        ok.map((e) => [e.type, 'orderId' in e ? e.orderId : '']),
        [
          ['order.acknowledged', 'a'],
          ['order.acknowledged', 'b'],
        ],
      );
      const err = await pool.check(body([ack('a'), { type: 'order.acknowledged', ts: Date.now() }]), { ...CHECK, now: Date.now() }).catch((e: unknown) => e);
      assert.ok(err instanceof IngestError);
      assert.deepEqual([err.status, err.reason, err.index, err.field, err.batchSize], [400, 'missing_field', 1, 'orderId', 2]);
    } finally {
      await pool.close();
    }
  });

  it('answers a dead worker with WorkerUnavailable for its jobs in flight and replaces it', async () => {
    const restarts: string[] = [];
    const pool = new IngestWorkers({ size: 1, onRestart: (why) => restarts.push(why) });
    try {
      await pool.check(body([ack('warm')]), { ...CHECK, now: Date.now() });
      const big = body(Array.from({ length: 50_000 }, (_, i) => ack(`o-${i}`)));
      const inFlight = pool.check(big, { ...CHECK, now: Date.now() });
      await workersOf(pool)[0].terminate();
      await assert.rejects(inFlight, WorkerUnavailable);
      assert.equal(restarts.length, 1);
      assert.ok(pool.available);
      assert.equal(pool.inUse, 1);
      const after = await pool.check(body([ack('next')]), { ...CHECK, now: Date.now() });
      assert.equal(after.types.length, 1);
    } finally {
      await pool.close();
    }
  });

  it('gives up after a crash loop, so callers check bodies inline', async () => {
    let disabled = '';
    const pool = new IngestWorkers({ size: 1, onRestart: () => undefined, onDisabled: (why) => (disabled = why) });
    try {
      for (let i = 0; i < 6 && pool.available; i++) {
        const w = workersOf(pool)[0];
        const gone = new Promise((resolve) => w.once('exit', resolve));
        await w.terminate();
        await gone;
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.equal(pool.available, false);
      // What trading_ingest_workers exports from then on.
      assert.equal(pool.inUse, 0);
      assert.match(disabled, /died 6 times within 60s/);
      await assert.rejects(pool.check(body([ack('x')]), { ...CHECK, now: Date.now() }), WorkerUnavailable);
    } finally {
      await pool.close();
    }
  });
});

describe('ApplyQueue', () => {
  it('applies in enqueue order whatever order the checks finish in, and a refusal does not block the rest', async () => {
    const q = new ApplyQueue();
    const applied: string[] = [];
    const later = (v: string, ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve(v), ms));
    const failing = new Promise<string>((_, reject) => setTimeout(() => reject(new Error('refused')), 5));
    const results = [
      q.enqueue(later('a', 40), (v) => applied.push(v)),
      q.enqueue(failing, (v) => applied.push(v)),
      q.enqueue(later('c', 1), (v) => applied.push(v)),
      q.enqueue(Promise.resolve('d'), (v) => applied.push(v)),
    ];
    const settled = await Promise.allSettled(results);
    assert.deepEqual(applied, ['a', 'c', 'd']);
    assert.deepEqual(
      settled.map((s) => s.status),
      ['fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
    );
  });
});
