// The journal's traces against a real OTLP/HTTP receiver (protobuf decoded with the OpenTelemetry packages): a
// webhook is the HTTP span with its outcome and the store commit beneath it; the relay it starts is a span in
// the same trace with each attempt (retries included) as a span of its own; calls to Alertmanager are client
// spans carrying traceparent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentTracing } from '@vigil/exporter-kit';
import { startOtlpReceiver, waitFor, type OtlpReceiver } from '@vigil/test-support';

import { api, removeDir, startJournal, type RunningJournal } from './helpers/journal.js';
import { postWebhook, webhookPayload } from './helpers/payloads.js';

const TRACE = '3d5c0b4e8f1a2b3c4d5e6f708192a3b4';
let receiver: OtlpReceiver;
let hook: Server;
let hookUrl: string;
const hits: IncomingMessage['headers'][] = [];
let journal: RunningJournal;

before(async () => {
  receiver = await startOtlpReceiver();
  // Fails twice (503), then takes the relay.
  hook = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits.push(req.headers);
      res.writeHead(hits.length <= 2 ? 503 : 200).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`;
  // The first journal of this process: tracing starts once a process, from the first exporter's environment.
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  writeFileSync(join(dir, 'hmac'), 'relay-hmac-key\n');
  writeFileSync(join(dir, 'routes.yml'), `routes:\n  - {name: risk-hook, channel: webhook, to: "${hookUrl}", cooldown: "0"}\n`);
  journal = await startJournal(
    [`--relay.routes-file=${join(dir, 'routes.yml')}`, `--relay.webhook.secret-file=${join(dir, 'hmac')}`, '--relay.max-attempts=3', '--relay.retry-backoff=20ms'],
    { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'alert-journal' },
    dir,
  );
});

after(async () => {
  await journal.stop();
  removeDir(journal.dir);
  hook.close();
  await receiver.close();
});

test('a webhook: the HTTP span, its store commit, and the relay with every attempt (retries) as spans', async () => {
  const res = await postWebhook(
    journal.url,
    webhookPayload([{ fingerprint: 'f1', startsAt: '2026-12-01T10:00:00Z', alertname: 'SlippageHigh' }]),
    { traceparent: `00-${TRACE}-aaaaaaaaaaaaaaaa-01` },
  );
  assert.equal(res.status, 200);
  await waitFor(() => hits.length >= 3 || undefined, { what: 'three relay attempts', timeoutMs: 15_000 });
  await journal.journal.dispatcher?.idle();
  await currentTracing()!.flush();
  const spans = await receiver.waitForSpans('the relay span', (s) => (s.some((x) => x.name === 'relay.deliver') ? s.filter((x) => x.traceId === TRACE) : undefined));
  const http = spans.find((s) => s.name === 'POST /v1/alertmanager')!;
  assert.equal(http.parentSpanId, 'aaaaaaaaaaaaaaaa');
  assert.equal(http.resource['service.name'], 'alert-journal');
  assert.equal(http.attributes['vigil.webhook.outcome'], 'stored');
  assert.equal(http.attributes['vigil.webhook.alerts'], 1);
  assert.equal(http.attributes['vigil.webhook.receiver'], 'journal');
  const store = spans.find((s) => s.name === 'journal.store')!;
  assert.equal(store.parentSpanId, http.spanId);
  assert.equal(typeof store.attributes['vigil.journal.receipt_id'], 'number');

  const deliver = spans.find((s) => s.name === 'relay.deliver')!;
  assert.equal(deliver.parentSpanId, http.spanId);
  assert.equal(deliver.attributes['vigil.relay.route'], 'risk-hook');
  assert.equal(deliver.attributes['vigil.relay.outcome'], 'delivered');
  const attempts = spans.filter((s) => s.name === 'relay.attempt' && s.parentSpanId === deliver.spanId).sort((a, b) => Number(a.attributes['vigil.relay.attempt']) - Number(b.attributes['vigil.relay.attempt']));
  assert.deepEqual(
    attempts.map((a) => [a.attributes['vigil.relay.attempt'], a.attributes['http.response.status_code'], a.status.code]),
    [
      [1, 503, 2],
      [2, 503, 2],
      [3, 200, 0],
    ],
  );
  assert.ok(attempts[0]!.endNs <= attempts[1]!.startNs && attempts[1]!.endNs <= attempts[2]!.startNs, 'attempts in order, with the backoff between');
  // The receiver got the trace with each try.
  for (const [i, h] of hits.entries()) assert.match(String(h.traceparent), new RegExp(`^00-${TRACE}-${attempts[i]!.spanId}-01$`));

  const line = journal.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'relay attempt failed')!;
  assert.equal(line.trace_id, TRACE);
  assert.equal(line['service.name'], 'alert-journal');
});

test('calls to Alertmanager are client spans under the request, failed when it cannot be reached', async () => {
  const r = await api(journal.url, '/api/v1/alerts', { headers: { traceparent: `00-${TRACE.replace('3d', '4e')}-bbbbbbbbbbbbbbbb-01` } });
  assert.ok(r.status >= 500, String(r.status));
  await currentTracing()!.flush();
  const call = await receiver.waitForSpans('the Alertmanager call', (s) => s.find((x) => x.name === 'alertmanager GET /api/v2/alerts'));
  assert.equal(call.kind, 3);
  assert.equal(call.status.code, 2);
  assert.match(String(call.status.message), /alertmanager: unreachable/);
  const parent = receiver.spans.find((s) => s.spanId === call.parentSpanId)!;
  assert.equal(parent.kind, 2);
  assert.equal(parent.traceId, TRACE.replace('3d', '4e'));
});
