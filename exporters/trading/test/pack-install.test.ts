// What a desk deploys: the package's `npm pack` tarball (with the workspace libraries it depends on) installed into
// an empty folder outside the monorepo; the installed vigil-trading-exporter ingests an order and serves clean
// metrics on a free port.
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { assertMetricsClean, startPackedExporter, type PackedExporter } from '@vigil/test-support';
import { submitted } from './helpers.js';

let packed: PackedExporter | undefined;
after(() => packed?.stop());

it('installs from its tarball into an empty folder, starts by its name, ingests events and serves clean metrics', { timeout: 420_000 }, async () => {
  packed = await startPackedExporter(['@vigil/core', '@vigil/exporter-kit', '@vigil/trading-exporter'], 'vigil-trading-exporter');
  packed.install.bin('vigil-trading-sim');
  const res = await fetch(`${packed.exporter.url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([submitted('pack-1', Date.now())]),
  });
  assert.equal(res.status, 202, await res.text());
  const text = await packed.exporter.scrape();
  assert.match(text, /^trading_orders_submitted_total\{[^}]*venue="binance"[^}]*\} 1$/m);
  assertMetricsClean(text, 'the installed exporter');
});
