// The HTTP contract every Vigil process keeps (http-contract.ts), over real sockets: a known path with a wrong
// method is a 405 with Allow, OPTIONS a 204 with Allow, HEAD follows GET on raw routes too, a body of the wrong
// media type a 415 naming the accepted one, and each refusal counted under its route template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import express from 'express';
import { buildExporter } from '../src/cli.js';
import type { Exporter } from '../src/exporter.js';
import { sendJson } from '../src/raw-routes.js';
import { TextSink, assertMetricsClean, tempDir } from '@vigil/test-support';

async function start(args: string[] = []) {
  const { exporter } = await buildExporter(
    {
      name: 'contract-test',
      description: 'd',
      version: '1',
      namespace: 'ct',
      defaultListenAddress: '127.0.0.1:0',
      envPrefix: 'CT',
      setup(exp: Exporter) {
        exp.app.get('/things', (_req, res) => void res.json({ things: [] }));
        exp.app.post('/things', exp.jsonBody({ limit: '1kb' }), (req, res) => void res.status(201).json({ got: req.body as unknown }));
        const api = express.Router();
        api.use(exp.jsonBody({ limit: '1kb' }));
        api.delete('/items/:id', (req, res) => void res.json({ deleted: req.params.id }));
        api.post('/items', (req, res) => void res.status(201).json({ got: req.body as unknown }));
        // An API answering unknown paths itself ends with the kit's fallback, so a wrong method is still a 405.
        api.use(exp.unrouted);
        api.use((err: Error & { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
          res.status(err.status ?? 500).json({ error: err.message, from: 'api' });
        });
        exp.app.use('/api/v1', api);
        // A mount written with a trailing slash and a parameter: the template still reads as one path.
        const account = express.Router();
        account.get('/orders', (req, res) => void res.json({ account: req.baseUrl }));
        exp.app.use('/accounts/:id/', account);
        exp.addRawRoute('POST', '/v1/events', (_req, res) => sendJson(res, 202, { accepted: 1 }));
        exp.addRawRoute('GET', '/v1/status', (_req, res) => sendJson(res, 200, { ok: true }));
      },
    },
    args,
    {},
    new TextSink(),
  );
  const { url } = await exporter.start();
  return { exporter, url };
}

async function refusedCount(url: string, route: string, code: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`^ct_web_requests_refused_total\\{route="${route.replace(/[/.*]/g, '\\$&')}",code="${code}"\\} (\\d+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

test('a known path with a method it does not take answers 405 with Allow and a body naming method and path', async (t) => {
  const { exporter, url } = await start();
  t.after(() => exporter.shutdown());
  const cases: Array<[string, string, string, string]> = [
    // method, path, Allow, route template counted
    ['POST', '/health', 'GET, HEAD, OPTIONS', '/health'],
    ['DELETE', '/things', 'GET, HEAD, OPTIONS, POST', '/things'],
    ['POST', '/metrics', 'GET, HEAD, OPTIONS', '/metrics'],
    ['GET', '/v1/events', 'OPTIONS, POST', '/v1/events'],
    ['PUT', '/api/v1/items/42', 'DELETE, OPTIONS', '/api/v1/items/:id'],
    ['GET', '/api/v1/items', 'OPTIONS, POST', '/api/v1/items'],
    ['POST', '/accounts/42/orders', 'GET, HEAD, OPTIONS', '/accounts/:id/orders'],
  ];
  for (const [method, path, allow, route] of cases) {
    const r = await fetch(`${url}${path}`, { method });
    assert.equal(r.status, 405, `${method} ${path}`);
    assert.equal(r.headers.get('allow'), allow, `${method} ${path}`);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await r.json()) as { error: string };
    assert.ok(body.error.includes(`${method} is not allowed on ${path}`), body.error);
    assert.equal(await refusedCount(url, route, '405'), 1, `${method} ${path} counted under ${route}`);
  }
  // Path matching as express and raw routes match: case and a trailing slash do not matter.
  const upper = await fetch(`${url}/V1/Events/`);
  assert.equal(upper.status, 405);
  assert.equal(upper.headers.get('allow'), 'OPTIONS, POST');
  // No route for the path at all: still a 404, counted as unmatched.
  const missing = await fetch(`${url}/nope`, { method: 'POST' });
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('allow'), null);
  assert.match(((await missing.json()) as { error: string }).error, /no route for POST \/nope/);
  const missingApi = await fetch(`${url}/api/v1/nope`);
  assert.equal(missingApi.status, 404);
  assert.ok((await refusedCount(url, 'unmatched', '404')) >= 2);
  // The allowed methods still answer.
  assert.equal((await fetch(`${url}/things`)).status, 200);
  assert.equal((await fetch(`${url}/api/v1/items/42`, { method: 'DELETE' })).status, 200);
  assert.equal((await fetch(`${url}/v1/events`, { method: 'POST' })).status, 202);
  assertMetricsClean(await (await fetch(`${url}/metrics`)).text());
});

test('OPTIONS on a routed path answers 204 with Allow; HEAD follows GET on express and raw routes', async (t) => {
  const { exporter, url } = await start();
  t.after(() => exporter.shutdown());
  for (const [path, allow] of [
    ['/health', 'GET, HEAD, OPTIONS'],
    ['/things', 'GET, HEAD, OPTIONS, POST'],
    ['/metrics', 'GET, HEAD, OPTIONS'],
    ['/v1/events', 'OPTIONS, POST'],
    ['/api/v1/items/7', 'DELETE, OPTIONS'],
  ]) {
    const r = await fetch(`${url}${path}`, { method: 'OPTIONS' });
    assert.equal(r.status, 204, path);
    assert.equal(r.headers.get('allow'), allow, path);
    assert.equal(await r.text(), '');
  }
  assert.equal((await fetch(`${url}/nope`, { method: 'OPTIONS' })).status, 404);
  assert.equal(await refusedCount(url, '/health', '405'), 0, 'OPTIONS is not a refusal');
  // HEAD on a raw route added for GET only is served by its handler, with no body.
  const head = await fetch(`${url}/v1/status`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.match(head.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(await head.text(), '');
  assert.equal((await fetch(`${url}/things`, { method: 'HEAD' })).status, 200);
  assert.equal((await fetch(`${url}/v1/status`, { method: 'POST' })).headers.get('allow'), 'GET, HEAD, OPTIONS');
});

test('a body that is not application/json answers 415 naming the accepted type, counted under its route', async (t) => {
  const { exporter, url } = await start();
  t.after(() => exporter.shutdown());
  for (const [path, route] of [
    ['/things', '/things'],
    ['/api/v1/items', '/api/v1/items'],
  ]) {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const r = await fetch(`${url}${path}`, { method: 'POST', body: Buffer.from('{"a":1}'), headers: type ? { 'content-type': type } : {} });
      assert.equal(r.status, 415, `${path} ${type}`);
      assert.equal(r.headers.get('accept-post'), 'application/json');
      const body = (await r.json()) as { error: string };
      assert.match(body.error, /Content-Type: .* is not accepted; send application\/json/);
      if (type) assert.ok(body.error.includes(JSON.stringify(type)), body.error);
    }
    assert.equal(await refusedCount(url, route, '415'), 3, route);
    const ok = await fetch(`${url}${path}`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json; charset=utf-8' } });
    assert.equal(ok.status, 201);
    assert.deepEqual(await ok.json(), { got: { a: 1 } });
  }
  // No body: nothing to refuse; the route decides.
  assert.equal((await fetch(`${url}/things`, { method: 'POST' })).status, 201);
});

test('basic auth comes first: without credentials a wrong method is a 401, not a 405 that would reveal the route', async (t) => {
  const dir = tempDir('vigil-contract-');
  const file = join(dir, 'web.yml');
  writeFileSync(file, `basic_auth_users:\n  ops: ${bcrypt.hashSync('pw', 4)}\n`);
  const { exporter, url } = await start([`--web.config.file=${file}`]);
  t.after(() => exporter.shutdown());
  assert.equal((await fetch(`${url}/health`, { method: 'POST' })).status, 401);
  assert.equal((await fetch(`${url}/v1/events`)).status, 401);
  const auth = { authorization: `Basic ${Buffer.from('ops:pw').toString('base64')}` };
  const r = await fetch(`${url}/v1/events`, { headers: auth });
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'OPTIONS, POST');
});
