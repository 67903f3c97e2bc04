// POST /v1/events over real HTTP: every refusal path (401, 413, 415, 400s), whole-batch atomicity, gzip and
// NDJSON, and that refusals are counted and never change state or stop the process.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { assertMetricsClean, tempDir } from '@vigil/test-support';
import { parseSamples, post, sample, scrape, startExporter, submitted, type Running } from './helpers.js';

const TOKEN = 's3cret-token-value';

describe('POST /v1/events', () => {
  let ex: Running;
  before(async () => {
    const dir = tempDir();
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${TOKEN}\n`);
    // On the JavaScript path, which every install has (test/ingest-native-http.test.ts compares it with the native scanner).
    ex = await startExporter([`--ingest.token-file=${tokenFile}`, '--ingest.max-body-bytes=4096', '--orders.grace-period=50ms', '--no-ingest.native-scanner']);
  });
  after(async () => ex.stop());

  const now = () => Date.now();
  const rejected = async (reason: string) => sample(parseSamples(await scrape(ex.url)), 'trading_events_rejected_total', { reason }) ?? 0;
  const submittedCount = async () => sample(parseSamples(await scrape(ex.url)), 'trading_orders_submitted_total') ?? 0;

  it('accepts a JSON array and answers 202 with the count', async () => {
    const r = await post(ex.url, [submitted('ok-1', now()), submitted('ok-2', now())], { token: TOKEN });
    assert.equal(r.status, 202);
    assert.deepEqual(r.json, { accepted: 2 });
    assert.equal(sample(parseSamples(await scrape(ex.url)), 'trading_events_received_total', { type: 'order.submitted' }), 2);
  });

  it('accepts NDJSON with blank lines and CRLF', async () => {
    const body = `${JSON.stringify(submitted('nd-1', now()))}\r\n\n${JSON.stringify(submitted('nd-2', now()))}\n`;
    const r = await post(ex.url, body, { token: TOKEN, contentType: 'application/x-ndjson' });
    assert.equal(r.status, 202);
    assert.equal(r.json.accepted, 2);
  });

  it('accepts a gzip body', async () => {
    const body = gzipSync(JSON.stringify([submitted('gz-1', now())]));
    const r = await post(ex.url, body, { token: TOKEN, headers: { 'content-encoding': 'gzip' } });
    assert.equal(r.status, 202);
  });

  it('401 without a token and with a wrong one, counted as unauthorized', async () => {
    const before = await rejected('unauthorized');
    const none = await post(ex.url, [submitted('x', now())]);
    assert.equal(none.status, 401);
    assert.match(String(none.json.error), /bearer token/);
    const wrong = await post(ex.url, [submitted('x', now())], { token: 'nope' });
    assert.equal(wrong.status, 401);
    assert.equal(await rejected('unauthorized'), before + 2);
  });

  it('415 on a wrong content type or encoding', async () => {
    const before = await rejected('unsupported_media_type');
    const text = await post(ex.url, '[]', { token: TOKEN, contentType: 'text/plain' });
    assert.equal(text.status, 415);
    assert.match(String(text.json.error), /Content-Type "text\/plain"/);
    const br = await post(ex.url, '[]', { token: TOKEN, headers: { 'content-encoding': 'br' } });
    assert.equal(br.status, 415);
    assert.match(String(br.json.error), /Content-Encoding "br"/);
    // The remedy in headers (RFC 9110 15.5.16): the accepted media types, or the accepted content codings.
    const auth = { authorization: `Bearer ${TOKEN}` };
    const typed = await fetch(`${ex.url}/v1/events`, { method: 'POST', body: '[]', headers: { ...auth, 'content-type': 'text/plain' } });
    assert.equal(typed.headers.get('accept-post'), 'application/json, application/x-ndjson, application/ndjson, application/jsonl, application/x-jsonlines');
    const coded = await fetch(`${ex.url}/v1/events`, { method: 'POST', body: '[]', headers: { ...auth, 'content-type': 'application/json', 'content-encoding': 'br' } });
    assert.equal(coded.headers.get('accept-encoding'), 'gzip, identity');
    assert.equal(await rejected('unsupported_media_type'), before + 4);
  });

  it('another method on /v1/events is a 405 with Allow, counted under the route; OPTIONS a 204', async () => {
    const get = await fetch(`${ex.url}/v1/events`);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'OPTIONS, POST');
    assert.equal(((await get.json()) as { error: string }).error, 'method GET is not allowed on /v1/events; it takes OPTIONS, POST');
    assert.equal((await fetch(`${ex.url}/v1/events`, { method: 'PUT', body: '[]' })).status, 405);
    const options = await fetch(`${ex.url}/v1/events`, { method: 'OPTIONS' });
    assert.equal(options.status, 204);
    assert.equal(options.headers.get('allow'), 'OPTIONS, POST');
    assert.match(await scrape(ex.url), /^trading_exporter_web_requests_refused_total\{route="\/v1\/events",code="405"\} 2$/m);
  });

  it('413 past the body limit, before and after decompression', async () => {
    const before = await rejected('too_large');
    const big = JSON.stringify(Array.from({ length: 40 }, (_, i) => submitted(`big-${i}`, now())));
    assert.ok(big.length > 4096);
    const plain = await post(ex.url, big, { token: TOKEN });
    assert.equal(plain.status, 413);
    assert.match(String(plain.json.error), /4096-byte limit/);
    // The flag the answer names is the one the exporter takes (a user raises the limit with it).
    assert.match(String(plain.json.error), /\(--ingest\.max-body-bytes\)/);
    // Small on the wire, large once inflated: the decompressed size is limited too.
    const bomb = gzipSync(Buffer.alloc(1_000_000, 0x20));
    assert.ok(bomb.length < 4096);
    const inflated = await post(ex.url, bomb, { token: TOKEN, headers: { 'content-encoding': 'gzip' } });
    assert.equal(inflated.status, 413);
    assert.match(String(inflated.json.error), /decompressed/);
    // Chunked upload without Content-Length is cut off while streaming.
    const res = await fetch(`${ex.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
    await res.text();
    assert.equal(await rejected('too_large'), before + 3);
  });

  const badCases: Array<{ name: string; body: string; reason: string; field: string; index?: number }> = [
    { name: 'malformed JSON', body: '[{"type":', reason: 'malformed_body', field: '' },
    { name: 'NaN literal', body: '[{"type":"order.submitted","quantity":NaN}]', reason: 'malformed_body', field: '' },
    { name: 'empty batch', body: '[]', reason: 'empty_batch', field: '' },
    { name: 'a scalar body', body: '42', reason: 'malformed_body', field: '' },
  ];
  for (const c of badCases) {
    it(`400 on ${c.name}`, async () => {
      const before = await rejected(c.reason);
      const r = await post(ex.url, c.body, { token: TOKEN });
      assert.equal(r.status, 400);
      assert.equal(typeof r.json.error, 'string');
      assert.equal(await rejected(c.reason), before + 1);
    });
  }

  it('ignores a leading UTF-8 byte-order mark, in JSON and in NDJSON', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const json = Buffer.concat([bom, Buffer.from(JSON.stringify([submitted('bom1', now())]))]);
    assert.deepEqual(await post(ex.url, json, { token: TOKEN }), { status: 202, json: { accepted: 1 } });
    const ndjson = Buffer.concat([bom, Buffer.from(`${JSON.stringify(submitted('bom2', now()))}\n`)]);
    assert.deepEqual(await post(ex.url, ndjson, { token: TOKEN, contentType: 'application/x-ndjson' }), { status: 202, json: { accepted: 1 } });
  });

  it('400 naming the NDJSON line that is not JSON', async () => {
    const body = `${JSON.stringify(submitted('l1', now()))}\n{oops}\n`;
    const r = await post(ex.url, body, { token: TOKEN, contentType: 'application/x-ndjson' });
    assert.equal(r.status, 400);
    assert.match(String(r.json.error), /line 2/);
    assert.equal(r.json.index, 1);
  });

  const eventCases: Array<{ name: string; event: () => Record<string, unknown> | string; reason: string; field: string }> = [
    { name: 'unknown event type', event: () => ({ type: 'order.teleported', ts: now(), orderId: 'a' }), reason: 'unknown_type', field: 'type' },
    { name: 'missing type', event: () => ({ ts: now(), orderId: 'a' }), reason: 'missing_field', field: 'type' },
    { name: 'a non-object event', event: () => 'hello', reason: 'not_an_object', field: '' },
    { name: 'quantity as a string', event: () => submitted('t', now(), { quantity: '2' }), reason: 'invalid_field', field: 'quantity' },
    { name: 'quantity "NaN"', event: () => submitted('t', now(), { quantity: 'NaN' }), reason: 'invalid_field', field: 'quantity' },
    { name: 'negative quantity', event: () => submitted('t', now(), { quantity: -1 }), reason: 'invalid_field', field: 'quantity' },
    { name: 'a price of 0', event: () => ({ type: 'order.filled', ts: now(), orderId: 'a', fillQuantity: 1, fillPrice: 0 }), reason: 'invalid_field', field: 'fillPrice' },
    { name: 'a bad side', event: () => submitted('t', now(), { side: 'long' }), reason: 'invalid_field', field: 'side' },
    { name: 'a missing orderId', event: () => ({ type: 'order.acknowledged', ts: now() }), reason: 'missing_field', field: 'orderId' },
    { name: 'a timestamp far in the future', event: () => submitted('t', now() + 3600_000), reason: 'future_timestamp', field: 'ts' },
    { name: 'a timestamp in seconds', event: () => submitted('t', Math.floor(now() / 1000)), reason: 'invalid_timestamp', field: 'ts' },
    { name: 'a timestamp that is not RFC 3339', event: () => submitted('t', 'yesterday'), reason: 'invalid_timestamp', field: 'ts' },
    { name: 'a constructor key', event: () => ({ ...submitted('t', now()), constructor: 'x' }), reason: 'forbidden_key', field: 'constructor' },
    { name: 'a prototype key', event: () => ({ ...submitted('t', now()), prototype: 'x' }), reason: 'forbidden_key', field: 'prototype' },
    { name: 'a nested value', event: () => submitted('t', now(), { venue: { name: 'binance' } }), reason: 'too_deep', field: 'venue' },
    { name: 'a confidence above 1', event: () => ({ type: 'strategy.signal', ts: now(), strategy: 's', signalType: 'buy', confidence: 1.5 }), reason: 'invalid_field', field: 'confidence' },
    { name: 'correct as a string', event: () => ({ type: 'model.outcome', ts: now(), model: 'm', version: '1', correct: 'yes' }), reason: 'invalid_field', field: 'correct' },
  ];
  for (const c of eventCases) {
    it(`400 on ${c.name}, naming the field, applying nothing of the batch`, async () => {
      const beforeRejected = await rejected(c.reason);
      const beforeSubmitted = await submittedCount();
      // Two good events around the bad one: the whole batch is refused.
      const body = JSON.stringify([submitted(`pre-${c.name}`, now()), c.event(), submitted(`post-${c.name}`, now())]);
      const r = await post(ex.url, body, { token: TOKEN });
      assert.equal(r.status, 400, JSON.stringify(r.json));
      assert.equal(r.json.index, 1);
      assert.equal(r.json.field, c.field);
      assert.match(String(r.json.error), /^events\[1\]/);
      assert.equal(await rejected(c.reason), beforeRejected + 3, 'the refused batch counts its three events');
      assert.equal(await submittedCount(), beforeSubmitted, 'nothing of a refused batch is applied');
    });
  }

  it('400 on __proto__ and deep nesting without polluting prototypes or crashing', async () => {
    const proto = await post(ex.url, `[{"type":"order.submitted","ts":${now()},"__proto__":{"polluted":true}}]`, { token: TOKEN });
    assert.equal(proto.status, 400);
    assert.equal(proto.json.field, '__proto__');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const deep = await post(ex.url, `[${'['.repeat(1500)}${']'.repeat(1500)}]`, { token: TOKEN });
    assert.equal(deep.status, 400);
    assert.equal(deep.json.index, 0);
    const deepInEvent = await post(ex.url, `[{"type":"order.submitted","x":${'['.repeat(1000)}${']'.repeat(1000)}}]`, { token: TOKEN });
    assert.equal(deepInEvent.status, 400);
    const live = await fetch(`${ex.url}/live`);
    assert.equal(live.status, 200);
  });

  it('treats 1e999 (Infinity after JSON parsing) as an invalid number', async () => {
    const r = await post(ex.url, `[{"type":"order.submitted","ts":${now()},"orderId":"inf","venue":"v","symbol":"s","side":"buy","orderType":"limit","quantity":1e999}]`, { token: TOKEN });
    assert.equal(r.status, 400);
    assert.equal(r.json.field, 'quantity');
    assert.match(String(r.json.error), /finite number/);
  });

  it('400 on a body that is not valid gzip or not valid UTF-8', async () => {
    const notGzip = await post(ex.url, Buffer.from('[{"type":"x"}]'), { token: TOKEN, headers: { 'content-encoding': 'gzip' } });
    assert.equal(notGzip.status, 400);
    assert.match(String(notGzip.json.error), /not valid gzip/);
    const latin1 = await post(ex.url, Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]), { token: TOKEN });
    assert.equal(latin1.status, 400);
    assert.match(String(latin1.json.error), /UTF-8/);
  });

  it('counts every event of concurrent batches exactly once', async () => {
    const before = sample(parseSamples(await scrape(ex.url)), 'trading_events_received_total') ?? 0;
    const t = now();
    // 12 events stay under this suite's 4096-byte body limit.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, b) => post(ex.url, Array.from({ length: 12 }, (_, i) => submitted(`c-${b}-${i}`, t)), { token: TOKEN })),
    );
    assert.ok(results.every((r) => r.status === 202 && r.json.accepted === 12));
    assert.equal(sample(parseSamples(await scrape(ex.url)), 'trading_events_received_total'), before + 240);
  });

  it('promtool check metrics accepts the exposition', async () => {
    const body = await scrape(ex.url);
    assertMetricsClean(body);
  });
});
