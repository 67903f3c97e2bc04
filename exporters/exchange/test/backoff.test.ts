// The resubscribe backoff of lost streams: 1 s doubling to the cap, back to 1 s after a message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Backoff } from '../src/backoff.js';

describe('Backoff', () => {
  it('doubles from the initial delay up to the cap, and starts over after reset', () => {
    const b = new Backoff(1000, 30_000);
    assert.deepEqual(
      Array.from({ length: 8 }, () => b.next()),
      [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000],
    );
    b.reset();
    assert.equal(b.next(), 1000);
  });

  it('stays at the cap however many attempts fail', () => {
    const b = new Backoff(1000, 30_000);
    for (let i = 0; i < 2000; i++) b.next();
    assert.equal(b.next(), 30_000);
  });
});
