// The exporter with the native scanner and the same exporter with --no-ingest.native-scanner, over real HTTP:
// the same bodies (simulator traffic as JSON and NDJSON, small ones checked on the main thread and large ones
// in a worker, gzip, and batches holding one bad or unusual event) get identical answers and leave identical
// trading_* samples. Where the addon is not built this reports that it did not run.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { nativeScanner } from '../src/ingest/native-scan.js';
import { post, scrape, startExporter, traffic, tradingFigures, type Running } from './helpers.js';

interface Body {
  payload: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

function bodies(): Body[] {
  const events = traffic(6, 11);
  const out: Body[] = [];
  let at = 0;
  const take = (n: number) => events.slice(at, (at += n));
  for (let i = 0; i < 6; i++) {
    // 150 events ≈ 25 KiB (main thread); 1,000 ≈ 170 KiB (worker).
    const batch = take(i % 2 ? 1_000 : 150);
    if (i === 2) batch[40] = { ...batch[40], ts: new Date(Number(batch[40].ts)).toISOString() };
    if (i === 3) batch[500] = { ...batch[500], note: 'an unknown key' };
    const json = JSON.stringify(batch);
    if (i === 4) out.push({ payload: batch.map((e) => JSON.stringify(e)).join('\r\n'), contentType: 'application/x-ndjson' });
    else if (i === 5) out.push({ payload: gzipSync(json), headers: { 'content-encoding': 'gzip' } });
    else out.push({ payload: json });
  }
  for (const n of [150, 1_000]) {
    const bad = take(n);
    bad[n - 7] = { type: 'order.submitted', ts: bad[n - 7].ts, orderId: `bad-${n}`, venue: 'v', symbol: 's', side: 'buy', orderType: 'limit', quantity: -1 };
    out.push({ payload: JSON.stringify(bad) });
  }
  return out;
}

describe('native scanner on and off over HTTP', () => {
  if (!nativeScanner.scanBatch) {
    it.skip(`did not run: ${nativeScanner.unavailableReason}; ingest runs on the JavaScript path`);
    return;
  }
  let native: Running;
  let js: Running;
  before(async () => {
    // Long grace so nothing is finalized by the clock between the two exporters' scrapes.
    native = await startExporter(['--ingest.workers=1', '--orders.grace-period=1h']);
    js = await startExporter(['--ingest.workers=1', '--orders.grace-period=1h', '--no-ingest.native-scanner']);
  });
  after(async () => {
    await native.stop();
    await js.stop();
  });

  it('say at start-up which path checks bodies', () => {
    assert.match(native.logs.text, /"scanner":"native"/);
    assert.match(js.logs.text, /"scanner":"javascript","reason":"turned off by --no-ingest.native-scanner"/);
  });

  it('answer every body identically and end with identical metrics', async () => {
    let refused = 0;
    for (const b of bodies()) {
      const opts = { contentType: b.contentType, headers: b.headers };
      const [n, j] = await Promise.all([post(native.url, b.payload, opts), post(js.url, b.payload, opts)]);
      assert.deepEqual(n, j);
      if (n.status !== 202) refused++;
    }
    assert.equal(refused, 2, 'the two batches with a bad event are refused');
    const [nf, jf] = [tradingFigures(await scrape(native.url)), tradingFigures(await scrape(js.url))];
    assert.ok(nf.size > 100);
    assert.deepEqual(nf, jf);
  });
});
