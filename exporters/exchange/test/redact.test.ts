// Secrets are replaced before an error message is cut to 300 characters, for one venue's keys or several venues'
// (a dying poller thread's error is redacted with the keys of every venue it ran).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactedError } from '../src/redact.js';

test('a secret straddling the 300-character cut leaves none of itself', () => {
  const secret = 'S3CRET-0123456789';
  const message = `${'x'.repeat(290)} ${secret}`;
  for (const creds of [{ secret }, [{ apiKey: 'other-key-1234' }, { secret }]]) {
    const out = redactedError(new Error(message), creds);
    assert.ok(out.length <= 300);
    assert.ok(!out.includes('S3CRET'), out.slice(280));
    assert.ok(out.endsWith(' [redacted'), out.slice(280));
  }
});

test('every venue given is redacted, and URL query strings', () => {
  const out = redactedError('GET https://api.x.com/v1?sig=abc key-of-a-1234 key-of-b-5678', [{ apiKey: 'key-of-a-1234' }, { apiKey: 'key-of-b-5678' }]);
  assert.equal(out, 'GET https://api.x.com/v1?[redacted] [redacted] [redacted]');
});
