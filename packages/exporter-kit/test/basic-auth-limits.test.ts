// Basic auth under abuse: bcrypt runs once per distinct credential (refused ones remembered too), a client
// failing too often gets 429 with Retry-After and no bcrypt at all, refusals are counted, and another client
// is not affected.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { TextSink, tempDir } from '@vigil/test-support';
import { BasicAuthenticator } from '../src/basic-auth.js';
import { buildExporter } from '../src/cli.js';

const HASH = bcrypt.hashSync('s3cret', 4);
const basic = (cred: string) => `Basic ${Buffer.from(cred).toString('base64')}`;

/** Counts bcrypt comparisons made while `fn` runs. */
async function comparisons(fn: () => Promise<void>): Promise<number> {
  const original = bcrypt.compare;
  let n = 0;
  (bcrypt as { compare: unknown }).compare = (...args: Parameters<typeof original>) => {
    n++;
    return original(...args);
  };
  try {
    await fn();
  } finally {
    (bcrypt as { compare: unknown }).compare = original;
  }
  return n;
}

describe('basic auth limits', () => {
  it('runs bcrypt once per distinct credential, right or wrong', async () => {
    const auth = new BasicAuthenticator(new Map([['prometheus', HASH]]), { maxFailures: 100 });
    const n = await comparisons(async () => {
      for (let i = 0; i < 5; i++) assert.equal((await auth.check(basic('prometheus:stale'), 'a')).ok, false);
      for (let i = 0; i < 5; i++) assert.equal((await auth.check(basic('prometheus:s3cret'), 'a')).ok, true);
      for (let i = 0; i < 3; i++) assert.equal((await auth.check(basic('nobody:x'), 'a')).ok, false);
    });
    assert.equal(n, 3);
  });

  it('refuses a client past maxFailures in the window without checking, until the window passes', async () => {
    let now = 0;
    const auth = new BasicAuthenticator(new Map([['prometheus', HASH]]), { maxFailures: 3, failureWindowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) assert.equal((await auth.check(basic(`prometheus:guess${i}`), '10.0.0.9')).retryAfterSeconds, undefined);
    const n = await comparisons(async () => {
      const blocked = await auth.check(basic('prometheus:s3cret'), '10.0.0.9');
      assert.deepEqual(blocked, { ok: false, retryAfterSeconds: 60 });
    });
    assert.equal(n, 0, 'no bcrypt for a blocked client');
    assert.equal((await auth.check(basic('prometheus:s3cret'), '10.0.0.10')).ok, true, 'another client is not blocked');
    now = 30_000;
    assert.equal((await auth.check(basic('prometheus:s3cret'), '10.0.0.9')).retryAfterSeconds, 30);
    now = 60_001;
    assert.equal((await auth.check(basic('prometheus:s3cret'), '10.0.0.9')).ok, true);
  });

  it('answers 429 with Retry-After over HTTP and counts refusals by reason', async () => {
    const dir = tempDir('vigil-auth-limits-');
    const file = join(dir, 'web.yml');
    writeFileSync(file, `basic_auth_users:\n  prometheus: ${HASH}\n`);
    const { exporter } = await buildExporter(
      { name: 'auth-test', description: 'd', version: '1', namespace: 'authx', defaultListenAddress: '127.0.0.1:0', envPrefix: 'AUTHX' },
      [`--web.config.file=${file}`],
      {},
      new TextSink(),
    );
    const { url } = await exporter.start();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await fetch(`${url}/metrics`, { headers: { authorization: basic(`prometheus:guess${i}`) } })).status);
      assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
      const res = await fetch(`${url}/metrics`, { headers: { authorization: basic('prometheus:s3cret') } });
      assert.equal(res.status, 429);
      assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
      const text = await exporter.registry.getSingleMetricAsString('authx_web_unauthorized_requests_total');
      assert.match(text, /reason="credential"} 10\n/);
      assert.match(text, /reason="rate_limited"} 2(\n|$)/);
    } finally {
      await exporter.shutdown('test');
    }
  });
});
