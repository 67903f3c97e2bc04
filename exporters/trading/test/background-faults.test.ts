// Faults of the trading exporter's own machinery: the periodic sweep throwing (a bug in a background timer
// would otherwise be an uncaught exception that ends the process) and a client sending its POST /v1/events
// headers a byte a second. Each is counted, logged and visible in /health or answered 408, and ingest goes on.
// (A body trickling in past --ingest.body-timeout is ingest-backpressure.test.ts.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slowClient, waitFor } from '@vigil/test-support';
import { Clock, parseSamples, post, sample, scrape, startExporter, submitted } from './helpers.js';

describe('trading exporter background faults', { timeout: 60_000 }, () => {
  it('a sweep that throws is counted, logged and makes /health degraded; the process and ingest go on, and it recovers', async () => {
    const clock = new Clock();
    const ex = await startExporter([], clock);
    const sweep = ex.state.sweep.bind(ex.state);
    let broken = true;
    ex.state.sweep = (now: number) => {
      if (broken) throw new Error('sweep boom');
      sweep(now);
    };
    try {
      const failures = () => scrape(ex.url).then((t) => sample(parseSamples(t), 'trading_exporter_background_task_failures_total', { task: 'sweep' }) ?? 0);
      await waitFor(async () => (await failures()) >= 2 || undefined, { what: 'two failed sweeps counted', timeoutMs: 10_000 });
      const health = await fetch(`${ex.url}/health`);
      assert.equal(health.status, 200);
      const body = (await health.json()) as { status: string; checks: Record<string, { status: string; message?: string }> };
      assert.equal(body.status, 'degraded');
      assert.equal(body.checks.task_sweep.status, 'degraded');
      assert.match(body.checks.task_sweep.message ?? '', /the last run failed: sweep boom/);
      assert.match(ex.logs.text, /"task":"sweep".*"err":"sweep boom".*background task failed; it runs again at its next interval/);
      // One log line for a burst of failures, not four a second.
      assert.equal((ex.logs.text.match(/background task failed/g) ?? []).length, 1);
      assert.equal((await post(ex.url, [submitted('bt-1', clock.now())])).status, 202);

      broken = false;
      await waitFor(async () => {
        const r = (await (await fetch(`${ex.url}/health`)).json()) as { checks: Record<string, { status: string }> };
        return r.checks.task_sweep.status === 'healthy' || undefined;
      }, { what: 'the sweep healthy again', timeoutMs: 10_000 });
    } finally {
      await ex.stop();
    }
  });

  it('a client sending its ingest headers a byte a second is cut off with 408 and counted, while batches are accepted', async () => {
    const clock = new Clock();
    const ex = await startExporter(['--web.read-header-timeout=400ms', '--web.read-timeout=2s'], clock);
    try {
      const slow = slowClient(ex.url, { method: 'POST', path: '/v1/events', headers: { 'content-type': 'application/json' }, body: '[]', byteEveryMs: 1000, giveUpMs: 20_000 });
      assert.equal((await post(ex.url, [submitted('sl-1', clock.now())])).status, 202);
      const r = await slow;
      assert.match(r.answer, /^HTTP\/1\.1 408 Request Timeout/);
      assert.equal(sample(parseSamples(await scrape(ex.url)), 'trading_exporter_web_request_timeouts_total'), 1);
      assert.equal((await post(ex.url, [submitted('sl-2', clock.now())])).status, 202);
    } finally {
      await ex.stop();
    }
  });
});
