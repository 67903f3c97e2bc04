// Guessing is bounded: a client presenting a wrong webhook credential or API key --auth.max-failures times in a
// minute gets 429 with Retry-After, without a comparison; the webhook and the API count apart, so wrong API keys
// never get Alertmanager's webhook refused; a missing credential is not counted; refusals are counted in
// unauthorized_requests_total.
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
    // Wrong API keys up to the limit: the API refuses this client outright, the right key too, until the minute
    // has passed; the webhook (counted apart) still takes the right token from the same address.
    for (let i = 1; i <= 4; i++) assert.equal((await api(j.url, '/api/v1/alerts/stats', { key: `guess-${i}` })).status, 401);
    const limited = await api(j.url, '/api/v1/alerts/stats', { key: API_KEY });
    assert.equal(limited.status, 429);
    assert.match(String(limited.body.error), /too many wrong credentials from this client: retry after \d+ s/);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal((await postWebhook(j.url, payload, { authorization: 'Bearer webhook-secret-token' })).status, 200);
    // Wrong webhook tokens up to the limit: now the webhook refuses this client too.
    for (let i = 1; i <= 4; i++) assert.equal((await postWebhook(j.url, payload, { authorization: `Bearer guess-${i}` })).status, 401);
    assert.equal((await postWebhook(j.url, payload, { authorization: 'Bearer webhook-secret-token' })).status, 429);
    const metrics = await (await fetch(`${j.url}/metrics`)).text();
    assert.match(metrics, /^vigil_alert_journal_unauthorized_requests_total\{route="\/v1\/alertmanager"\} 11$/m);
    assert.match(metrics, /^vigil_alert_journal_unauthorized_requests_total\{route="\/api\/v1\/alerts\/stats"\} 6$/m);
  } finally {
    await j.stop();
    removeDir(dir);
  }
});
