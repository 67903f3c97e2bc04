// The journal's /metrics passes promtool check metrics once every family has samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertMetricsClean } from '@vigil/test-support';
import { removeDir, startJournal } from './helpers/journal.js';
import { postWebhook, webhookPayload } from './helpers/payloads.js';

test('promtool check metrics is clean', async () => {
  const j = await startJournal();
  try {
    await postWebhook(j.url, webhookPayload([{ fingerprint: '1a', startsAt: '2026-11-20T10:00:00Z', labels: { severity: 'page-me-now' } }]));
    await postWebhook(j.url, { version: '1' });
    const text = await (await fetch(`${j.url}/metrics`)).text();
    for (const name of ['notifications_received_total', 'alerts_received_total', 'alerts_deduplicated_total', 'occurrences_stored_total', 'store_write_duration_seconds_bucket', 'relay_attempts_total', 'active_alerts', 'bad_requests_total', 'build_info']) {
      assert.match(text, new RegExp(`^# (HELP|TYPE) vigil_alert_journal_${name.replace(/_bucket$/, '')}`, 'm'), name);
    }
    // An unknown severity folds into "other": the label stays bounded.
    assert.match(text, /vigil_alert_journal_active_alerts\{severity="other"\} 1/);
    assertMetricsClean(text, "the journal's /metrics");
  } finally {
    await j.stop();
    removeDir(j.dir);
  }
});
