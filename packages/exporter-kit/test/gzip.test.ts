// The telemetry path answers gzip when the scraper accepts it (Prometheus always asks): the decoded body must be
// the same exposition as the identity answer, promtool-clean, and a real Prometheus must read it.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { TextSink, assertMetricsClean, startPrometheus, waitFor } from '@vigil/test-support';
import { buildExporter } from '../src/cli.js';
import { acceptsGzip } from '../src/content-encoding.js';
import { GaugeVec, HistogramVec, observe, type MetricFamily } from '../src/index.js';

/** A family of 2,000 series with fixed values: a body worth compressing that is the same on every scrape. */
const FIXED: MetricFamily = {
  name: 'testns_fixed_value',
  help: 'Fixed values by venue and symbol.',
  type: 'gauge',
  samples: Array.from({ length: 2000 }, (_, i) => ({ labels: { venue: `v${i % 100}`, symbol: `S${i}/USDT` }, value: i / 7 })),
};

async function started(setup: (exp: { addCollector: (c: { name: string; collect: () => MetricFamily[] }) => void }) => void = (exp) => exp.addCollector({ name: 'fixed', collect: () => [FIXED] })) {
  const { exporter } = await buildExporter(
    {
      name: 'test-exporter',
      description: 'An exporter under test.',
      version: '1.0.0',
      namespace: 'testns',
      defaultListenAddress: '127.0.0.1:0',
      envPrefix: 'TESTNS',
      processMetrics: false,
      setup,
    },
    [],
    {},
    new TextSink(),
  );
  const { url } = await exporter.start();
  return { exporter, url };
}

