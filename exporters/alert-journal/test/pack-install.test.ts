// What a desk deploys: the package's `npm pack` tarball (with the workspace libraries it depends on) installed into
// an empty folder outside the monorepo (better-sqlite3 builds there as on any host); the installed
// vigil-alert-journal stores a webhook and serves clean metrics on a free port.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { assertMetricsClean, installPacked, startExporterProcess, type PackedInstall, type RunningExporter } from '@vigil/test-support';
import { postWebhook, webhookPayload } from './helpers/payloads.js';

describe('vigil-alert-journal installed from its npm pack tarball', { timeout: 420_000 }, () => {
  let install: PackedInstall | undefined;
  let journal: RunningExporter | undefined;
  after(async () => {
    await journal?.stop();
    install?.remove();
  });

  it('installs into an empty folder, starts by its name, stores a webhook and serves clean metrics', async () => {
    install = installPacked(['@vigil/core', '@vigil/exporter-kit', '@vigil/alert-journal']);
    for (const lib of ['@vigil/core', '@vigil/exporter-kit', '@vigil/alert-journal']) install.packageDir(lib);
    journal = await startExporterProcess(
      [install.bin('vigil-alert-journal')],
      [`--storage.path=${join(install.dir, 'journal.db')}`],
      { cwd: install.dir, env: { API_KEY: 'pack-install-key-0123456789', ALERTMANAGER_URL: 'http://127.0.0.1:9', PROMETHEUS_URL: 'http://127.0.0.1:9' } },
    );
    const res = await postWebhook(journal.url, webhookPayload([{ fingerprint: 'a1b2c3d4e5f60718', startsAt: new Date().toISOString() }]));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const text = await journal.scrape();
    assert.match(text, /^vigil_alert_journal_active_alerts\{severity="warning"\} 1$/m);
    assertMetricsClean(text, 'the installed journal');
  });
});
