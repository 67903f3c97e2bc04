// Ingest backpressure: requests and body bytes in flight are bounded (429 + Retry-After past either, counted),
// a body trickling in is cut off (408), and a real exporter process flooded with concurrent 10 MB bodies keeps
// its peak RSS bounded while every batch it acknowledged is applied.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { startExporterProcess, waitFor } from '@vigil/test-support';
import { parseSamples, post, sample, scrape, startExporter, submitted } from './helpers.js';

const BIN = new URL('../src/bin/trading-exporter.ts', import.meta.url).pathname;

/** Starts a POST /v1/events that sends only `first` bytes of a `length`-byte body, and the answer when it comes. */
function partialPost(url: string, length: number, first: string): { req: ClientRequest; answer: Promise<IncomingMessage & { text: string }> } {
  const req = request(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(length) } });
  const answer = new Promise<IncomingMessage & { text: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve(Object.assign(res, { text })));
    });
    req.on('error', reject);
  });
  req.write(first);
  return { req, answer };
}

async function inFlightRequests(url: string): Promise<number | undefined> {
  return sample(parseSamples(await scrape(url)), 'trading_ingest_in_flight_requests');
}

describe('ingest backpressure', () => {
  it('answers 429 with Retry-After past --ingest.max-in-flight, counts it, and admits again once the slot frees', async () => {
    const ex = await startExporter(['--ingest.max-in-flight=1']);
    try {
      const body = JSON.stringify([submitted('a', Date.now())]);
      const slow = partialPost(ex.url, body.length, body.slice(0, 10));
      await waitFor(async () => (await inFlightRequests(ex.url)) === 1, { what: 'the slow request in flight', timeoutMs: 10_000 });
      const res = await fetch(`${ex.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), '1');
      assert.match(((await res.json()) as { error: string }).error, /limit of 1 requests in flight \(--ingest.max-in-flight\)/);
      slow.req.end(body.slice(10));
      assert.equal((await slow.answer).statusCode, 202);
      assert.equal((await post(ex.url, [submitted('b', Date.now())])).status, 202);
      const m = parseSamples(await scrape(ex.url));
      assert.equal(sample(m, 'trading_events_rejected_total', { reason: 'overloaded' }), 1);
      assert.equal(sample(m, 'trading_orders_submitted_total'), 2);
      assert.equal(sample(m, 'trading_ingest_in_flight_requests_limit'), 1);
      assert.equal(sample(m, 'trading_ingest_queue_bytes'), 0);
    } finally {
      await ex.stop();
    }
  });

  it('answers 429 past --ingest.max-in-flight-bytes, holding a declared Content-Length up front', async () => {
    const ex = await startExporter(['--ingest.max-in-flight-bytes=1000']);
    try {
      const slow = partialPost(ex.url, 900, '[');
      slow.answer.catch(() => undefined); // destroyed below, unanswered
      await waitFor(async () => sample(parseSamples(await scrape(ex.url)), 'trading_ingest_queue_bytes') === 900, { what: '900 bytes held', timeoutMs: 10_000 });
      const body = JSON.stringify([submitted('a', Date.now()), submitted('b', Date.now())]);
      assert.ok(body.length > 100);
      const res = await post(ex.url, body);
      assert.equal(res.status, 429);
      assert.match(String(res.json.error), /limit of 1000 body bytes in flight \(--ingest.max-in-flight-bytes\)/);
      slow.req.destroy();
      await waitFor(async () => (await inFlightRequests(ex.url)) === 0, { what: 'the aborted request released', timeoutMs: 10_000 });
      assert.equal((await post(ex.url, body)).status, 202);
    } finally {
      await ex.stop();
    }
  });

  it('cuts off a body trickling in past --ingest.body-timeout with 408 and frees its slot', async () => {
    const ex = await startExporter(['--ingest.body-timeout=1s', '--ingest.max-in-flight=1']);
    try {
      const slow = partialPost(ex.url, 1000, '[');
      const trickle = setInterval(() => slow.req.write(' '), 200);
      try {
        const res = await slow.answer;
        assert.equal(res.statusCode, 408);
        assert.match(res.text, /did not arrive within 1 s \(--ingest.body-timeout\)/);
        assert.equal(res.headers.connection, 'close');
      } finally {
        clearInterval(trickle);
        slow.req.destroy();
      }
      assert.equal((await post(ex.url, [submitted('a', Date.now())])).status, 202);
      assert.equal(sample(parseSamples(await scrape(ex.url)), 'trading_events_rejected_total', { reason: 'body_timeout' }), 1);
    } finally {
      await ex.stop();
    }
  });

  it('keeps a real exporter process under a bounded peak RSS while concurrent 10 MB bodies flood it, losing no acknowledged batch', async () => {
    // About 10 MB of model predictions (cheap to apply: the cost measured is holding and parsing bodies).
    const event = (i: number) => `{"type":"model.prediction","ts":${Date.now()},"model":"m${i % 7}","version":"v1","latencySeconds":0.00${i % 9}}`;
    const parts: string[] = [];
    let size = 2;
    let events = 0;
    while (size < 10_000_000 - 200) {
      const e = event(events++);
      parts.push(e);
      size += e.length + 1;
    }
    const body = Buffer.from(`[${parts.join(',')}]`);
    const ex = await startExporterProcess([process.execPath, '--import', 'tsx', BIN], ['--ingest.max-body-bytes=10485760', '--log.level=warn'], { timeoutMs: 30_000 });
    try {
      const pid = ex.proc.pid!;
      const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
      const idle = peakRss();
      const clients = 24;
      let accepted = 0;
      let refused = 0;
      const sendUntilAccepted = async () => {
        for (;;) {
          const res = await fetch(`${ex.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          const json = (await res.json()) as { accepted?: number };
          if (res.status === 202) return (accepted += json.accepted!);
          assert.equal(res.status, 429, `status ${res.status}: ${JSON.stringify(json)}`);
          assert.equal(res.headers.get('retry-after'), '1');
          refused++;
          await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
        }
      };
      await Promise.all(Array.from({ length: clients }, sendUntilAccepted));
      const peak = peakRss();
      const grew = peak - idle;
      console.log(`idle_rss_bytes=${idle} peak_rss_bytes=${peak} refused=${refused}`);
      // 24 bodies at once would hold 240 MB raw plus their parsed events; the default bound holds about 3.
      assert.ok(grew < 300 * 1024 * 1024, `peak RSS grew by ${(grew / 1048576).toFixed(0)} MiB under ${clients} concurrent 10 MB bodies`);
      const m = parseSamples(await ex.scrape());
      assert.equal(accepted, clients * events);
      assert.equal(sample(m, 'trading_events_received_total', { type: 'model.prediction' }), accepted, 'every acknowledged event applied');
      assert.equal(sample(m, 'trading_events_rejected_total', { reason: 'overloaded' }), refused);
      assert.ok(refused > 0, 'the flood met the bound');
    } finally {
      await ex.stop();
    }
  });
});
