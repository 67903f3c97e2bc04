// The PostgreSQL and Redis launchers against Debian's binaries: each answers on its loopback port (Redis a PING,
// PostgreSQL a startup message), runs as a non-root account when the test is root, and is gone after stop()
// with its folder; a missing binary fails in one line naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { connect } from 'node:net';

import { MissingBinaryError, startPostgres, startRedis } from '../src/index.js';

/** Writes `bytes` to 127.0.0.1:port and resolves with the first chunk answered. */
function exchange(port: number, bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(bytes));
    s.once('data', (d) => {
      s.destroy();
      resolve(d);
    });
    s.once('error', reject);
  });
}

test('Redis: answers PING, then stopped and its folder removed', async () => {
  const redis = await startRedis();
  try {
    assert.equal((await exchange(redis.port, Buffer.from('PING\r\n'))).toString(), '+PONG\r\n');
    assert.equal(redis.redisUrl, `redis://127.0.0.1:${redis.port}`);
  } finally {
    await redis.stop();
  }
  assert.equal(existsSync(redis.dir), false);
});

test('PostgreSQL: a fresh cluster (as a non-root account when root) answers a startup message, then stopped fast', async () => {
  const pg = await startPostgres();
  try {
    if (process.getuid?.() === 0) assert.notEqual(statSync(pg.dir).uid, 0, 'the cluster belongs to a non-root account');
    // StartupMessage, protocol 3.0, user=vigil database=postgres; trust auth answers AuthenticationOk ('R', 0).
    const params = Buffer.from(`user\0${pg.user}\0database\0${pg.database}\0\0`);
    const msg = Buffer.alloc(8 + params.length);
    msg.writeInt32BE(msg.length, 0);
    msg.writeInt32BE(196608, 4);
    params.copy(msg, 8);
    const answer = await exchange(pg.port, msg);
    assert.equal(String.fromCharCode(answer[0]), 'R');
    assert.equal(answer.readInt32BE(5), 0, 'AuthenticationOk');
  } finally {
    const t0 = performance.now();
    await pg.stop();
    assert.ok(performance.now() - t0 < 5000, 'fast shutdown, not the SIGKILL fallback');
  }
  assert.equal(existsSync(pg.dir), false);
});

test('a missing PostgreSQL or Redis binary fails at once in one line', async () => {
  for (const [variable, start, name] of [
    ['POSTGRES_BIN', startPostgres, 'postgres'],
    ['REDIS_SERVER_BIN', startRedis, 'redis-server'],
  ] as const) {
    const saved = process.env[variable];
    process.env[variable] = '/nonexistent';
    try {
      await assert.rejects(start(), (err: Error) => err instanceof MissingBinaryError && err.message.startsWith(`${name} is missing: ${variable}=/nonexistent`) && !err.message.includes('\n'));
    } finally {
      if (saved === undefined) delete process.env[variable];
      else process.env[variable] = saved;
    }
  }
});
