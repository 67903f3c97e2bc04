import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { JournalStore } from '../src/store/journal-store.js';
import { MIGRATIONS, migrate, schemaVersion } from '../src/store/migrations.js';
import { queryHistory } from '../src/store/history-query.js';
import { parseWebhookPayload } from '../src/webhook/payload.js';
import { removeDir } from './helpers/journal.js';
import { webhookPayload } from './helpers/payloads.js';

const T0 = '2026-11-20T10:00:00Z';

function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'journal-store-'));
  return { dir, path: join(dir, 'journal.db') };
}

test('the database runs in WAL mode with synchronous=FULL', () => {
  const { dir, path } = tempDb();
  const store = new JournalStore(path);
  assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
  // 2 = FULL
  assert.equal(store.db.pragma('synchronous', { simple: true }), 2);
  store.close();
  removeDir(dir);
});

test('repeat notifications of one firing period are deduplicated; a resolved one closes it with its duration', () => {
  const { dir, path } = tempDb();
  const store = new JournalStore(path);
  const firing = parseWebhookPayload(webhookPayload([{ fingerprint: 'aa01', startsAt: T0 }]));
  assert.equal(store.ingest(firing).outcomes[0].change, 'opened');
  assert.equal(store.ingest(firing).outcomes[0].change, 'repeat');
  const resolved = parseWebhookPayload(webhookPayload([{ fingerprint: 'aa01', startsAt: T0, status: 'resolved', endsAt: '2026-11-20T10:05:00Z' }]));
  assert.equal(store.ingest(resolved).outcomes[0].change, 'resolved');
  assert.equal(store.ingest(resolved).outcomes[0].change, 'repeat');
  const page = queryHistory(store.db, { limit: 10 });
  assert.equal(page.occurrences.length, 1);
  const o = page.occurrences[0];
  assert.equal(o.status, 'resolved');
  assert.equal(o.duration_seconds, 300);
  assert.equal(o.notifications, 4);
  assert.equal(o.service, 'orders');
  assert.equal(o.venue, 'binance');
  store.close();
  removeDir(dir);
});

test('a late resolved notification corrects the end of an occurrence closed from Alertmanager state', () => {
  const { dir, path } = tempDb();
  const store = new JournalStore(path);
  const { outcomes } = store.ingest(parseWebhookPayload(webhookPayload([{ fingerprint: 'ab03', startsAt: T0 }])));
  store.closeAsResolved(outcomes[0].occurrenceId, Date.parse('2026-11-20T10:30:00Z'));
  const late = store.ingest(parseWebhookPayload(webhookPayload([{ fingerprint: 'ab03', startsAt: T0, status: 'resolved', endsAt: '2026-11-20T10:20:00Z' }])));
  assert.equal(late.outcomes[0].change, 'repeat');
  assert.equal(queryHistory(store.db, { limit: 1 }).occurrences[0].duration_seconds, 1200);
  store.close();
  removeDir(dir);
});

test('a new startsAt opens a new occurrence and closes the earlier open one', () => {
  const { dir, path } = tempDb();
  const store = new JournalStore(path);
  store.ingest(parseWebhookPayload(webhookPayload([{ fingerprint: 'bb02', startsAt: T0 }])));
  const r = store.ingest(parseWebhookPayload(webhookPayload([{ fingerprint: 'bb02', startsAt: '2026-11-20T11:00:00Z' }])));
  assert.equal(r.outcomes[0].change, 'opened');
  const page = queryHistory(store.db, { limit: 10, fingerprint: 'bb02' });
  assert.deepEqual(page.occurrences.map((o) => o.status), ['firing', 'resolved']);
  assert.equal(page.occurrences[1].ends_at, '2026-11-20T11:00:00.000Z');
  store.close();
  removeDir(dir);
});

