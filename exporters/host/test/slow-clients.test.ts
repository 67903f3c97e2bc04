// Fault: clients sending their scrape request a byte a second (slowloris) against the real vigil-host-exporter
// process: answered 408 after --web.read-header-timeout, counted in node_web_request_timeouts_total, while
// other scrapes are served.
import { test } from 'node:test';
import { checkSlowClientsCutOff } from '@vigil/test-support';
import { startHostProcess } from './helpers.js';

test('slow clients are cut off with 408 and counted while scrapes are served', { timeout: 60_000 }, async () => {
  const host = await startHostProcess(['--web.read-header-timeout=500ms', '--web.read-timeout=2s']);
  try {
    await checkSlowClientsCutOff({ url: host.url, path: '/metrics', counter: 'node_web_request_timeouts_total', readHeaderTimeoutMs: 500 });
  } finally {
    await host.stop();
  }
});
