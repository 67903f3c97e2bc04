// What a desk deploys: the package's `npm pack` tarball (with the workspace libraries it depends on) installed into
// an empty folder outside the monorepo; the installed vigil-trading-exporter ingests an order and serves clean
// metrics on a free port.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { assertMetricsClean, installPacked, startExporterProcess, type PackedInstall, type RunningExporter } from '@vigil/test-support';
import { submitted } from './helpers.js';

describe('vigil-trading-exporter installed from its npm pack tarball', { timeout: 420_000 }, () => {
  let install: PackedInstall | undefined;
  let exporter: RunningExporter | undefined;
  after(async () => {
    await exporter?.stop();
    install?.remove();
  });

  it('installs into an empty folder, starts by its name, ingests events and serves clean metrics', async () => {
    install = installPacked(['@vigil/core', '@vigil/exporter-kit', '@vigil/trading-exporter']);
    for (const lib of ['@vigil/core', '@vigil/exporter-kit', '@vigil/trading-exporter']) install.packageDir(lib);
    install.bin('vigil-trading-sim');
    exporter = await startExporterProcess([install.bin('vigil-trading-exporter')], [], { cwd: install.dir });
    const res = await fetch(`${exporter.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([submitted('pack-1', Date.now())]),
    });
    assert.equal(res.status, 202, await res.text());
    const text = await exporter.scrape();
    assert.match(text, /^trading_orders_submitted_total\{[^}]*venue="binance"[^}]*\} 1$/m);
    assertMetricsClean(text, 'the installed exporter');
  });
});
