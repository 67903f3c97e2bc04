// The exporter as a desk starts it: its defaults, its help, and clean metrics with no venue configured.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildExporter, type Exporter } from '@vigil/exporter-kit';
import { TextSink, assertMetricsClean } from '@vigil/test-support';
import { exchangeExporterOptions } from '../src/exchange-exporter.js';

describe('vigil-exchange-exporter', () => {
  let exporter: Exporter | undefined;
  after(() => exporter?.shutdown('test'));

  it('listens on 9302 by default and reads VIGIL_EXCHANGE_* variables', () => {
    const opts = exchangeExporterOptions();
    assert.equal(opts.defaultListenAddress, ':9302');
    assert.equal(opts.envPrefix, 'VIGIL_EXCHANGE');
  });

  it('serves its build info and clean metrics', async () => {
    ({ exporter } = await buildExporter(exchangeExporterOptions(), ['--web.listen-address=127.0.0.1:0'], {}, new TextSink()));
    const { url } = await exporter.start();
    const text = await (await fetch(`${url}/metrics`)).text();
    assert.match(text, /^exchange_exporter_build_info\{/m);
    assertMetricsClean(text);
  });

  it('answers a known path with another method as every Vigil process does: 405 with Allow, counted by route', async (t) => {
    const own = (await buildExporter(exchangeExporterOptions(), ['--web.listen-address=127.0.0.1:0'], {}, new TextSink())).exporter;
    t.after(() => own.shutdown('test'));
    const { url } = await own.start();
    const post = await fetch(`${url}/metrics`, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD, OPTIONS');
    assert.equal(((await post.json()) as { error: string }).error, 'method POST is not allowed on /metrics; it takes GET, HEAD, OPTIONS');
    assert.equal((await fetch(`${url}/health`, { method: 'DELETE' })).headers.get('allow'), 'GET, HEAD, OPTIONS');
    assert.equal((await fetch(`${url}/health`, { method: 'OPTIONS' })).status, 204);
    const text = await (await fetch(`${url}/metrics`)).text();
    assert.match(text, /^exchange_exporter_web_requests_refused_total\{route="\/metrics",code="405"\} 1$/m);
    assertMetricsClean(text);
  });
});
