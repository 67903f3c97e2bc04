// Tracing on: spans reach a real OTLP/HTTP receiver (protobuf decoded with the OpenTelemetry packages), with
// their parents, attributes and service.name, and log lines written inside a span carry its ids.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextSink, startOtlpReceiver, type OtlpReceiver } from '@vigil/test-support';

import { createLogger, inSpan, sampledTraceId, startServerSpan, startTracing, traceHeaders, context, type Tracing } from '../src/index.js';

let receiver: OtlpReceiver;
let tracing: Tracing;

before(async () => {
  receiver = await startOtlpReceiver();
  tracing = startTracing({
    serviceName: 'fallback-name',
    serviceVersion: '1.2.3',
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'order-router', OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test' },
  });
});

after(async () => {
  await tracing.shutdown();
  await receiver.close();
});

test('spans go to the OTLP endpoint with service.name, version, parents, attributes and failures', async () => {
  assert.equal(tracing.enabled, true);
  assert.equal(tracing.endpoint, `${receiver.url}/v1/traces`);
  const out = new TextSink();
  const log = createLogger({ name: 'vigil-test', serviceName: tracing.serviceName, destination: out });
  let parentTrace = '';
  await inSpan('batch', { 'vigil.events': 3 }, async (span) => {
    parentTrace = span.spanContext().traceId;
    assert.equal(sampledTraceId(), parentTrace);
    log.info('inside');
    await inSpan('apply', {}, async () => {
      await new Promise((r) => setImmediate(r));
      log.info('deeper');
    });
    await assert.rejects(
      inSpan('validate', {}, async () => {
        throw new Error('quantity: expected > 0');
      }),
    );
  });
  log.info('outside');
  await tracing.flush();
  const spans = await receiver.waitForSpans('three spans', (s) => (s.length >= 3 ? s : undefined));
  assert.deepEqual(receiver.errors, []);
  const byName = Object.fromEntries(spans.map((s) => [s.name, s]));
  const batch = byName.batch!;
  assert.equal(batch.traceId, parentTrace);
  assert.equal(batch.parentSpanId, '');
  assert.equal(batch.attributes['vigil.events'], 3);
  assert.equal(batch.resource['service.name'], 'order-router');
  assert.equal(batch.resource['service.version'], '1.2.3');
  assert.equal(batch.resource['deployment.environment'], 'test');
  assert.equal(byName.apply!.parentSpanId, batch.spanId);
  assert.equal(byName.validate!.parentSpanId, batch.spanId);
  assert.equal(byName.validate!.status.code, 2);
  assert.equal(byName.validate!.status.message, 'quantity: expected > 0');

  const lines = out.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 3);
  assert.deepEqual(lines.map((l) => l['service.name']), ['order-router', 'order-router', 'order-router']);
  assert.equal(lines[0]!.trace_id, parentTrace);
  assert.equal(lines[0]!.span_id, batch.spanId);
  assert.equal(lines[1]!.trace_id, parentTrace);
  assert.equal(lines[1]!.span_id, byName.apply!.spanId);
  assert.equal(lines[2]!.trace_id, undefined);
  assert.equal(lines[2]!.span_id, undefined);
});

test("a server span continues the caller's W3C traceparent, and outgoing headers carry it on", async () => {
  const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
  const { span, ctx } = startServerSpan('GET /orders', { traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` }, { 'http.request.method': 'GET' });
  const headers = context.with(ctx, () => traceHeaders({ accept: 'application/json' }));
  span.end();
  assert.match(headers.traceparent!, new RegExp(`^00-${callerTrace}-${span.spanContext().spanId}-01$`));
  assert.equal(headers.accept, 'application/json');
  await tracing.flush();
  const got = await receiver.waitForSpans('the server span', (s) => s.find((x) => x.name === 'GET /orders'));
  assert.equal(got.traceId, callerTrace);
  assert.equal(got.parentSpanId, '00f067aa0ba902b7');
  assert.equal(got.kind, 2);

  // A caller that did not sample its trace: the span follows it (parent-based sampler) and no exemplar may name it.
  const unsampled = startServerSpan('GET /quiet', { traceparent: `00-${'a'.repeat(32)}-00f067aa0ba902b7-00` }, {});
  context.with(unsampled.ctx, () => assert.equal(sampledTraceId(), undefined));
  unsampled.span.end();
});

test('a second start returns the first (one provider per process)', () => {
  assert.equal(startTracing({ serviceName: 'other', env: {} }), tracing);
});
