// The instrumented demo gateway with tracing on, for real: its spans go to a local OTLP/HTTP receiver
// (protobuf decoded with the OpenTelemetry packages), a real Prometheus 2.42 with exemplar storage scrapes it,
// and the exemplars of http_request_duration_seconds are the trace ids of those spans, which the log lines of
// the same requests carry too. One Prometheus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startOtlpReceiver, startPrometheus, waitFor } from '@vigil/test-support';

const BIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  exemplars: Array<{ labels: Record<string, string>; value: string }>;
}

test("the gateway's duration exemplars in Prometheus are the traces of its requests, and its log lines name them", async (t) => {
  const receiver = await startOtlpReceiver();
  t.after(() => receiver.close());
  const child = spawn(process.execPath, [BIN, '--web.listen-address=127.0.0.1:0', '--demo.rate=20', '--demo.error-ratio=0', '--demo.median-latency=20ms', '--log.level=debug'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'demo-gateway', OTEL_BSP_SCHEDULE_DELAY: '200' },
  });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  t.after(() => void child.kill('SIGTERM'));
  const port = await waitFor(() => Number(/"address":"[^"]*:(\d+)"/.exec(err)?.[1]) || undefined, {
    what: `the demo gateway's listening log line (stderr so far: ${err})`,
    timeoutMs: 15_000,
    intervalMs: 50,
  });
  const started = Date.now() / 1000;
  const prom = await startPrometheus({
    config: { global: { scrape_interval: '1s' }, scrape_configs: [{ job_name: 'gateway', static_configs: [{ targets: [`127.0.0.1:${port}`] }] }] },
    args: ['--enable-feature=exemplar-storage'],
  });
  t.after(() => prom.stop());

  // Exemplars whose traces the receiver has (spans are sent every 200 ms), at least three of them.
  const linked = await waitFor(
    async () => {
      const data = await prom.api<ExemplarSeries[]>('/api/v1/query_exemplars', {
        query: 'http_request_duration_seconds_bucket{service="trading-gateway"}',
        start: String(started - 60),
        end: String(Date.now() / 1000 + 60),
      });
      const found = data.flatMap((s) => s.exemplars.map((e) => ({ route: s.seriesLabels.route, le: Number(s.seriesLabels.le), value: Number(e.value), traceId: e.labels.trace_id })));
      const withSpan = found.map((e) => ({ ...e, span: receiver.spans.find((s) => s.traceId === e.traceId && s.kind === 2) })).filter((e) => e.span);
      return withSpan.length >= 3 ? withSpan : undefined;
    },
    { what: 'three gateway exemplars whose traces the OTLP receiver got', timeoutMs: 30_000, intervalMs: 500 },
  );
  const lines = err
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  for (const e of linked) {
    // The exemplar sits in the series of the span's route, in a bucket its observation fits.
    assert.equal(e.span!.attributes['http.route'], e.route);
    assert.equal(e.span!.name, `${String(e.span!.attributes['http.request.method'])} ${e.route}`);
    assert.equal(e.span!.resource['service.name'], 'demo-gateway');
    assert.ok(e.value <= e.le, `${e.value} in le=${e.le}`);
    const access = lines.find((l) => l.msg === 'request' && l.trace_id === e.traceId);
    assert.ok(access, `no log line with trace_id ${e.traceId}`);
    assert.equal(access.span_id, e.span!.spanId);
    assert.equal(access['service.name'], 'demo-gateway');
  }
  assert.deepEqual(receiver.errors, []);
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});
