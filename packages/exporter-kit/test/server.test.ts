import { test } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';
import { Counter } from 'prom-client';
import { buildExporter, type RunExporterOptions } from '../src/cli.js';
import { TextSink, assertMetricsClean, waitFor } from '@vigil/test-support';

function options(extra: Partial<RunExporterOptions> = {}): RunExporterOptions {
  return {
    name: 'test-exporter',
    description: 'An exporter under test.',
    version: '9.9.9',
    namespace: 'testns',
    defaultListenAddress: '127.0.0.1:0',
    envPrefix: 'TESTNS',
    ...extra,
  };
}

async function started(extra: Partial<RunExporterOptions> = {}, argv: string[] = [], logs?: TextSink) {
  const { exporter } = await buildExporter(options(extra), argv, {}, logs ?? new TextSink());
  const addr = await exporter.start();
  return { exporter, url: addr.url };
}

test('landing page, health, readiness, liveness and 404 over real HTTP', async (t) => {
  const { exporter, url } = await started({
    setup(exp) {
      exp.addCheck('store', () => ({ status: 'healthy' }));
      exp.addCheck('upstream', () => ({ status: 'unhealthy', message: 'connection refused' }), { critical: false });
    },
  });
  t.after(() => exporter.shutdown());
  const landing = await fetch(`${url}/`);
  assert.equal(landing.status, 200);
  const html = await landing.text();
  for (const href of ['/metrics', '/health', '/ready', '/live']) assert.ok(html.includes(`href="${href}"`), href);

  const health = await fetch(`${url}/health`);
  assert.equal(health.status, 200);
  const body = (await health.json()) as { status: string; version: string; checks: Record<string, { status: string; message?: string }> };
  assert.equal(body.status, 'degraded');
  assert.equal(body.version, '9.9.9');
  assert.equal(body.checks.store.status, 'healthy');
  assert.equal(body.checks.upstream.message, 'connection refused');

  assert.equal((await fetch(`${url}/ready`)).status, 200);
  assert.equal((await fetch(`${url}/live`)).status, 200);
  const missing = await fetch(`${url}/nope`);
  assert.equal(missing.status, 404);
  assert.match(((await missing.json()) as { error: string }).error, /GET \/nope/);
  const rid = await fetch(`${url}/live`, { headers: { 'X-Request-Id': 'abc-123' } });
  assert.equal(rid.headers.get('x-request-id'), 'abc-123');
  assert.match((await fetch(`${url}/live`)).headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
});

test('a failing critical check makes /health unhealthy with 503', async (t) => {
  const { exporter, url } = await started({
    setup(exp) {
      exp.addCheck('store', () => {
        throw new Error('disk full');
      });
      exp.addCheck('slow', () => new Promise(() => {}), { timeoutMs: 50, critical: false });
    },
  });
  t.after(() => exporter.shutdown());
  const res = await fetch(`${url}/health`);
  assert.equal(res.status, 503);
  const body = (await res.json()) as { status: string; checks: Record<string, { status: string; message: string }> };
  assert.equal(body.status, 'unhealthy');
  assert.equal(body.checks.store.message, 'disk full');
  assert.match(body.checks.slow.message, /timed out after 50ms/);
});

test('collectors: failures and timeouts are isolated, timed and reported', async (t) => {
  const aborted = { held: false, late: false };
  const { exporter, url } = await started(
    {
      setup(exp) {
        exp.addCollector({ name: 'good', collect: () => [{ name: 'testns_good', help: 'Good.', type: 'gauge', samples: [{ value: 42 }] }] });
        exp.addCollector({
          name: 'broken',
          collect: () => {
            throw new Error('cannot read /proc/broken');
          },
        });
        // one holds its signal from the start, one asks for it only after its budget ran out: both see it aborted
        exp.addCollector({ name: 'stuck', timeoutMs: 100, collect: ({ signal }) => new Promise(() => signal.addEventListener('abort', () => (aborted.held = true))) });
        exp.addCollector({ name: 'stuck-late', timeoutMs: 100, collect: (ctx) => new Promise(() => setTimeout(() => (aborted.late = ctx.signal.aborted), 300)) });
        exp.addCollector({ name: 'late', timeoutMs: 100, collect: async () => [{ name: 'testns_late', help: 'Late.', type: 'gauge', samples: [{ value: 1 }] }] });
      },
    },
    ['--scrape.collector-timeout=2s'],
  );
  t.after(() => exporter.shutdown());
  const t0 = performance.now();
  const res = await fetch(`${url}/metrics`);
  const elapsed = performance.now() - t0;
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/plain; version=0\.0\.4/);
  const text = await res.text();
  assert.ok(elapsed < 1500, `a stuck collector is cut at its budget (took ${elapsed}ms)`);
  assert.match(text, /^testns_good 42$/m);
  assert.match(text, /^testns_late 1$/m);
  assert.match(text, /^testns_scrape_collector_success\{collector="good"\} 1$/m);
  assert.match(text, /^testns_scrape_collector_success\{collector="broken"\} 0$/m);
  assert.match(text, /^testns_scrape_collector_success\{collector="stuck"\} 0$/m);
  assert.equal(aborted.held, true, 'a held signal is aborted at the budget');
  await waitFor(() => aborted.late, { what: 'a signal asked for after the budget is already aborted', timeoutMs: 5000 });
  const stuck = /^testns_scrape_collector_duration_seconds\{collector="stuck"\} ([\d.e-]+)$/m.exec(text);
  assert.ok(stuck && Number(stuck[1]) >= 0.09 && Number(stuck[1]) < 1, `stuck duration ${stuck?.[1]}`);
  assert.match(text, /^testns_build_info\{version="9\.9\.9",revision="unknown",nodejs_version="v\d+\.\d+\.\d+"\} 1$/m);
  assert.match(text, /^process_cpu_user_seconds_total /m);
  assert.match(text, /^nodejs_heap_size_used_bytes /m);
});

