// Periodic syncs never overlap: with an Alertmanager that takes 1.5 s to list its alerts and a sync every 100 ms,
// the journal has at most one GET /api/v2/alerts in flight at any time (each would otherwise stack up and close
// the same occurrences). The slow Alertmanager is a local stand-in answering Alertmanager's API v2 shapes late.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { waitFor } from '@vigil/test-support';
import { removeDir, startJournal } from './helpers/journal.js';
import { postWebhook, webhookPayload } from './helpers/payloads.js';

test('a slow Alertmanager never gets two syncs at once', { timeout: 60_000 }, async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  let answered = 0;
  const am = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/api/v2/alerts') {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        answered++;
        res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
      }, 1500);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(path === '/api/v2/silences' ? '[]' : '{}');
  });
  await new Promise<void>((r) => am.listen(0, '127.0.0.1', () => r()));
  const amUrl = `http://127.0.0.1:${(am.address() as { port: number }).port}`;
  const j = await startJournal(['--alertmanager.sync-interval=100ms', '--watchdog.timeout=0s'], { ALERTMANAGER_URL: amUrl });
  try {
    // A firing occurrence, so each sync asks Alertmanager.
    assert.equal((await postWebhook(j.url, webhookPayload([{ fingerprint: '5e1f000000000001', startsAt: '2026-11-20T10:00:00Z' }]))).status, 200);
    await waitFor(() => answered >= 2 || undefined, { what: 'two slow syncs answered', timeoutMs: 20_000 });
    assert.equal(maxInFlight, 1, `${maxInFlight} syncs in flight at once`);
  } finally {
    await j.stop();
    am.closeAllConnections();
    await new Promise((r) => am.close(r));
    removeDir(j.dir);
  }
});
