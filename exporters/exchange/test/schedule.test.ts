// When requests go out: spread over the interval within the venue's limit, Retry-After read as the venue means it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_RETRY_AFTER_MS, requestSpacingMs, retryAfterMs, startOffsetMs } from '../src/venues/schedule.js';

describe('request schedule', () => {
  it('spreads a cycle over the interval, never closer than the venue limit', () => {
    assert.equal(requestSpacingMs(15_000, 21, 50), 15_000 / 21);
    assert.equal(requestSpacingMs(15_000, 21, 3000), 3000, 'kraken: 3 s per request whatever the interval');
    assert.equal(requestSpacingMs(1000, 0, 0), 1000);
  });

  it('gives each venue a stable start offset inside the interval, different venues different offsets', () => {
    const offsets = ['binance', 'okx', 'bybit', 'kraken', 'coinbase'].map((v) => startOffsetMs(v, 15_000));
    for (const o of offsets) assert.ok(o >= 0 && o < 15_000);
    assert.equal(new Set(offsets).size, offsets.length);
    assert.equal(startOffsetMs('okx', 15_000), startOffsetMs('okx', 15_000));
  });

  it('reads Retry-After as seconds or as an HTTP date, bounded', () => {
    const now = Date.UTC(2026, 11, 2, 12, 0, 0);
    assert.equal(retryAfterMs({ 'Retry-After': '3' }, now), 3000);
    assert.equal(retryAfterMs({ 'retry-after': new Date(now + 7000).toUTCString() }, now), 7000);
    assert.equal(retryAfterMs({ 'retry-after': new Date(now - 7000).toUTCString() }, now), 0);
    assert.equal(retryAfterMs({ 'retry-after': '999999' }, now), MAX_RETRY_AFTER_MS);
    assert.equal(retryAfterMs({ 'retry-after': 'later' }, now), undefined);
    assert.equal(retryAfterMs({}, now), undefined);
    assert.equal(retryAfterMs(undefined, now), undefined);
  });
});
