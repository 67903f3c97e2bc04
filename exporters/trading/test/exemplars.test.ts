// Traces and exemplars for real: the trading exporter sends its spans to a local OTLP/HTTP receiver (protobuf
// decoded with the OpenTelemetry packages), a real Prometheus 2.42 with exemplar storage scrapes it, and
// /api/v1/query_exemplars returns, on the latency and slippage buckets, the trace ids of those spans (or the
// desk's own traceId of the order), which the log lines of the same requests carry too. One Prometheus.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { currentTracing } from '@vigil/exporter-kit';
import { startOtlpReceiver, startPrometheus, waitFor, type OtlpReceiver, type ReceivedSpan, type RunningPrometheus } from '@vigil/test-support';

import { filled, post, sample, scrape, parseSamples, startExporter, submitted, type Running } from './helpers.js';

let receiver: OtlpReceiver;
let ex: Running;
let prom: RunningPrometheus;
const started = Date.now();
const CALLER_TRACE = '6e0c63257de34c92bf9efcd03927272e';
const DESK_TRACE = 'f00dfeedf00dfeedf00dfeedf00dfeed';

before(async () => {
  receiver = await startOtlpReceiver();
  ex = await startExporter(['--log.level=debug'], undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'trading-exporter' });
  const target = new URL(ex.url).host;
  prom = await startPrometheus({
    config: { global: { scrape_interval: '1s' }, scrape_configs: [{ job_name: 'trading', static_configs: [{ targets: [target] }] }] },
    args: ['--enable-feature=exemplar-storage'],
  });
});

after(async () => {
  await prom?.stop();
  await ex?.stop();
  await receiver?.close();
});

/** One order: submitted, acknowledged after ackMs, filled at `bp` basis points of adverse slippage. */
function order(id: string, ackMs: number, bp: number, extra: Record<string, unknown> = {}): Record<string, unknown>[] {
  const t = Date.now() - 5000;
  return [
    submitted(id, t, extra),
    { type: 'order.acknowledged', ts: t + ackMs, orderId: id },
    filled(id, t + ackMs + 10, `${id}-f1`, 2, 100 * (1 + bp / 10_000)),
  ];
}

interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  exemplars: Array<{ labels: Record<string, string>; value: string; timestamp: number }>;
}

async function exemplarTraceIds(metric: string): Promise<Map<string, string>> {
  const data = await prom.api<ExemplarSeries[]>('/api/v1/query_exemplars', {
    query: metric,
    start: String(started / 1000 - 60),
    end: String(Date.now() / 1000 + 60),
  });
  const out = new Map<string, string>(); // trace id → le
  for (const s of data) for (const e of s.exemplars) out.set(e.labels.trace_id, s.seriesLabels.le);
  return out;
}

const serverSpanOf = (spans: ReceivedSpan[], traceId: string) => spans.find((s) => s.traceId === traceId && s.name === 'POST /v1/events');

test("exemplars in Prometheus name the ingest batches' traces, or the desk's own trace of the order; logs carry the same ids", async () => {
  // 1: under the caller's sampled trace; 2: no traceparent, the exporter starts a trace; 3: the desk's traceId.
  assert.equal((await post(ex.url, order('o-1', 120, 4), { headers: { traceparent: `00-${CALLER_TRACE}-1111111111111111-01` } })).status, 202);
  assert.equal((await post(ex.url, order('o-2', 30, 18))).status, 202);
  assert.equal((await post(ex.url, order('o-3', 700, 45, { traceId: DESK_TRACE.toUpperCase() }))).status, 202);
  await currentTracing()!.flush();
  const spans = await receiver.waitForSpans('three ingest requests', (s) => (s.filter((x) => x.name === 'POST /v1/events').length >= 3 ? s : undefined));
  const ingestTraces = spans.filter((s) => s.name === 'POST /v1/events').map((s) => s.traceId);
  const generated = ingestTraces.find((t) => t !== CALLER_TRACE && serverSpanOf(spans, t)!.parentSpanId === '')!;
  assert.ok(generated, 'the request without traceparent started its own trace');

  // Prometheus scraped the OpenMetrics exposition and stored the exemplars, each in the bucket of its observation.
  const ack = await waitFor(
    async () => {
      const ids = await exemplarTraceIds('trading_order_ack_duration_seconds_bucket');
      return ids.has(CALLER_TRACE) && ids.has(generated) && ids.has(DESK_TRACE) ? ids : undefined;
    },
    { what: 'ack duration exemplars in Prometheus', timeoutMs: 20_000, intervalMs: 250 },
  );
  assert.equal(ack.get(CALLER_TRACE), '0.25');
  assert.equal(ack.get(generated), '0.05');
  assert.equal(ack.get(DESK_TRACE), '1');
  const slippage = await waitFor(
    async () => {
      const ids = await exemplarTraceIds('trading_order_slippage_adverse_ratio_bucket');
      return ids.size >= 3 ? ids : undefined;
    },
    { what: 'slippage exemplars in Prometheus', timeoutMs: 20_000, intervalMs: 250 },
  );
  assert.equal(slippage.get(CALLER_TRACE), '0.0005');
  assert.equal(slippage.get(generated), '0.002');
  assert.equal(slippage.get(DESK_TRACE), '0.005');

  // Every exemplar that is not the desk's own id is the trace of spans the receiver got.
  for (const id of [CALLER_TRACE, generated]) assert.ok(serverSpanOf(spans, id), `no span received for exemplar ${id}`);
  // The third batch was traced too, but the order's own trace wins.
  assert.ok(!ack.has(ingestTraces.find((t) => t !== CALLER_TRACE && t !== generated)!));

  // The log lines of the same requests carry the same ids (the access line at debug level).
  const lines = ex.logs.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  for (const id of [CALLER_TRACE, generated]) {
    const access = lines.find((l) => l.msg === 'request' && l.path === '/v1/events' && l.trace_id === id);
    assert.ok(access, `no log line with trace_id ${id}`);
    assert.equal(access['service.name'], 'trading-exporter');
    assert.equal(access.span_id, serverSpanOf(spans, id)!.spanId);
  }
  assert.deepEqual(receiver.errors, []);
});

