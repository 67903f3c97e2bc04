// Guessing the ingest token is bounded: past --ingest.auth-max-failures wrong tokens from a client in a minute,
// 429 with Retry-After without a comparison (the right token too, until the minute has passed), counted as
// trading_events_rejected_total{reason="unauthorized"} like the 401s; a missing token is not counted.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '@vigil/test-support';
import { Clock, parseSamples, post, sample, scrape, startExporter, submitted } from './helpers.js';

test('wrong tokens past --ingest.auth-max-failures get 429 with Retry-After; missing ones are not counted', { timeout: 30_000 }, async () => {
  const tokenFile = join(tempDir(), 'token');
  writeFileSync(tokenFile, 'ingest-secret-token\n');
  const clock = new Clock();
  const ex = await startExporter([`--ingest.token-file=${tokenFile}`, '--ingest.auth-max-failures=3'], clock);
  const batch = [submitted('al-1', clock.now())];
  try {
    for (let i = 0; i < 5; i++) assert.equal((await post(ex.url, batch)).status, 401, 'no token: 401, not limited');
    for (const guess of ['g1', 'g2', 'g3']) assert.equal((await post(ex.url, batch, { token: guess })).status, 401);
    const res = await fetch(`${ex.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ingest-secret-token' }, body: JSON.stringify(batch) });
    assert.equal(res.status, 429);
    const retryAfter = Number(res.headers.get('retry-after'));
    assert.ok(retryAfter > 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.match(((await res.json()) as { error: string }).error, /too many wrong bearer tokens from this client: retry after \d+ s/);
    assert.equal(sample(parseSamples(await scrape(ex.url)), 'trading_events_rejected_total', { reason: 'unauthorized' }), 9);
  } finally {
    await ex.stop();
  }
});
