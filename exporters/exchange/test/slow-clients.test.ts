// Fault: clients sending their scrape request a byte a second (slowloris) against the real
// vigil-exchange-exporter process: answered 408 after --web.read-header-timeout, counted in
// exchange_exporter_web_request_timeouts_total, while other scrapes are served.
import { test } from 'node:test';
import { checkSlowClientsCutOff, startExporterProcess } from '@vigil/test-support';

const BIN = new URL('../src/bin/exchange-exporter.ts', import.meta.url).pathname;

test('slow clients are cut off with 408 and counted while scrapes are served', { timeout: 60_000 }, async () => {
  const ex = await startExporterProcess([process.execPath, '--import', 'tsx', BIN], ['--web.read-header-timeout=500ms', '--web.read-timeout=2s']);
  try {
    await checkSlowClientsCutOff({ url: ex.url, path: '/metrics', counter: 'exchange_exporter_web_request_timeouts_total', readHeaderTimeoutMs: 500 });
  } finally {
    await ex.stop();
  }
});
