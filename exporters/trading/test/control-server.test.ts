// The simulator's control endpoint keeps the HTTP contract of every Vigil process (the exporter kit's
// http-contract.ts): 405 with Allow for a known path and another method, OPTIONS 204, HEAD as GET, 415 for a
// body that is not JSON, 404 for an unknown path. Over real HTTP against the started server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startControlServer } from '../src/sim/control-server.js';
import { IncidentSchedule } from '../src/sim/incidents.js';

async function started() {
  const stats = { sent: 0, requests: 0, refused: 0, retries: 0, dropped: 0, backlog: 0 };
  const { server, url } = await startControlServer('127.0.0.1', 0, new IncidentSchedule('binance', 'stat-arb'), () => stats);
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('a known path with another method is a 405 with Allow; OPTIONS a 204; HEAD as GET; unknown paths 404', async (t) => {
  const { url, close } = await started();
  t.after(close);
  for (const [method, path, allow] of [
    ['PUT', '/incidents', 'GET, HEAD, OPTIONS, POST'],
    ['DELETE', '/incidents', 'GET, HEAD, OPTIONS, POST'],
    ['GET', '/incidents/latency-spike', 'DELETE, OPTIONS'],
    ['POST', '/health', 'GET, HEAD, OPTIONS'],
  ]) {
    const r = await fetch(`${url}${path}`, { method });
    assert.equal(r.status, 405, `${method} ${path}`);
    assert.equal(r.headers.get('allow'), allow, `${method} ${path}`);
    assert.equal(((await r.json()) as { error: string }).error, `method ${method} is not allowed on ${path}; it takes ${allow}`);
  }
  const options = await fetch(`${url}/incidents`, { method: 'OPTIONS' });
  assert.equal(options.status, 204);
  assert.equal(options.headers.get('allow'), 'GET, HEAD, OPTIONS, POST');
  const head = await fetch(`${url}/health`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
  const missing = await fetch(`${url}/incident`, { method: 'POST' });
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { error: string }).error, 'no route for POST /incident');
  assert.equal((await fetch(`${url}/health`)).status, 200);
});

test('POST /incidents takes application/json only: 415 with Accept-Post otherwise, nothing scheduled', async (t) => {
  const { url, close } = await started();
  t.after(close);
  const body = JSON.stringify({ name: 'latency-spike', duration: '5m' });
  for (const type of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
    const r = await fetch(`${url}/incidents`, { method: 'POST', body, headers: { 'content-type': type } });
    assert.equal(r.status, 415, type);
    assert.equal(r.headers.get('accept-post'), 'application/json');
    const answer = (await r.json()) as { error: string; field: string };
    assert.equal(answer.field, 'Content-Type');
    assert.match(answer.error, /is not accepted; send application\/json$/);
  }
  assert.deepEqual(((await (await fetch(`${url}/incidents`)).json()) as { incidents: unknown[] }).incidents, []);
  const ok = await fetch(`${url}/incidents`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  assert.equal(ok.status, 201);
  assert.equal(((await ok.json()) as { incident: { name: string } }).incident.name, 'latency-spike');
});