test("collect[] and exclude[] filter the collectors a scrape runs, as node_exporter's do; a bad filter is a counted 400", async (t) => {
  const runs: string[] = [];
  const collector = (name: string) => ({
    name,
    collect: () => {
      runs.push(name);
      return [{ name: `testns_${name}`, help: `${name}.`, type: 'gauge' as const, samples: [{ value: 1 }] }];
    },
  });
  const { exporter, url } = await started({
    setup(exp) {
      exp.addCollector(collector('a'));
      exp.addCollector(collector('b'));
      exp.collectors.declareDisabled(['off']);
    },
  });
  t.after(() => exporter.shutdown());
  const scrape = async (query: string) => {
    runs.length = 0;
    const res = await fetch(`${url}/metrics${query}`);
    return { status: res.status, body: await res.text(), ran: [...runs].sort() };
  };
  const only = await scrape('?collect[]=b');
  assert.equal(only.status, 200);
  assert.deepEqual(only.ran, ['b'], 'the other collector is not run');
  assert.doesNotMatch(only.body, /^testns_a /m);
  assert.match(only.body, /^testns_scrape_collector_success\{collector="b"\} 1$/m);
  assert.doesNotMatch(only.body, /collector="a"/);
  assert.match(only.body, /^testns_build_info/m);
  assert.deepEqual((await scrape('?exclude%5B%5D=b')).ran, ['a']);
  assert.deepEqual((await scrape('?other=1')).ran, ['a', 'b'], 'other parameters do not filter');
  const refused = [
    ['?collect[]=zzz', "Couldn't create filtered metrics handler: couldn't create collector: missing collector: zzz"],
    ['?collect[]=off', "Couldn't create filtered metrics handler: couldn't create collector: disabled collector: off"],
    ['?collect[]=a&exclude[]=b', 'Combined collect and exclude queries are not allowed.'],
  ];
  for (const [query, message] of refused) {
    const r = await scrape(query);
    assert.equal(r.status, 400, query);
    assert.equal(r.body, message);
    assert.deepEqual(r.ran, [], 'nothing run');
  }
  assert.match((await scrape('')).body, /^testns_web_scrapes_refused_total 3$/m);
});

test('OpenMetrics when the Accept header asks for it; promtool check metrics is clean', async (t) => {
  const { exporter, url } = await started({
    setup(exp) {
      const c = new Counter({ name: 'testns_events_total', help: 'Events.', labelNames: ['kind'], registers: [exp.registry] });
      c.inc({ kind: 'a "quoted"\nvalue' }, 3);
      exp.addCollector({ name: 'fam', collect: () => [{ name: 'testns_things_total', help: 'Things.', type: 'counter', samples: [{ labels: { a: 'x' }, value: 2 }] }] });
    },
  });
  t.after(() => exporter.shutdown());
  const om = await fetch(`${url}/metrics`, { headers: { Accept: 'application/openmetrics-text; version=1.0.0' } });
  assert.match(om.headers.get('content-type') ?? '', /application\/openmetrics-text; version=1\.0\.0/);
  const omText = await om.text();
  assert.ok(omText.endsWith('# EOF\n'));
  assert.match(omText, /^# TYPE testns_events counter$/m);
  assert.match(omText, /^testns_events_total\{kind="a \\"quoted\\"\\nvalue"\} 3$/m);
  assert.match(omText, /^# TYPE testns_things counter$/m);
  assert.match(omText, /^testns_things_total\{a="x"\} 2$/m);

  const text = await (await fetch(`${url}/metrics`)).text();
  assertMetricsClean(text, 'the kit text exposition');
});

test('custom telemetry path and JSON body errors are 400s, not crashes', async (t) => {
  const { exporter, url } = await started(
    {
      setup(exp) {
        exp.app.post('/echo', express.json(), (req, res) => {
          res.json(req.body);
        });
      },
    },
    ['--web.telemetry-path=/prom'],
  );
  t.after(() => exporter.shutdown());
  assert.equal((await fetch(`${url}/prom`)).status, 200);
  assert.equal((await fetch(`${url}/metrics`)).status, 404);
  const bad = await fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
  assert.equal(bad.status, 400);
  assert.ok(((await bad.json()) as { error: string }).error.length > 0);
});

test('logs are JSON with a request id; secrets are redacted; logfmt is available', async () => {
  const logs = new TextSink();
  const { exporter, url } = await started({}, ['--log.level=debug'], logs);
  exporter.logger.info({ password: 'hunter2', nested: { token: 'tok' } }, 'configured');
  await fetch(`${url}/live`, { headers: { 'X-Request-Id': 'req-42', Authorization: 'Bearer sekret' } });
  await exporter.shutdown();
  assert.ok(!logs.text.includes('hunter2') && !logs.text.includes('tok"') && !logs.text.includes('sekret'));
  const lines = logs.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const req = lines.find((l) => l.msg === 'request');
  assert.equal(req?.reqId, 'req-42');
  assert.equal(req?.status, 200);

  const fmt = new TextSink();
  const second = await started({}, ['--log.format=logfmt'], fmt);
  second.exporter.logger.info({ secret: 's3cr3t', venue: 'binance' }, 'hello world');
  await second.exporter.shutdown();
  assert.match(fmt.text, /level=info msg="hello world" .*venue=binance/);
  assert.ok(!fmt.text.includes('s3cr3t'));
});
