// What a desk deploys: the package's `npm pack` tarball (with the workspace libraries it depends on) installed into
// an empty folder outside the monorepo (better-sqlite3 builds there as on any host); the installed
// vigil-alert-journal stores a webhook and serves clean metrics on a free port.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { assertMetricsClean, startPackedExporter, tempDir, type PackedExporter } from '@vigil/test-support';
import { postWebhook, webhookPayload } from './helpers/payloads.js';

let packed: PackedExporter | undefined;
const dataDir = tempDir('vigil-packed-journal-');
after(async () => {
  await packed?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('installs from its tarball into an empty folder, starts by its name, stores a webhook and serves clean metrics', { timeout: 420_000 }, async () => {
  packed = await startPackedExporter(
    ['@vigil/core', '@vigil/exporter-kit', '@vigil/alert-journal'],
    'vigil-alert-journal',
    [`--storage.path=${join(dataDir, 'journal.db')}`],
    { API_KEY: 'pack-install-key-0123456789', ALERTMANAGER_URL: 'http://127.0.0.1:9', PROMETHEUS_URL: 'http://127.0.0.1:9' },
  );
  const res = await postWebhook(packed.exporter.url, webhookPayload([{ fingerprint: 'a1b2c3d4e5f60718', startsAt: new Date().toISOString() }]));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const text = await packed.exporter.scrape();
  assert.match(text, /^vigil_alert_journal_active_alerts\{severity="warning"\} 1$/m);
  assertMetricsClean(text, 'the installed journal');
});
