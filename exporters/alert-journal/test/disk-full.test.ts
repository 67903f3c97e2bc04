// Fault: the journal's disk fills up (a file-size limit, `ulimit -f`, on the real process). Webhooks it cannot
// write get 503 (Alertmanager retries them), the error is logged and counted, /health turns unhealthy, the
// process keeps running; after the fault (restart without the limit) every acknowledged notification is there
// and new ones are stored again.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { freePort, tempDir } from '@vigil/test-support';
import { api } from './helpers/journal.js';
import { spawnJournal } from './helpers/journal-process.js';
import { postWebhook, webhookPayload } from './helpers/payloads.js';

describe('journal disk full', () => {
  it('answers 503 and reports unhealthy when it cannot write, keeps running, and loses nothing it acknowledged', { timeout: 90_000 }, async () => {
    const db = join(tempDir(), 'journal.db');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const limited = await spawnJournal({ port, db, fileLimitKiB: 600 });
    const acknowledged: string[] = [];
    let refused = 0;
    try {
      const pad = 'x'.repeat(2000);
      for (let i = 0; i < 1000 && refused === 0; i++) {
        const name = `DiskFull${i}`;
        const r = await postWebhook(url, webhookPayload([{ alertname: name, fingerprint: i.toString(16).padStart(16, '0'), startsAt: '2026-11-20T10:00:00Z', labels: { pad } }]));
        if (r.status === 200) acknowledged.push(name);
        else {
          assert.equal(r.status, 503, JSON.stringify(r.body));
          assert.match(String(r.body.error), /could not store the notification; retry/);
          refused++;
        }
      }
      assert.ok(refused > 0 && acknowledged.length > 0, `${acknowledged.length} stored before the disk filled`);
      assert.match(limited.log(), /webhook could not be stored/);
      const health = await fetch(`${url}/health`);
      assert.equal(health.status, 503);
      assert.match(JSON.stringify(await health.json()), /the last webhook could not be written/);
      assert.match(await (await fetch(`${url}/metrics`)).text(), /^vigil_alert_journal_store_write_failures_total [1-9]/m);
      assert.equal(limited.child.exitCode, null, 'still running');
    } finally {
      await limited.stop();
    }

    // The fault ends: the same database without the limit.
    const healed = await spawnJournal({ port, db });
    try {
      for (const name of acknowledged) {
        const r = await api(url, `/api/v1/alerts/history?alertname=${name}`);
        assert.equal((r.body.occurrences as unknown[]).length, 1, `${name} acknowledged before the disk filled`);
      }
      const again = await postWebhook(url, webhookPayload([{ alertname: 'AfterDiskFull', fingerprint: 'ffffffffffffffff', startsAt: '2026-11-20T10:00:00Z' }]));
      assert.equal(again.status, 200);
      assert.equal((await fetch(`${url}/health`)).status, 200);
    } finally {
      await healed.stop();
    }
  });
});
