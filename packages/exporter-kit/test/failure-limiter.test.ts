// The failure limiter keys clients by address, IPv6 by its /64: rotating addresses inside one /64 buys no
// fresh budget, while another /64 or an IPv4 client keeps its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FailureLimiter, clientKey } from '../src/failure-limiter.js';

test('clientKey: IPv4 and IPv4-mapped as they are, IPv6 by its first 64 bits in any spelling', () => {
  assert.equal(clientKey('127.0.0.1'), '127.0.0.1');
  assert.equal(clientKey('::ffff:10.1.2.3'), '::ffff:10.1.2.3');
  assert.equal(clientKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), '2001:db8:1:2::/64');
  assert.equal(clientKey('2001:0db8:0001:0002::1'), '2001:db8:1:2::/64');
  assert.equal(clientKey('2001:db8::1'), '2001:db8:0:0::/64');
  assert.equal(clientKey('::1'), '0:0:0:0::/64');
  assert.equal(clientKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
});

test('failures from addresses of one /64 add up; another /64 is not refused', () => {
  let now = 1_000_000;
  const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 60_000, now: () => now });
  for (let i = 1; i <= 3; i++) limiter.fail(`2001:db8:1:2::${i}`);
  assert.ok(limiter.blockedFor('2001:db8:1:2::99') > 0);
  assert.equal(limiter.blockedFor('2001:db8:1:3::1'), 0);
  assert.equal(limiter.blockedFor('192.0.2.1'), 0);
  now += 60_000;
  assert.equal(limiter.blockedFor('2001:db8:1:2::99'), 0);
});

test('failures from many fresh addresses do not flush a blocked client out of a full table', () => {
  const now = 1_000_000;
  const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 60_000, maxClients: 100, now: () => now });
  for (let i = 0; i < 3; i++) limiter.fail('192.0.2.1');
  for (let i = 0; i < 10_000; i++) limiter.fail(`2001:db8:${(i >> 16) & 0xffff}:${i & 0xffff}::1`);
  assert.ok(limiter.blockedFor('192.0.2.1') > 0, 'still blocked');
  assert.ok(limiter.size <= 100, `tracked ${limiter.size}`);
  // the table keeps tracking fresh clients: one that fails up to the limit is blocked too
  for (let i = 0; i < 3; i++) limiter.fail('198.51.100.7');
  assert.ok(limiter.blockedFor('198.51.100.7') > 0);
});

test('a table full of blocked clients forgets the block that ends first', () => {
  let now = 1_000_000;
  const limiter = new FailureLimiter({ maxFailures: 1, windowMs: 60_000, maxClients: 2, now: () => now });
  limiter.fail('192.0.2.1');
  now += 30_000;
  limiter.fail('192.0.2.2');
  limiter.fail('192.0.2.3');
  assert.equal(limiter.size, 2);
  assert.equal(limiter.blockedFor('192.0.2.1'), 0, 'oldest block forgotten');
  assert.ok(limiter.blockedFor('192.0.2.2') > 0 && limiter.blockedFor('192.0.2.3') > 0);
});

test('in a table full of blocked clients a new client is still tracked and blocked in its turn', () => {
  const now = 1_000_000;
  const limiter = new FailureLimiter({ maxFailures: 2, windowMs: 60_000, maxClients: 3, now: () => now });
  for (const c of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) for (let i = 0; i < 2; i++) limiter.fail(c);
  limiter.fail('198.51.100.7');
  limiter.fail('198.51.100.7');
  assert.ok(limiter.blockedFor('198.51.100.7') > 0);
  assert.equal(limiter.size, 3);
});
