// Raw routes (served by node:http ahead of express) keep every promise the kit makes for express routes:
// request ids, the access log, the web config's headers and basic auth, 500 on a failing handler, 405 for
// other methods (http-contract.test.ts), and the graceful drain on shutdown. Over real sockets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { buildExporter } from '../src/cli.js';
import type { Exporter } from '../src/exporter.js';
import { sendJson } from '../src/raw-routes.js';
import { TextSink, tempDir, waitFor } from '@vigil/test-support';

async function start(args: string[], setup: (exp: Exporter) => void) {
  const logs = new TextSink();
  const { exporter } = await buildExporter(
    { name: 'raw-test', description: 'd', version: '1', namespace: 'rawt', defaultListenAddress: '127.0.0.1:0', envPrefix: 'RAWT', setup },
    ['--log.level=debug', ...args],
    {},
    logs,
  );
  const { url } = await exporter.start();
  return { exporter, url, logs };
}

test('a raw route answers ahead of express, with request id, access log and express-style path matching', async (t) => {
  const seen: string[] = [];
  const { exporter, url, logs } = await start([], (exp) => {
    exp.addRawRoute('POST', '/v1/things', async (req, res) => {
      seen.push(req.id);
      req.log.info({ route: 'things' }, 'handled');
      sendJson(res, 202, { express: 'json' in res, method: req.method });
    });
  });
  t.after(() => exporter.shutdown());
  const r = await fetch(`${url}/v1/things`, { method: 'POST', headers: { 'x-request-id': 'abc-123' } });
  assert.equal(r.status, 202);
  assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(r.headers.get('x-request-id'), 'abc-123');
  assert.deepEqual(await r.json(), { express: false, method: 'POST' }, 'node:http response, not express');
  for (const path of ['/v1/things/', '/V1/Things', '/v1/things?x=1']) {
    assert.equal((await fetch(`${url}${path}`, { method: 'POST' })).status, 202, path);
  }
  const generated = await fetch(`${url}/v1/things`, { method: 'POST', headers: { 'x-request-id': 'bad id with spaces' } });
  assert.match(generated.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/, 'an unusable request id is replaced');
  assert.equal(seen[0], 'abc-123');
  // Other methods and paths still reach express: a 405 naming the raw route's method, a 404 for other paths.
  const get = await fetch(`${url}/v1/things`);
  assert.equal(get.status, 405);
  assert.equal(get.headers.get('allow'), 'OPTIONS, POST');
  assert.match(((await get.json()) as { error: string }).error, /GET is not allowed on \/v1\/things/);
  assert.equal((await fetch(`${url}/v1/things/more`, { method: 'POST' })).status, 404);
  assert.equal((await fetch(`${url}/live`)).status, 200);
  assert.match(logs.text, /"reqId":"abc-123".*"msg":"handled"/);
  assert.match(logs.text, /"method":"POST","path":"\/v1\/things","status":202.*"msg":"request"/);
});

test('a raw route that throws or rejects answers 500 without its message, logs it, and the process serves on', async (t) => {
  const { exporter, url, logs } = await start([], (exp) => {
    exp.addRawRoute('POST', '/throws', () => {
      throw new Error('secret detail');
    });
    exp.addRawRoute('POST', '/rejects', async () => {
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('later detail');
    });
  });
  t.after(() => exporter.shutdown());
  for (const path of ['/throws', '/rejects']) {
    const r = await fetch(`${url}${path}`, { method: 'POST' });
    assert.equal(r.status, 500, path);
    assert.deepEqual(await r.json(), { error: 'internal error' });
  }
  assert.match(logs.text, /"err":"secret detail".*"msg":"request failed"/);
  assert.match(logs.text, /"err":"later detail"/);
  assert.equal((await fetch(`${url}/live`)).status, 200);
});

