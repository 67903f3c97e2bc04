// Tracing off (no endpoint): nothing is registered, spans are the API's no-ops and log lines carry no ids.
// Bad OTEL_* values stop start-up naming the variable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextSink } from '@vigil/test-support';

import { createLogger, inSpan, samplerFromEnv, sampledTraceId, startTracing, traceHeaders, tracesEndpoint, trace } from '../src/index.js';

test('without an endpoint tracing is off: no-op spans, no ids in logs, no headers out', async () => {
  const tracing = startTracing({ serviceName: 'order-router', env: { OTEL_TRACES_SAMPLER: 'always_on' } });
  assert.equal(tracing.enabled, false);
  assert.equal(tracing.serviceName, 'order-router');
  const out = new TextSink();
  const log = createLogger({ name: 'order-router', destination: out });
  const result = await inSpan('batch', {}, async (span) => {
    assert.equal(span.isRecording(), false);
    assert.equal(trace.getActiveSpan(), undefined);
    assert.equal(sampledTraceId(), undefined);
    assert.deepEqual(traceHeaders(), {});
    log.info('inside');
    return 42;
  });
  assert.equal(result, 42);
  const line = JSON.parse(out.text) as Record<string, unknown>;
  assert.equal(line['service.name'], 'order-router');
  assert.equal(line.trace_id, undefined);
});

test('OTEL_SDK_DISABLED and OTEL_TRACES_EXPORTER=none leave it off even with an endpoint', () => {
  // startTracing runs once a process and uses what tracesEndpoint answers.
  assert.equal(tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }), undefined);
  assert.equal(tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }), undefined);
  assert.equal(tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'false' }), 'http://collector:4318/v1/traces');
  assert.equal(tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }), 'http://collector:4318/v1/traces');
  assert.equal(tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/traces' }), 'http://b:4318/traces');
  assert.equal(tracesEndpoint({}), undefined);
  assert.throws(() => tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }), /^Error: OTEL_EXPORTER_OTLP_ENDPOINT: expected an http\(s\) URL, got "collector:4318"$/);
});

test('samplers by OTEL_TRACES_SAMPLER and its ratio; bad values name the variable', () => {
  assert.match(samplerFromEnv({}).toString(), /ParentBased\{root=AlwaysOnSampler/);
  assert.match(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }).toString(), /ParentBased\{root=TraceIdRatioBased\{0.25\}/);
  assert.match(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'always_off' }).toString(), /^AlwaysOffSampler$/);
  assert.throws(() => samplerFromEnv({ OTEL_TRACES_SAMPLER: 'sometimes' }), /OTEL_TRACES_SAMPLER: expected one of always_on, .*got "sometimes"/);
  assert.throws(() => samplerFromEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' }), /OTEL_TRACES_SAMPLER_ARG: expected a ratio from 0 to 1, got "1.5"/);
});