test('a trace of one ingest batch: the HTTP span with the batch outcome, validation and apply spans beneath it', async () => {
  await currentTracing()!.flush();
  const spans = await receiver.waitForSpans('the first batch and its child spans', (s) => {
    const srv = serverSpanOf(s, CALLER_TRACE);
    return srv && s.filter((x) => x.parentSpanId === srv.spanId).length >= 2 ? s : undefined;
  });
  const http = serverSpanOf(spans, CALLER_TRACE)!;
  assert.equal(http.parentSpanId, '1111111111111111');
  assert.equal(http.kind, 2);
  assert.equal(http.attributes['http.route'], '/v1/events');
  assert.equal(http.attributes['http.response.status_code'], 202);
  assert.equal(http.attributes['vigil.ingest.events'], 3);
  assert.equal(http.attributes['vigil.ingest.outcome'], 'accepted');
  assert.equal(http.attributes['vigil.ingest.format'], 'json');
  assert.equal(http.resource['service.name'], 'trading-exporter');
  const children = spans.filter((s) => s.parentSpanId === http.spanId);
  const validate = children.find((s) => s.name === 'ingest.validate')!;
  const apply = children.find((s) => s.name === 'ingest.apply')!;
  assert.ok(validate && apply, children.map((s) => s.name).join(', '));
  assert.ok(Number(validate.attributes['vigil.ingest.bytes']) > 0);
  assert.equal(apply.attributes['vigil.ingest.events'], 3);
  // OpenTelemetry stamps spans from performance.timeOrigin + performance.now() in float milliseconds, which can
  // put one span's end a few microseconds past the next one's start; 1 ms of slack still orders the two.
  assert.ok(validate.endNs <= apply.startNs + 1_000_000n, `validated before applied (${validate.endNs} > ${apply.startNs})`);

  // A refused batch: the outcome and the field at fault on the HTTP span, the validation span failed.
  const bad = [{ ...submitted('o-9', Date.now()), quantity: -1 }];
  assert.equal((await post(ex.url, bad, { headers: { traceparent: `00-${'ab'.repeat(16)}-2222222222222222-01` } })).status, 400);
  await currentTracing()!.flush();
  const refused = await receiver.waitForSpans('the refused batch and its validation', (s) => {
    const srv = serverSpanOf(s, 'ab'.repeat(16));
    return srv && s.some((x) => x.parentSpanId === srv.spanId) ? srv : undefined;
  });
  assert.equal(refused.attributes['vigil.ingest.outcome'], 'invalid_field');
  assert.equal(refused.attributes['vigil.ingest.field'], 'quantity');
  assert.equal(refused.attributes['http.response.status_code'], 400);
  const failedValidation = receiver.spans.find((s) => s.parentSpanId === refused.spanId && s.name === 'ingest.validate')!;
  assert.equal(failedValidation.status.code, 2);
  // The exporter hands the request's context on explicitly (no AsyncLocalStorage): its log line written after
  // the body was read and checked (awaits) still carries the request's ids.
  const lines = ex.logs.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const refusedLine = lines.find((l) => l.msg === 'ingest refused' && l.trace_id === 'ab'.repeat(16));
  assert.ok(refusedLine, 'no "ingest refused" line with the trace id');
  assert.equal(refusedLine.span_id, refused.spanId);
  assert.equal(refusedLine.reason, 'invalid_field');
});

test('a traceId that is not a W3C trace id refuses the batch with a 400 naming it; nothing of the batch is applied', async () => {
  const before = sample(parseSamples(await scrape(ex.url)), 'trading_orders_submitted_total');
  for (const traceId of ['not-a-trace', '0'.repeat(32), 'ab'.repeat(15), `${'ab'.repeat(15)}zz`]) {
    const res = await post(ex.url, order('o-4', 3000, 1, { traceId }));
    assert.equal(res.status, 400, traceId);
    assert.equal(res.json.field, 'traceId');
    assert.match(String(res.json.error), /W3C trace id/);
  }
  const m = parseSamples(await scrape(ex.url));
  assert.equal(sample(m, 'trading_orders_submitted_total'), before);
  assert.ok((sample(m, 'trading_events_rejected_total', { reason: 'invalid_field' }) ?? 0) >= 4);
  // Either case is a trace id; its exemplar (on the acknowledgement latency) is lower-cased.
  assert.equal((await post(ex.url, order('o-5', 3000, 1, { traceId: 'CD'.repeat(16) }))).status, 202);
  const om = await (await fetch(`${ex.url}/metrics`, { headers: { accept: 'application/openmetrics-text; version=1.0.0' } })).text();
  assert.ok(om.includes(`trace_id="${'cd'.repeat(16)}"`), 'the exemplar of o-5');
  assert.ok(!om.includes('CD'.repeat(16)));
});
