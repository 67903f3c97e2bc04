import { test } from 'node:test';
import assert from 'node:assert/strict';

import { waitFor } from '../src/index.js';

test('waitFor resolves with the first value that is not undefined, null or false', async () => {
  let calls = 0;
  const v = await waitFor(() => (++calls < 3 ? false : { calls }), {
    what: 'three calls',
    timeoutMs: 5_000,
    intervalMs: 1,
  });
  assert.deepEqual(v, { calls: 3 });
});

test('waitFor times out naming what it waited for and the last error', async () => {
  const started = Date.now();
  await assert.rejects(
    waitFor(
      () => {
        throw new Error('connection refused');
      },
      { what: 'the server to answer', timeoutMs: 200, intervalMs: 20 },
    ),
    { message: 'timed out after 200 ms waiting for the server to answer; last error: connection refused' },
  );
  assert.ok(Date.now() - started < 2_000);
});

test('waitFor stops at once when giveUp says why', async () => {
  await assert.rejects(
    waitFor(() => undefined, {
      what: 'readiness',
      timeoutMs: 60_000,
      giveUp: () => 'the process exited with code 2',
    }),
    { message: 'gave up waiting for readiness: the process exited with code 2' },
  );
});
