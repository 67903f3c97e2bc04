// A firing occurrence whose resolved notification was lost (Alertmanager no longer holds the alert, no silence
// explains it) is closed after --alertmanager.lost-resolution-grace; one Alertmanager still holds stays firing.
// Real Alertmanager 0.25.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startAlertmanager, waitFor, type RunningAlertmanager } from '@vigil/test-support';
import { api, removeDir, startJournal, type RunningJournal } from './helpers/journal.js';
import { postWebhook, webhookPayload } from './helpers/payloads.js';

describe('lost resolutions', () => {
  let am: RunningAlertmanager;
  let j: RunningJournal;

  before(async () => {
    am = await startAlertmanager({ config: "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n" });
    j = await startJournal(['--alertmanager.lost-resolution-grace=1s', '--alertmanager.sync-interval=200ms'], { ALERTMANAGER_URL: am.url });
  });
  after(async () => {
    await j?.stop();
    if (j) removeDir(j.dir);
    await am?.stop();
  });

  const occurrence = async (alertname: string) => {
    const r = await api(j.url, `/api/v1/alerts/history?alertname=${alertname}`);
    return (r.body.occurrences as Array<{ status: string }>)[0];
  };

  it('closes an occurrence Alertmanager forgot after the grace period, and keeps one it holds firing', async () => {
    // Alertmanager holds LostHeld (posted to it); LostGone it never heard of (its resolution is "lost").
    const post = await fetch(`${am.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: 'LostHeld', severity: 'warning', service: 'orders', venue: 'binance' }, endsAt: new Date(Date.now() + 3600_000).toISOString() }]),
    });
    assert.equal(post.status, 200);
    const held = await waitFor(
      async () => ((await (await fetch(`${am.url}/api/v2/alerts`)).json()) as { fingerprint: string; labels: Record<string, string> }[]).find((a) => a.labels.alertname === 'LostHeld'),
      { what: 'LostHeld in Alertmanager', timeoutMs: 10_000 },
    );
    const startsAt = new Date().toISOString();
    assert.equal((await postWebhook(j.url, webhookPayload([{ alertname: 'LostHeld', fingerprint: held.fingerprint, startsAt }]))).status, 200);
    assert.equal((await postWebhook(j.url, webhookPayload([{ alertname: 'LostGone', fingerprint: '0123456789abcdef', startsAt }]))).status, 200);
    assert.equal((await occurrence('LostGone')).status, 'firing');

    await waitFor(async () => (await occurrence('LostGone')).status === 'resolved', { what: 'LostGone closed', timeoutMs: 15_000 });
    assert.ok(j.logs.some((l) => l.includes('no resolved notification came; closed after --alertmanager.lost-resolution-grace')));
    assert.equal((await occurrence('LostHeld')).status, 'firing', 'an alert Alertmanager holds is never closed');
  });
});
