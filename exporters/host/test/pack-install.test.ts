// What a desk deploys: the package's `npm pack` tarball (with the workspace libraries it depends on) installed into
// an empty folder outside the monorepo; the installed vigil-host-exporter serves clean metrics on a free port.
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { assertMetricsClean, startPackedExporter, type PackedExporter } from '@vigil/test-support';

let packed: PackedExporter | undefined;
after(() => packed?.stop());

it('installs from its tarball into an empty folder, starts by its name and serves node_exporter metrics', { timeout: 420_000 }, async () => {
  packed = await startPackedExporter(['@vigil/core', '@vigil/exporter-kit', '@vigil/host-exporter'], 'vigil-host-exporter', [
    '--collector.disable-defaults',
    '--collector.loadavg',
    '--collector.meminfo',
  ]);
  const text = await packed.exporter.scrape();
  assert.match(text, /^node_load1 /m);
  assert.match(text, /^node_memory_MemTotal_bytes /m);
  assert.match(text, /^vigil_host_exporter_build_info\{/m);
  // node_exporter's camelCase meminfo names are kept on purpose (dashboards use them); promtool's lint flags them.
  assertMetricsClean(text.split('\n').filter((l) => !/node_memory_\w*[A-Z]/.test(l)).join('\n'), 'the installed exporter');
});
