// A service instrumented with this package and tracing on: server spans continuing the caller's traceparent
// reach a real OTLP/HTTP receiver, log lines carry the span's ids and service.name, outgoing calls carry
// traceparent, and the duration histogram's exemplar names the request's trace (OpenMetrics registry).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Registry, type OpenMetricsContentType } from 'prom-client';
import { TextSink, startOtlpReceiver, type OtlpReceiver } from '@vigil/test-support';

import { correlationHeaders, correlationMiddleware, createServiceLogger, httpMetrics, startTracing, tracingMiddleware, type Tracing } from '../src/index.js';

let receiver: OtlpReceiver;
let tracing: Tracing;
let server: Server;
let url: string;
const registry = new Registry<OpenMetricsContentType>();
registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
const logs = new TextSink();
const forwarded: Record<string, string>[] = [];

before(async () => {
  receiver = await startOtlpReceiver();
  tracing = startTracing({ serviceName: 'trading-gateway', env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url } });
  const log = createServiceLogger('trading-gateway', { destination: logs });
  const app = express();
  app.use(tracingMiddleware());
  app.use(correlationMiddleware());
  app.use(httpMetrics({ registry, service: 'trading-gateway', excludePaths: ['/metrics'] }).middleware);
  app.post('/orders/:id', (req, res) => {
    setTimeout(() => {
      log.info({ order: req.params.id }, 'order routed');
      forwarded.push(correlationHeaders());
      res.status(201).json({ ok: true });
    }, 30);
  });
  app.get('/metrics', async (_req, res) => void res.type(registry.contentType).send(await registry.metrics()));
  server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.close();
  await tracing.shutdown();
  await receiver.close();
});

test('a request is one server span under the caller, its logs and outgoing headers carry it, its duration an exemplar of it', async () => {
  const trace = '5b8aa5a2d2c872e8321cf37308d69df2';
  const r = await fetch(`${url}/orders/o-1`, { method: 'POST', headers: { traceparent: `00-${trace}-051581bf3cb55c13-01` } });
  assert.equal(r.status, 201);
  await tracing.flush();
  const span = await receiver.waitForSpans('POST /orders/:id', (s) => s.find((x) => x.name === 'POST /orders/:id'));
  assert.equal(span.traceId, trace);
  assert.equal(span.parentSpanId, '051581bf3cb55c13');
  assert.equal(span.attributes['http.route'], '/orders/:id');
  assert.equal(span.attributes['http.response.status_code'], 201);
  assert.equal(span.resource['service.name'], 'trading-gateway');

  const line = JSON.parse(logs.text.trim().split('\n').find((l) => l.includes('order routed'))!) as Record<string, unknown>;
  assert.equal(line.trace_id, trace);
  assert.equal(line.span_id, span.spanId);
  assert.equal(line.correlationId, trace);
  assert.equal(line['service.name'], 'trading-gateway');
  assert.match(forwarded[0]!.traceparent!, new RegExp(`^00-${trace}-${span.spanId}-01$`));
  assert.equal(forwarded[0]!['X-Correlation-Id'], trace);

  const text = await (await fetch(`${url}/metrics`)).text();
  // The exemplar sits in the bucket the ~30 ms observation fell into (the smallest bound above it), with its value.
  const lines = text.split('\n').filter((l) => l.startsWith('http_request_duration_seconds_bucket{') && l.includes('route="/orders/:id"'));
  const withExemplar = lines.filter((l) => l.includes(`# {trace_id="${trace}"}`));
  assert.equal(withExemplar.length, 1, lines.join('\n'));
  const m = /le="([^"]+)".* # \{trace_id="[0-9a-f]+"\} (\S+) (\d+\.\d+)$/.exec(withExemplar[0]!)!;
  const [le, value, ts] = [Number(m[1]), Number(m[2]), Number(m[3])];
  assert.ok(value >= 0.03 && value <= le, `${value} in le=${le}`);
  const bounds = lines.map((l) => Number(/le="([^"]+)"/.exec(l)![1]));
  assert.equal(bounds.find((b) => b >= value), le);
  assert.ok(Math.abs(ts - Date.now() / 1000) < 60);
});

test('without a sampled trace the histogram has no exemplar (an unsampled caller)', async () => {
  const before = (await registry.metrics()).split('\n').filter((l) => l.includes('trace_id')).length;
  const r = await fetch(`${url}/orders/o-2`, { method: 'POST', headers: { traceparent: `00-${'c'.repeat(32)}-051581bf3cb55c13-00` } });
  assert.equal(r.status, 201);
  const text = await registry.metrics();
  assert.ok(!text.includes('c'.repeat(32)));
  assert.equal(text.split('\n').filter((l) => l.includes('trace_id')).length, before);
});