/** GET or HEAD with node:http, which (unlike fetch) does not decode: the bytes as sent, and the headers. */
function get(url: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/metrics`, { method, headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** The body without the lines whose values differ between two scrapes (the collectors' own durations). */
const stable = (text: string) =>
  text
    .split('\n')
    .filter((l) => !l.startsWith('testns_scrape_collector_duration_seconds'))
    .join('\n');

describe('gzip on the telemetry path', { timeout: 60_000 }, () => {
  const running = started();
  after(async () => (await running).exporter.shutdown());

  it('answers gzip when asked; decoded, it is the identity answer, promtool-clean', async () => {
    const { url } = await running;
    const plain = await get(url, {});
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers['vary'], 'Accept, Accept-Encoding');
    const zipped = await get(url, { 'Accept-Encoding': 'gzip' });
    assert.equal(zipped.status, 200);
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(zipped.headers['vary'], 'Accept, Accept-Encoding');
    assert.equal(Number(zipped.headers['content-length']), zipped.bytes.length);
    assert.ok(zipped.bytes.length * 5 < plain.bytes.length, `gzip ${zipped.bytes.length} B against ${plain.bytes.length} B`);
    const decoded = gunzipSync(zipped.bytes).toString('utf8');
    assert.ok(decoded.includes('testns_fixed_value{venue="v99",symbol="S1999/USDT"} 285.57142857142856\n'));
    assert.equal(stable(decoded), stable(plain.bytes.toString('utf8')));
    assertMetricsClean(decoded, 'the gzipped exposition, decoded');
  });

  it('gzips OpenMetrics too, and HEAD carries the same headers', async () => {
    const { url } = await running;
    const om = await get(url, { Accept: 'application/openmetrics-text; version=1.0.0', 'Accept-Encoding': 'deflate, gzip;q=0.5' });
    assert.equal(om.headers['content-encoding'], 'gzip');
    assert.match(String(om.headers['content-type']), /^application\/openmetrics-text/);
    assert.ok(gunzipSync(om.bytes).toString('utf8').endsWith('# EOF\n'));
    const head = await get(url, { 'Accept-Encoding': 'gzip' }, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-encoding'], 'gzip');
    assert.equal(head.bytes.length, 0);
  });

  it('answers identity when gzip is refused or not offered', async () => {
    const { url } = await running;
    for (const ae of ['gzip;q=0', 'identity', 'br', '*;q=0', 'gzip;q=0, *']) {
      const r = await get(url, { 'Accept-Encoding': ae });
      assert.equal(r.headers['content-encoding'], undefined, ae);
      assert.ok(r.bytes.toString('utf8').includes('testns_fixed_value{venue="v0",symbol="S0/USDT"} 0\n'), ae);
    }
  });

  it('a real Prometheus (which asks for gzip) scrapes it', async () => {
    const { url } = await running;
    const prom = await startPrometheus({
      config: {
        global: { scrape_interval: '1s', scrape_timeout: '1s' },
        scrape_configs: [{ job_name: 'kit', static_configs: [{ targets: [new URL(url).host] }] }],
      },
    });
    try {
      const got = await waitFor(
        async () => {
          const r = await prom.query('testns_fixed_value{venue="v99",symbol="S1999/USDT"}');
          return r.length === 1 ? r[0] : undefined;
        },
        { what: 'Prometheus to read the gzipped scrape', timeoutMs: 30_000 },
      );
      assert.equal(Number(got.value[1]), 1999 / 7);
      assert.equal(Number((await prom.query('up{job="kit"}'))[0]?.value[1]), 1);
    } finally {
      await prom.stop();
    }
  });
});

describe('acceptsGzip', () => {
  it('reads Accept-Encoding as RFC 9110 says', () => {
    for (const yes of ['gzip', 'GZIP', 'x-gzip', 'deflate, gzip', 'gzip;q=0.1', 'br;q=1, gzip; q=0.5', '*', 'identity, *;q=0.2']) assert.equal(acceptsGzip(yes), true, yes);
    for (const no of [undefined, '', 'identity', 'br, deflate', 'gzip;q=0', 'gzip;q=0.0', '*;q=0', 'gzip;q=0, *', 'gzip;q=abc']) assert.equal(acceptsGzip(no), false, String(no));
    assert.equal(acceptsGzip(['br', 'gzip']), true);
  });
});

/** Series grouped by venue (the exchange exporter's way): their pieces are compressed when they change, not at scrape. */
function venues() {
  const price = new GaugeVec('testns_venue_price', 'A price by venue and symbol.', ['venue', 'symbol'], { partitionBy: 'venue' });
  const latency = new HistogramVec('testns_venue_latency_seconds', 'Latency by venue.', ['venue'], [0.1, 1], { partitionBy: 'venue' });
  for (let v = 0; v < 20; v++) {
    for (let s = 0; s < 10; s++) price.child([`v${v}`, `S${s}`]).value = v * 10 + s;
    observe(latency.child([`v${v}`]), v / 10);
  }
  return { price, latency, families: (): MetricFamily[] => [price.family(), FIXED, latency.family()] };
}

describe('gzip of series grouped by venue, compressed piece by piece', { timeout: 60_000 }, () => {
  const v = venues();
  const running = started((exp) => exp.addCollector({ name: 'venues', collect: v.families }));
  after(async () => (await running).exporter.shutdown());

  it('decodes to the identity answer in both formats, before and after a change, promtool-clean', async () => {
    const { url } = await running;
    for (const accept of [{}, { Accept: 'application/openmetrics-text; version=1.0.0' }] as Record<string, string>[]) {
      for (let round = 0; round < 2; round++) {
        const plain = await get(url, accept);
        const zipped = await get(url, { ...accept, 'Accept-Encoding': 'gzip' });
        assert.equal(zipped.headers['content-encoding'], 'gzip');
        const decoded = gunzipSync(zipped.bytes).toString('utf8');
        assert.equal(stable(decoded), stable(plain.bytes.toString('utf8')));
        assert.ok(zipped.bytes.length * 5 < plain.bytes.length, `gzip ${zipped.bytes.length} B against ${plain.bytes.length} B`);
        if (round === 0 && !accept.Accept) assertMetricsClean(decoded, 'the piecewise gzipped exposition, decoded');
        v.price.child(['v3', 'S4']).value += 0.5;
        observe(v.latency.child(['v7']), 2);
      }
    }
  });

  it('a real Prometheus reads it, and sees a venue change at its next scrape', async () => {
    const { url } = await running;
    const prom = await startPrometheus({
      config: {
        global: { scrape_interval: '1s', scrape_timeout: '1s' },
        scrape_configs: [{ job_name: 'kit', static_configs: [{ targets: [new URL(url).host] }] }],
      },
    });
    const read = (expr: string, want: number) =>
      waitFor(
        async () => {
          const r = await prom.query(expr);
          return r.length === 1 && Number(r[0].value[1]) === want ? r[0] : undefined;
        },
        { what: `Prometheus to read ${expr} = ${want}`, timeoutMs: 30_000 },
      );
    try {
      await read('testns_venue_price{venue="v19",symbol="S9"}', 199);
      await read('testns_fixed_value{venue="v99",symbol="S1999/USDT"}', 1999 / 7);
      v.price.child(['v19', 'S9']).value = 12.25;
      observe(v.latency.child(['v19']), 0.05);
      await read('testns_venue_price{venue="v19",symbol="S9"}', 12.25);
      await read('testns_venue_latency_seconds_bucket{venue="v19",le="0.1"}', 1);
      assert.equal(Number((await prom.query('up{job="kit"}'))[0]?.value[1]), 1);
    } finally {
      await prom.stop();
    }
  });
});