test('history pages with a stable cursor and filters', () => {
  const { dir, path } = tempDb();
  const store = new JournalStore(path);
  for (let i = 0; i < 25; i++) {
    store.ingest(parseWebhookPayload(webhookPayload([{ fingerprint: `c${i.toString(16)}`, startsAt: T0, labels: { severity: i % 2 ? 'critical' : 'warning' } }])));
  }
  const seen: number[] = [];
  let cursor: number | undefined;
  for (;;) {
    const page = queryHistory(store.db, { limit: 10, cursor });
    seen.push(...page.occurrences.map((o) => o.id));
    if (!page.next_cursor) break;
    cursor = Number(page.next_cursor);
  }
  assert.equal(seen.length, 25);
  assert.equal(new Set(seen).size, 25);
  assert.equal(queryHistory(store.db, { limit: 100, severity: 'critical' }).occurrences.length, 12);
  store.close();
  removeDir(dir);
});

test('retention prunes resolved occurrences older than the limit and keeps open ones', () => {
  const { dir, path } = tempDb();
  const store = new JournalStore(path);
  const now = Date.parse('2026-11-20T00:00:00Z');
  store.ingest(parseWebhookPayload(webhookPayload([{ fingerprint: 'd1', startsAt: '2026-10-01T00:00:00Z', status: 'resolved', endsAt: '2026-10-01T01:00:00Z' }])), now);
  store.ingest(parseWebhookPayload(webhookPayload([{ fingerprint: 'd2', startsAt: '2026-10-01T00:00:00Z' }])), now);
  store.ingest(parseWebhookPayload(webhookPayload([{ fingerprint: 'd3', startsAt: '2026-11-19T00:00:00Z', status: 'resolved', endsAt: '2026-11-19T01:00:00Z' }])), now);
  assert.equal(store.prune(30, now), 1);
  assert.deepEqual(queryHistory(store.db, { limit: 10 }).occurrences.map((o) => o.fingerprint).sort(), ['d2', 'd3']);
  store.close();
  removeDir(dir);
});

test('migrations upgrade an old database in place, keep its rows, and refuse a newer schema', () => {
  const { dir, path } = tempDb();
  const old = new Database(path);
  migrate(old, MIGRATIONS.slice(0, 1));
  old.prepare(`INSERT INTO occurrences (fingerprint, alertname, severity, service, venue, labels, annotations, generator_url, starts_at, status, first_received_at, last_received_at)
    VALUES ('ee', 'Old', 'info', '', '', '{"alertname":"Old"}', '{}', '', 1, 'firing', 1, 1)`).run();
  assert.equal(schemaVersion(old), 1);
  old.close();
  const store = new JournalStore(path);
  assert.equal(schemaVersion(store.db), MIGRATIONS.length);
  const o = store.latestByFingerprint('ee');
  assert.equal(o?.alertname, 'Old');
  assert.equal(o?.acked_at, null);
  store.db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, ?, 0)').run('from the future');
  store.close();
  assert.throws(() => new JournalStore(path), /schema version 99 is newer/);
  removeDir(dir);
});

test('payload validation names the field at fault', () => {
  const good = webhookPayload([{ fingerprint: 'ff', startsAt: T0 }]);
  assert.throws(() => parseWebhookPayload({ ...good, version: '3' }), /version/);
  assert.throws(() => parseWebhookPayload({ ...good, alerts: 'x' }), /alerts: expected an array/);
  assert.throws(() => parseWebhookPayload({ ...good, truncatedAlerts: -1 }), /truncatedAlerts/);
  const bad = structuredClone(good);
  bad.alerts[0].fingerprint = 'XYZ';
  assert.throws(() => parseWebhookPayload(bad), /alerts\[0\]\.fingerprint/);
  const noStart = structuredClone(good);
  noStart.alerts[0].startsAt = 'yesterday';
  assert.throws(() => parseWebhookPayload(noStart), /alerts\[0\]\.startsAt/);
  const labelType = structuredClone(good) as unknown as { alerts: Array<{ labels: Record<string, unknown> }> };
  labelType.alerts[0].labels.severity = 3;
  assert.throws(() => parseWebhookPayload(labelType), /alerts\[0\]\.labels\.severity/);
});
