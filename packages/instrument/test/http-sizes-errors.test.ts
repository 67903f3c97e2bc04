// HTTP body sizes and errors by type over real HTTP: declared and chunked request bodies, response bodies written
// in one piece or streamed, errors thrown by routes and caught around outgoing calls, classified and capped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Registry } from 'prom-client';
import { assertMetricsClean, freePort } from '@vigil/test-support';
import { errorMetrics, errorType, httpMetrics } from '../src/index.js';
import { sample } from './helpers.js';

test('request and response body sizes by route, from Content-Length or from the bytes read and written', async (t) => {
  const registry = new Registry();
  const m = httpMetrics({ registry, service: 'gateway', excludePaths: ['/metrics'] });
  const app = express();
  app.use(m.middleware);
  app.post('/orders', express.json({ limit: '1mb' }), (req, res) => void res.status(201).json({ n: (req.body as unknown[]).length }));
  app.post('/upload', express.raw({ type: '*/*', limit: '1mb' }), (req, res) => void res.json({ bytes: (req.body as Buffer).length }));
  app.get('/book', (_req, res) => {
    res.write('x'.repeat(3000));
    res.end('y'.repeat(2000));
  });
  const server = createServer(app).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  t.after(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const body = JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ id: `O-${i}`, qty: 1 })));
  assert.equal((await fetch(`${url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status, 201);
  // A streamed body has no Content-Length: the bytes the parser read are counted.
  const chunks = [new Uint8Array(700), new Uint8Array(900)];
  const stream = new ReadableStream({ pull: (c) => (chunks.length ? c.enqueue(chunks.shift()!) : c.close()) });
  const up = await fetch(`${url}/upload`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: stream, duplex: 'half' } as RequestInit);
  assert.deepEqual(await up.json(), { bytes: 1600 });
  assert.equal((await (await fetch(`${url}/book`)).text()).length, 5000);

  const text = await registry.metrics();
  assert.equal(sample(text, 'http_request_size_bytes_sum', 'route="/orders"'), Buffer.byteLength(body));
  assert.equal(sample(text, 'http_request_size_bytes_sum', 'route="/upload"'), 1600);
  assert.equal(sample(text, 'http_request_size_bytes_bucket', 'route="/upload",le="1024"'), 0);
  assert.equal(sample(text, 'http_request_size_bytes_bucket', 'route="/upload",le="4096"'), 1);
  assert.equal(sample(text, 'http_response_size_bytes_sum', 'route="/book"'), 5000);
  assert.equal(sample(text, 'http_response_size_bytes_sum', 'route="/upload"'), Buffer.byteLength('{"bytes":1600}'));
  assert.equal(sample(text, 'http_request_size_bytes_sum', 'route="/book"'), 0, 'a GET without a body');
  assertMetricsClean(text, 'HTTP size metrics');
});

test('errors by type: thrown by routes, caught around outgoing calls, capped', async (t) => {
  const registry = new Registry();
  const errors = errorMetrics({ registry, service: 'gateway', maxTypes: 3 });
  const app = express();
  app.get('/bad', () => {
    throw new TypeError('x is undefined');
  });
  app.use(errors.expressErrors());
  app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => void res.status(500).json({ error: err.name }));
  const server = createServer(app).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  t.after(() => server.close());
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/bad`);
  assert.deepEqual(await res.json(), { error: 'TypeError' }, 'the error goes on to the next handler unchanged');

  // A real refused connection and a real timeout, from outgoing calls.
  const closed = await freePort();
  const refused = await fetch(`http://127.0.0.1:${closed}/`).catch((e: Error) => e.cause);
  assert.equal(errors.record(refused, 'pricing_api'), 'ECONNREFUSED');
  const silent = createServer(() => {}).listen(0, '127.0.0.1');
  await new Promise((r) => silent.once('listening', r));
  t.after(() => (silent.closeAllConnections(), silent.close()));
  const timedOut = await fetch(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, { signal: AbortSignal.timeout(50) }).catch((e: Error) => e);
  assert.equal(errors.record(timedOut, 'pricing_api'), 'timeout');
  class VenueRejected extends Error {
    override name = 'VenueRejected';
  }
  assert.equal(errors.record(new VenueRejected('order 123 rejected'), 'orders'), 'other', 'the fourth distinct type folds');
  assert.equal(errors.record('a string', 'orders'), 'other');

  const text = await registry.metrics();
  assert.equal(sample(text, 'service_errors_total', 'component="http",error_type="TypeError"'), 1);
  assert.equal(sample(text, 'service_errors_total', 'component="pricing_api",error_type="ECONNREFUSED"'), 1);
  assert.equal(sample(text, 'service_errors_total', 'component="pricing_api",error_type="timeout"'), 1);
  assert.equal(sample(text, 'service_errors_total', 'component="orders",error_type="other"'), 2);
  assert.ok(!text.includes('123'), 'never the message');
  assertMetricsClean(text, 'error metrics');
});

test('errorType: SQLSTATE classes, Redis prefixes, system codes, class names, never messages', () => {
  const pgError = Object.assign(new Error('duplicate key value violates unique constraint "fills_pkey"'), { code: '23505', severity: 'ERROR' });
  assert.equal(errorType(pgError), 'integrity_constraint_violation');
  assert.equal(errorType(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014', severity: 'ERROR' })), 'query_canceled');
  const reply = Object.assign(new Error('WRONGTYPE Operation against a key holding the wrong kind of value'), { name: 'ReplyError' });
  assert.equal(errorType(reply), 'WRONGTYPE');
  assert.equal(errorType(Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET' })), 'ECONNRESET');
  assert.equal(errorType(new Error('Command timed out')), 'timeout');
  assert.equal(errorType(new RangeError('bad')), 'RangeError');
  assert.equal(errorType(Object.assign(new Error('x'), { name: 'has spaces in it' })), 'Error');
  assert.equal(errorType(undefined), 'non_error');
});
