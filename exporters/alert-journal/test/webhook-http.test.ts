import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '@vigil/test-support';
import Database from 'better-sqlite3';
import { removeDir, startJournal } from './helpers/journal.js';
import { postWebhook, webhookPayload } from './helpers/payloads.js';

const T0 = '2026-11-20T10:00:00Z';

test('a webhook is committed to the database file before the 200, and repeats are deduplicated', async () => {
  const j = await startJournal();
  try {
    const res = await postWebhook(j.url, webhookPayload([{ fingerprint: 'a1', startsAt: T0 }, { fingerprint: 'a2', startsAt: T0 }]));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'stored', receipt_id: 1, alerts: 2, deduplicated: 0, truncated_alerts: 0 });
    // A second connection to the file sees the rows: they were committed, not only cached.
    const other = new Database(join(j.dir, 'journal.db'), { readonly: true });
    assert.equal((other.prepare('SELECT COUNT(*) AS n FROM occurrences').get() as { n: number }).n, 2);
    other.close();
    const again = await postWebhook(j.url, webhookPayload([{ fingerprint: 'a1', startsAt: T0 }]));
    assert.equal(again.body.deduplicated, 1);
    const metrics = await (await fetch(`${j.url}/metrics`)).text();
    assert.match(metrics, /vigil_alert_journal_alerts_deduplicated_total 1/);
    assert.match(metrics, /vigil_alert_journal_notifications_received_total\{status="stored"\} 2/);
    assert.match(metrics, /vigil_alert_journal_active_alerts\{severity="warning"\} 2/);
  } finally {
    await j.stop();
    removeDir(j.dir);
  }
});

test('truncatedAlerts is honoured: stored, counted and reported back', async () => {
  const j = await startJournal();
  try {
    const res = await postWebhook(j.url, webhookPayload([{ fingerprint: 'b1', startsAt: T0 }], { truncatedAlerts: 7 }));
    assert.equal(res.status, 200);
    assert.equal(res.body.truncated_alerts, 7);
    const row = j.journal.store.db.prepare('SELECT truncated_alerts FROM webhook_receipts').get() as { truncated_alerts: number };
    assert.equal(row.truncated_alerts, 7);
    assert.match(await (await fetch(`${j.url}/metrics`)).text(), /vigil_alert_journal_alerts_truncated_total 7/);
  } finally {
    await j.stop();
    removeDir(j.dir);
  }
});

test('bad webhook payloads get a 400 naming the field, are counted, and write nothing', async () => {
  const j = await startJournal();
  try {
    const cases: Array<[unknown, string]> = [
      ['{not json', 'body'],
      [{ ...webhookPayload([{ fingerprint: 'c1', startsAt: T0 }]), version: '2' }, 'version'],
      [{ ...webhookPayload([]), alerts: {} }, 'alerts'],
      [webhookPayload([{ fingerprint: 'not-hex', startsAt: T0 }]), 'alerts[0].fingerprint'],
      [webhookPayload([{ fingerprint: 'c2', startsAt: 'soon' }]), 'alerts[0].startsAt'],
    ];
    for (const [payload, field] of cases) {
      const res = await postWebhook(j.url, payload);
      assert.equal(res.status, 400, JSON.stringify(payload).slice(0, 80));
      assert.equal(res.body.field, field);
    }
    assert.equal((j.journal.store.db.prepare('SELECT COUNT(*) AS n FROM webhook_receipts').get() as { n: number }).n, 0);
    assert.match(await (await fetch(`${j.url}/metrics`)).text(), /vigil_alert_journal_bad_requests_total\{route="\/v1\/alertmanager"\} 5/);
  } finally {
    await j.stop();
    removeDir(j.dir);
  }
});

