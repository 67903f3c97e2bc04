// The exchange exporter's traces against a local OTLP/HTTP receiver (protobuf decoded with the OpenTelemetry
// packages): each poll of a venue is a trace, each ccxt request a client span beneath it, and a venue answering
// 500 gives failed spans naming the error class, and the failure's log line names its span (the poller runs in a
// worker thread: the default --pollers.threads). Real ccxt against the replay server.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { currentTracing } from '@vigil/exporter-kit';
import { startOtlpReceiver, tempDir, type OtlpReceiver, type ReceivedSpan } from '@vigil/test-support';
import { startExporter, type Running } from './helpers.js';
import { marketsDir, ReplayServer } from './replay-server.js';

const server = new ReplayServer();
let receiver: OtlpReceiver;
let ex: Running;

before(async () => {
  receiver = await startOtlpReceiver();
  const base = await server.listen();
  // Public calls only (no credentials file): ticker, book, time.
  const file = join(tempDir(), 'venues.yml');
  writeFileSync(file, 'venues:\n  - id: binance\n    symbols: ["BTC/USDT"]\n    poll_interval: 300ms\n    request_interval: 10ms\n');
  ex = await startExporter([`--venues.file=${file}`, `--exchange.api-base=${base}`, `--exchange.markets-dir=${marketsDir()}`, '--exchange.timeout=2s'], {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_SERVICE_NAME: 'exchange-exporter',
  });
});

after(async () => {
  await ex?.stop();
  await server.close();
  await receiver?.close();
});

const pollWith = (spans: ReceivedSpan[], ok: boolean) => {
  const poll = spans.find((s) => s.name === 'exchange.poll' && s.attributes['vigil.exchange.ok'] === ok);
  if (!poll) return undefined;
  const calls = spans.filter((s) => s.parentSpanId === poll.spanId);
  return calls.length > 0 ? { poll, calls } : undefined;
};

test('a poll is a trace with every ccxt request as a client span; a failing venue fails them with the error class', async () => {
  // Spans are queued for 5 s by default: flushed on every look.
  const flush = () => void currentTracing()!.flush();
  const good = await receiver.waitForSpans('a successful poll with its requests', (spans) => (flush(), pollWith(spans, true)), 30_000);
  assert.equal(good.poll.parentSpanId, '');
  assert.equal(good.poll.attributes['vigil.exchange.venue'], 'binance');
  assert.equal(good.poll.resource['service.name'], 'exchange-exporter');
  const methods = good.calls.map((c) => c.name);
  for (const m of ['ccxt fetchTicker', 'ccxt fetchOrderBook']) assert.ok(methods.includes(m), `${m} in ${methods.join(', ')}`);
  for (const c of good.calls) {
    assert.equal(c.kind, 3);
    assert.equal(c.status.code, 0);
    assert.equal(c.attributes['vigil.exchange.venue'], 'binance');
    assert.equal(c.name, `ccxt ${String(c.attributes['vigil.exchange.method'])}`);
  }

  server.fault('binance', '500');
  const bad = await receiver.waitForSpans('a failed poll', (spans) => (flush(), pollWith(spans, false)), 30_000);
  const failed = bad.calls.filter((c) => c.status.code === 2);
  assert.ok(failed.length > 0);
  assert.equal(failed[0]!.attributes['vigil.exchange.error_class'], 'ExchangeNotAvailable');
  // The failure's log line (written in the poller thread, logged by the main thread) names its poll's span.
  const line = ex.logs.text.split('\n').find((l) => l.includes('exchange request failed'));
  const ids = JSON.parse(line ?? '{}') as { trace_id?: string; span_id?: string };
  assert.ok(ids.trace_id && ids.span_id, `trace ids in ${line}`);
  await receiver.waitForSpans('the logged span', (spans) => (flush(), spans.some((s) => s.traceId === ids.trace_id && s.spanId === ids.span_id && s.name === 'exchange.poll') || undefined), 30_000);
  assert.deepEqual(receiver.errors, []);
});