test('raw routes take the web config: its headers, and basic auth before the handler runs', async (t) => {
  const dir = tempDir('vigil-raw-');
  const file = join(dir, 'web.yml');
  writeFileSync(file, `basic_auth_users:\n  pusher: ${bcrypt.hashSync('pw', 4)}\nhttp_server_config:\n  headers:\n    X-Frame-Options: deny\n`);
  let ran = 0;
  const { exporter, url } = await start([`--web.config.file=${file}`], (exp) => {
    exp.addRawRoute('POST', '/in', (_req, res) => {
      ran++;
      sendJson(res, 200, { ok: true });
    });
  });
  t.after(() => exporter.shutdown());
  const auth = (cred: string) => ({ authorization: `Basic ${Buffer.from(cred).toString('base64')}` });
  for (const headers of [{}, auth('pusher:wrong'), auth('nobody:pw')]) {
    const r = await fetch(`${url}/in`, { method: 'POST', headers });
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('www-authenticate'), 'Basic');
    assert.equal(r.headers.get('x-frame-options'), 'deny');
  }
  assert.equal(ran, 0, 'the handler never ran without credentials');
  const ok = await fetch(`${url}/in`, { method: 'POST', headers: auth('pusher:pw') });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('x-frame-options'), 'deny');
  assert.equal(ran, 1);
  // Express routes (/health) and the kit's own raw route (/metrics) keep the same guard.
  for (const path of ['/health', '/metrics']) {
    assert.equal((await fetch(`${url}${path}`)).status, 401, path);
    assert.equal((await fetch(`${url}${path}`, { headers: auth('pusher:pw') })).status, 200, path);
  }
});

test('shutdown waits for a raw request in flight before closers run', async () => {
  const order: string[] = [];
  let entered = false;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const { exporter, url } = await start([], (exp) => {
    exp.addRawRoute('POST', '/slow', async (_req, res) => {
      entered = true;
      await gate;
      order.push('answered');
      sendJson(res, 202, { done: true });
    });
    exp.onClose(() => void order.push('closer'));
  });
  const inFlight = fetch(`${url}/slow`, { method: 'POST' }).then(async (r) => ({ status: r.status, body: await r.json() }));
  await waitFor(() => entered, { what: 'the raw request in flight', timeoutMs: 10_000 });
  const stopping = exporter.shutdown('test');
  // Shutting down (new connections refused) while the request is held: no closer may have run yet.
  await waitFor(() => fetch(`${url}/live`).then(() => false, () => true), { what: 'the listener closed', timeoutMs: 10_000 });
  assert.deepEqual(order, [], 'closers wait for the raw request in flight');
  release();
  await stopping;
  assert.deepEqual(await inFlight, { status: 202, body: { done: true } });
  assert.deepEqual(order, ['answered', 'closer']);
});

test('a raw route path must start with a slash', async () => {
  await assert.rejects(
    start([], (exp) => exp.addRawRoute('POST', 'nope', () => undefined)),
    /raw route nope: the path must start with \//,
  );
});

test('the telemetry path is served raw: GET with the exposition, HEAD with its headers and no body', async (t) => {
  const { exporter, url } = await start([], () => undefined);
  t.after(() => exporter.shutdown());
  // Identity: fetch asks for gzip otherwise, and Content-Length is then the compressed length (gzip.test.ts).
  const get = await fetch(`${url}/metrics`, { headers: { 'accept-encoding': 'identity' } });
  assert.equal(get.status, 200);
  assert.match(get.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await get.text();
  assert.match(text, /^rawt_build_info\{/m);
  assert.equal(Number(get.headers.get('content-length')), Buffer.byteLength(text));
  assert.match(get.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  const om = await fetch(`${url}/metrics`, { headers: { accept: 'application/openmetrics-text; version=1.0.0' } });
  assert.match(om.headers.get('content-type') ?? '', /^application\/openmetrics-text/);
  assert.match(await om.text(), /# EOF\n$/);
  const head = await fetch(`${url}/metrics`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.match(head.headers.get('content-type') ?? '', /^text\/plain/);
  assert.equal(await head.text(), '');
  assert.equal((await fetch(`${url}/metrics`, { method: 'POST' })).status, 405);
});
