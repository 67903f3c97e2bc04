// Traces from an exporter (OTEL_EXPORTER_OTLP_ENDPOINT set): every request, raw or express, is a server span
// continuing the caller's W3C traceparent, named by its route, sent to a real OTLP/HTTP receiver; the
// request's log lines carry the span's ids and service.name. OpenMetrics scrapes carry exemplars.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextSink, startOtlpReceiver, type OtlpReceiver } from '@vigil/test-support';

import { buildExporter } from '../src/cli.js';
import type { Exporter } from '../src/exporter.js';
import { currentTracing, inSpan, sendJson } from '../src/index.js';

let receiver: OtlpReceiver;
let exporter: Exporter;
let url: string;
const logs = new TextSink();
const CALLER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';
const traceparent = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`;

before(async () => {
  receiver = await startOtlpReceiver();
  ({ exporter } = await buildExporter(
    {
      name: 'traced-test',
      description: 'd',
      version: '9.9.9',
      namespace: 'tracedt',
      defaultListenAddress: '127.0.0.1:0',
      envPrefix: 'TRACEDT',
      setup(exp) {
        exp.addRawRoute('POST', '/v1/events', async (req, res) => {
          await inSpan('ingest.apply', { 'vigil.events': 2 }, async () => req.log.info('applied'));
          sendJson(res, 202, { accepted: 2 });
        });
        exp.app.get('/v1/orders/:id', (req, res) => {
          req.log.info({ order: req.params.id }, 'looked up');
          res.json({ ok: true });
        });
        exp.app.get('/v1/broken', () => {
          throw new Error('boom');
        });
        exp.addCollector({
          name: 'latency',
          collect: () => [
            {
              name: 'tracedt_latency_seconds',
              help: 'h',
              type: 'histogram',
              samples: [
                { name: 'tracedt_latency_seconds_bucket', labels: { le: '0.5' }, value: 1, exemplar: { labels: { trace_id: CALLER_TRACE }, value: 0.25, timestampMs: 1_764_000_000_123 } },
                { name: 'tracedt_latency_seconds_bucket', labels: { le: '+Inf' }, value: 1 },
                { name: 'tracedt_latency_seconds_sum', value: 0.25 },
                { name: 'tracedt_latency_seconds_count', value: 1 },
              ],
            },
          ],
        });
      },
    },
    [],
    { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'trading-exporter' },
    logs,
  ));
  ({ url } = await exporter.start());
});

after(async () => {
  await exporter.shutdown();
  await receiver.close();
});

const lines = () => logs.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

test("a raw route's request is a server span under the caller's traceparent, with its child spans and log ids", async () => {
  const r = await fetch(`${url}/v1/events`, { method: 'POST', headers: { traceparent }, body: '[]' });
  assert.equal(r.status, 202);
  await currentTracing()!.flush();
  const [server, apply] = await receiver.waitForSpans('the ingest spans', (s) => {
    const srv = s.find((x) => x.name === 'POST /v1/events');
    const child = s.find((x) => x.name === 'ingest.apply');
    return srv && child ? [srv, child] : undefined;
  });
  assert.equal(server.traceId, CALLER_TRACE);
  assert.equal(server.parentSpanId, CALLER_SPAN);
  assert.equal(server.kind, 2);
  assert.equal(server.attributes['http.route'], '/v1/events');
  assert.equal(server.attributes['http.request.method'], 'POST');
  assert.equal(server.attributes['http.response.status_code'], 202);
  assert.equal(server.attributes['vigil.request_id'], r.headers.get('x-request-id'));
  assert.equal(server.resource['service.name'], 'trading-exporter');
  assert.equal(server.resource['service.version'], '9.9.9');
  assert.equal(apply.parentSpanId, server.spanId);
  assert.equal(apply.attributes['vigil.events'], 2);
  const line = lines().find((l) => l.msg === 'applied')!;
  assert.equal(line.trace_id, CALLER_TRACE);
  assert.equal(line.span_id, apply.spanId);
  assert.equal(line['service.name'], 'trading-exporter');
  assert.deepEqual(receiver.errors, []);
});

test('an express route is named by its template; a 500 marks the span failed; a request without traceparent starts a trace', async () => {
  assert.equal((await fetch(`${url}/v1/orders/o-77`)).status, 200);
  assert.equal((await fetch(`${url}/v1/broken`, { headers: { traceparent } })).status, 500);
  await currentTracing()!.flush();
  const get = await receiver.waitForSpans('GET /v1/orders/:id', (s) => s.find((x) => x.name === 'GET /v1/orders/:id'));
  assert.equal(get.parentSpanId, '');
  assert.notEqual(get.traceId, CALLER_TRACE);
  assert.equal(get.attributes['url.path'], '/v1/orders/o-77');
  const line = lines().find((l) => l.msg === 'looked up')!;
  assert.equal(line.trace_id, get.traceId);
  assert.equal(line.span_id, get.spanId);
  const broken = await receiver.waitForSpans('GET /v1/broken', (s) => s.find((x) => x.name === 'GET /v1/broken'));
  assert.equal(broken.status.code, 2);
  assert.equal(broken.attributes['http.response.status_code'], 500);
  const failed = lines().find((l) => l.msg === 'request failed')!;
  assert.equal(failed.trace_id, CALLER_TRACE);
});

test('exemplars are written in OpenMetrics scrapes only', async () => {
  const om = await (await fetch(`${url}/metrics`, { headers: { accept: 'application/openmetrics-text; version=1.0.0' } })).text();
  assert.match(om, new RegExp(`^tracedt_latency_seconds_bucket\\{le="0.5"\\} 1 # \\{trace_id="${CALLER_TRACE}"\\} 0.25 1764000000.123$`, 'm'));
  assert.match(om, /^tracedt_latency_seconds_bucket\{le="\+Inf"\} 1$/m);
  const text = await (await fetch(`${url}/metrics`)).text();
  assert.match(text, /^tracedt_latency_seconds_bucket\{le="0.5"\} 1$/m);
  assert.ok(!text.includes('trace_id'));
});
