// Guessing is bounded: a client presenting a wrong webhook credential or API key --auth.max-failures times in a
// minute gets 429 with Retry-After, without a comparison, on the webhook and the API alike (they share the
// count); a missing credential is not counted; refusals are counted in unauthorized_requests_total.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { API_KEY, api, removeDir, startJournal } from './helpers/journal.js';
import { postWebhook, webhookPayload } from './helpers/payloads.js';

test('wrong credentials past --auth.max-failures get 429 with Retry-After; missing ones are not counted', { timeout: 60_000 }, async () => {
  const first = await startJournal();
  const dir = first.dir;
  await first.stop();
  writeFileSync(join(dir, 'token'), 'webhook-secret-token\n');
  const j = await startJournal([`--webhook.bearer-token-file=${join(dir, 'token')}`, '--auth.max-failures=4'], {}, dir);
  const payload = webhookPayload([{ fingerprint: 'a0a0a0a0a0a0a0a0', startsAt: '2026-11-20T10:00:00Z' }]);
  try {
    // Missing credentials: 401 every time, never limited.
    for (let i = 0; i < 6; i++) assert.equal((await postWebhook(j.url, payload)).status, 401);
    assert.equal((await api(j.url, '/api/v1/alerts/stats', { key: null })).status, 401);
    // Wrong ones: two on the webhook and two on the API make four.
    assert.equal((await postWebhook(j.url, payload, { authorization: 'Bearer guess-1' })).status, 401);
    assert.equal((await postWebhook(j.url, payload, { authorization: 'Bearer guess-2' })).status, 401);
    assert.equal((await api(j.url, '/api/v1/alerts/stats', { key: 'guess-3' })).status, 401);
    assert.equal((await api(j.url, '/api/v1/alerts/stats', { key: 'guess-4' })).status, 401);
    // Now refused outright, the right credential too, until the minute has passed.
    const limited = await api(j.url, '/api/v1/alerts/stats', { key: API_KEY });
    assert.equal(limited.status, 429);
    assert.match(String(limited.body.error), /too many wrong credentials from this client: retry after \d+ s/);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal((await postWebhook(j.url, payload, { authorization: 'Bearer webhook-secret-token' })).status, 429);
    const metrics = await (await fetch(`${j.url}/metrics`)).text();
    assert.match(metrics, /^vigil_alert_journal_unauthorized_requests_total\{route="\/v1\/alertmanager"\} 9$/m);
    assert.match(metrics, /^vigil_alert_journal_unauthorized_requests_total\{route="api"\} 4$/m);
  } finally {
    await j.stop();
    removeDir(dir);
  }
});
