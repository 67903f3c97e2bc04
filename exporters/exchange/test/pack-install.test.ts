// What a desk deploys: the package's `npm pack` tarball (with the workspace libraries it depends on) installed into
// an empty folder outside the monorepo; the installed vigil-exchange-exporter, with ccxt from the registry, polls a
// venue from a venues file on a local replay server and serves clean metrics on a free port.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, it } from 'node:test';
import { assertMetricsClean, startPackedExporter, waitFor, type PackedExporter } from '@vigil/test-support';
import { MARKETS_DIR, recorded } from './ccxt-reference.js';

let packed: PackedExporter | undefined;
let server: Server | undefined;
after(async () => {
  await packed?.stop();
  server?.close();
});

it('installs from its tarball into an empty folder, starts by its name and polls a venue', { timeout: 420_000 }, async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const body = path === '/www.okx.com/api/v5/public/time' ? recorded('okx', 'fetchTime') : undefined;
    if (body === undefined) return void res.writeHead(404).end('{}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  packed = await startPackedExporter(['@vigil/core', '@vigil/exporter-kit', '@vigil/exchange-exporter'], 'vigil-exchange-exporter', [
    '--exchange=okx',
    `--exchange.api-base=http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    `--exchange.markets-dir=${MARKETS_DIR}`,
    '--exchange.poll-interval=200ms',
  ]);
  const text = await waitFor(async () => {
    const t = await packed!.exporter.scrape();
    return /^trading_exchange_up\{venue="okx"\} 1$/m.test(t) ? t : undefined;
  }, { what: 'okx up in the installed exporter', timeoutMs: 30_000 });
  assert.match(text, /^exchange_exporter_build_info\{/m);
  assertMetricsClean(text, 'the installed exporter');
});
