// Tracing with `context: 'explicit'`: no AsyncLocalStorage (the active span ends with context.with()'s
// synchronous run, so no async hook runs for the process' promises), and the code that hands the context on
// still gets right parents, exemplar trace ids and log lines with the ids, checked at a real OTLP/HTTP
// receiver (protobuf decoded with the OpenTelemetry packages).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextSink, startOtlpReceiver, type OtlpReceiver } from '@vigil/test-support';

import { context, createLogger, inSpan, loggerInContext, sampledTraceId, startServerSpan, startTracing, trace, traceHeaders, type Tracing } from '../src/index.js';

let receiver: OtlpReceiver;
let tracing: Tracing;

before(async () => {
  receiver = await startOtlpReceiver();
  tracing = startTracing({ serviceName: 'ingest-test', env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }, context: 'explicit' });
});

after(async () => {
  await tracing.shutdown();
  await receiver.close();
});

test('the active context lasts for the synchronous run only (AsyncLocalStorage would carry it past the await)', async () => {
  assert.equal(tracing.context, 'explicit');
  const { span, ctx } = startServerSpan('POST /v1/events', {}, {});
  const seen = await context.with(ctx, async () => {
    const before = trace.getActiveSpan();
    await new Promise((r) => setImmediate(r));
    return { before, after: trace.getActiveSpan() };
  });
  span.end();
  assert.equal(seen.before, span);
  assert.equal(seen.after, undefined);
  // bind() runs a function in its context whenever it is called.
  const bound = context.bind(ctx, () => trace.getActiveSpan());
  await new Promise((r) => setImmediate(r));
  assert.equal(bound(), span);
});

test('handed on explicitly: span parents, exemplar trace id, outgoing traceparent and log lines after awaits', async () => {
  const callerTrace = '0af7651916cd43dd8448eb211c80319c';
  const out = new TextSink();
  const root = createLogger({ name: 'ingest-test', destination: out });
  const { span: server, ctx } = startServerSpan('POST /v1/events', { traceparent: `00-${callerTrace}-b7ad6b7169203331-01` }, {});
  const log = loggerInContext(root, ctx, { reqId: 'r-1' });
  await new Promise((r) => setImmediate(r));
  log.info('after an await');
  let applyTrace: string | undefined;
  let applySpanId = '';
  await inSpan(
    'ingest.apply',
    {},
    async (span) => {
      applySpanId = span.spanContext().spanId;
      applyTrace = sampledTraceId(trace.setSpan(ctx, span));
      log.info('inside the child span');
      await new Promise((r) => setImmediate(r));
    },
    { parent: ctx },
  );
  const headers = traceHeaders({}, ctx);
  log.child({ part: 'nested' }).warn('a child of the request logger');
  server.end();
  root.info('not in a request');

  assert.equal(applyTrace, callerTrace);
  assert.match(headers.traceparent!, new RegExp(`^00-${callerTrace}-${server.spanContext().spanId}-01$`));
  await tracing.flush();
  const spans = await receiver.waitForSpans('server and apply spans', (s) => (s.some((x) => x.name === 'ingest.apply') ? s : undefined));
  const apply = spans.find((s) => s.name === 'ingest.apply')!;
  assert.equal(apply.parentSpanId, server.spanContext().spanId);
  assert.equal(apply.traceId, callerTrace);

  const lines = out.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const ids = (msg: string) => {
    const l = lines.find((x) => x.msg === msg)!;
    return [l.trace_id, l.span_id];
  };
  assert.deepEqual(ids('after an await'), [callerTrace, server.spanContext().spanId]);
  // The active span (the child's, while its callback runs synchronously) wins over the logger's.
  assert.deepEqual(ids('inside the child span'), [callerTrace, applySpanId]);
  assert.deepEqual(ids('a child of the request logger'), [callerTrace, server.spanContext().spanId]);
  assert.deepEqual(ids('not in a request'), [undefined, undefined]);
  // One trace_id per line: the ids are never written twice.
  for (const raw of out.text.trim().split('\n')) assert.ok(raw.split('"trace_id"').length <= 2, raw);
});