test('when the store cannot write, the webhook answers 503 so Alertmanager retries', async () => {
  const j = await startJournal();
  try {
    j.journal.store.db.pragma('query_only = ON');
    const res = await postWebhook(j.url, webhookPayload([{ fingerprint: 'd1', startsAt: T0 }]));
    assert.equal(res.status, 503);
    assert.match(String(res.body.error), /retry/);
    j.journal.store.db.pragma('query_only = OFF');
    assert.equal((await postWebhook(j.url, webhookPayload([{ fingerprint: 'd1', startsAt: T0 }]))).status, 200);
    assert.match(await (await fetch(`${j.url}/metrics`)).text(), /vigil_alert_journal_store_write_failures_total 1/);
  } finally {
    await j.stop();
    removeDir(j.dir);
  }
});

test('webhook bearer token and basic auth (Alertmanager http_config)', async () => {
  const dir0 = await startJournal();
  const dir = dir0.dir;
  await dir0.stop();
  writeFileSync(join(dir, 'token'), 'hook-secret\n');
  writeFileSync(join(dir, 'password'), 'hook-password\n');
  const j = await startJournal(
    [`--webhook.bearer-token-file=${join(dir, 'token')}`, '--webhook.basic-auth-user=alertmanager', `--webhook.basic-auth-password-file=${join(dir, 'password')}`],
    {},
    dir,
  );
  try {
    const p = webhookPayload([{ fingerprint: 'e1', startsAt: T0 }]);
    assert.equal((await postWebhook(j.url, p)).status, 401);
    assert.equal((await postWebhook(j.url, p, { authorization: 'Bearer wrong' })).status, 401);
    const basicWrong = 'Basic ' + Buffer.from('alertmanager:nope').toString('base64');
    assert.equal((await postWebhook(j.url, p, { authorization: basicWrong })).status, 401);
    assert.equal((await postWebhook(j.url, p, { authorization: 'Bearer hook-secret' })).status, 200);
    const basic = 'Basic ' + Buffer.from('alertmanager:hook-password').toString('base64');
    assert.equal((await postWebhook(j.url, p, { authorization: basic })).status, 200);
    // The secrets never reach the logs.
    assert.ok(!j.logs.join('').includes('hook-secret'));
    assert.ok(!j.logs.join('').includes('hook-password'));
  } finally {
    await j.stop();
    removeDir(dir);
  }
});

test('retention runs on its schedule and counts what it pruned', async () => {
  const j = await startJournal(['--storage.prune-interval=100ms'], { RETENTION_DAYS: '1' });
  try {
    await postWebhook(j.url, webhookPayload([{ fingerprint: 'f1', startsAt: '2026-01-01T00:00:00Z', status: 'resolved', endsAt: '2026-01-01T00:10:00Z' }]));
    await postWebhook(j.url, webhookPayload([{ fingerprint: 'f2', startsAt: '2026-01-01T00:00:00Z' }]));
    const count = () => (j.journal.store.db.prepare('SELECT COUNT(*) AS n FROM occurrences').get() as { n: number }).n;
    await waitFor(() => count() === 1, { what: 'the old resolved occurrence pruned, the firing one kept', timeoutMs: 5_000, intervalMs: 50 });
    assert.match(await (await fetch(`${j.url}/metrics`)).text(), /vigil_alert_journal_occurrences_pruned_total 1/);
  } finally {
    await j.stop();
    removeDir(j.dir);
  }
});

test('a lost database makes /health unhealthy (503) and webhooks 503, without crashing the process', async () => {
  const j = await startJournal();
  try {
    j.journal.store.db.close();
    const health = await fetch(`${j.url}/health`);
    assert.equal(health.status, 503);
    const body = (await health.json()) as { status: string; checks: Record<string, { status: string }> };
    assert.equal(body.status, 'unhealthy');
    assert.equal(body.checks.store.status, 'unhealthy');
    assert.equal((await postWebhook(j.url, webhookPayload([{ fingerprint: 'e9', startsAt: T0 }]))).status, 503);
    assert.equal((await fetch(`${j.url}/live`)).status, 200);
  } finally {
    await j.stop();
    removeDir(j.dir);
  }
});
