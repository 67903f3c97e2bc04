// What a desk deploys: the package's `npm pack` tarball (with the workspace libraries it depends on) installed into
// an empty folder outside the monorepo; the installed vigil-host-exporter serves clean metrics on a free port.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { assertMetricsClean, installPacked, startExporterProcess, type PackedInstall, type RunningExporter } from '@vigil/test-support';

describe('vigil-host-exporter installed from its npm pack tarball', { timeout: 420_000 }, () => {
  let install: PackedInstall | undefined;
  let exporter: RunningExporter | undefined;
  after(async () => {
    await exporter?.stop();
    install?.remove();
  });

  it('installs into an empty folder, starts by its name and serves node_exporter-compatible metrics', async () => {
    install = installPacked(['@vigil/core', '@vigil/exporter-kit', '@vigil/host-exporter']);
    for (const lib of ['@vigil/core', '@vigil/exporter-kit', '@vigil/host-exporter']) install.packageDir(lib);
    exporter = await startExporterProcess([install.bin('vigil-host-exporter')], ['--collector.disable-defaults', '--collector.loadavg', '--collector.meminfo'], { cwd: install.dir });
    const text = await exporter.scrape();
    assert.match(text, /^node_load1 /m);
    assert.match(text, /^node_memory_MemTotal_bytes /m);
    assert.match(text, /^vigil_host_exporter_build_info\{/m);
    assertMetricsClean(text.split('\n').filter((l) => !/node_memory_\w*[A-Z]/.test(l)).join('\n'), 'the installed exporter');
  });
});
