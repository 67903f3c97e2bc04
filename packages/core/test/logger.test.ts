import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextSink } from '@vigil/test-support';

import { createLogger, jsonLineToLogfmt } from '../src/index.js';

test('JSON lines with level, time, name and mixin fields; secrets redacted wherever they sit', () => {
  const out = new TextSink();
  const log = createLogger({ name: 'svc', destination: out, mixin: () => ({ correlationId: 'c-1' }) });
  log.info({ token: 't0p', nested: { password: 'pw', apiKey: 'k' }, venue: 'binance' }, 'order sent');
  log.debug('hidden at info');
  const lines = out.text.trim().split('\n');
  assert.equal(lines.length, 1);
  const rec = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.equal(rec.msg, 'order sent');
  assert.equal(rec.name, 'svc');
  assert.equal(rec.level, 30);
  assert.equal(rec.correlationId, 'c-1');
  assert.equal(rec.venue, 'binance');
  assert.equal(rec.token, '[REDACTED]');
  assert.deepEqual(rec.nested, { password: '[REDACTED]', apiKey: '[REDACTED]' });
  assert.match(String(rec.time), /^\d{4}-\d\d-\d\dT/);
  assert.ok(!out.text.includes('t0p') && !out.text.includes('pw'));
});

test('logfmt as Prometheus exporters print it, quoting values with spaces, quotes or equals signs', () => {
  const out = new TextSink();
  const log = createLogger({ format: 'logfmt', level: 'debug', destination: out });
  log.debug({ path: '/metrics', reason: 'bad "x"=1', token: 'secret' }, 'scrape failed');
  assert.match(out.text, /^ts=\S+ level=debug msg="scrape failed" pid=\d+ path=\/metrics reason="bad \\"x\\"=1" token=\[REDACTED\]\n$/);
  assert.equal(jsonLineToLogfmt('{"time":0,"level":50,"msg":"x","n":1}'), 'ts=1970-01-01T00:00:00.000Z level=error msg=x n=1\n');
});
