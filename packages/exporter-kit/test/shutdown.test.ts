import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildExporter } from '../src/cli.js';
import { TextSink, waitFor } from '@vigil/test-support';
import { spawnDemo } from './helpers.js';

test('SIGTERM: in-flight requests finish, new connections are refused, closers run, exit 0', async () => {
  const demo = await spawnDemo(['--demo.items=a']);
  const base = `http://127.0.0.1:${demo.port}`;
  assert.equal((await fetch(`${base}/metrics`)).status, 200);
  const inFlight = fetch(`${base}/slow?ms=800`).then(async (r) => ({ status: r.status, body: await r.text() }));
  await waitFor(() => demo.stderr().includes('slow request started'), { what: 'the slow request in flight', timeoutMs: 10_000 });
  demo.child.kill('SIGTERM');
  // No new connections while shutting down: polled until a connection is refused, with a deadline.
  await waitFor(() => fetch(`${base}/live`).then(() => false, () => true), { what: 'new connections refused after SIGTERM', timeoutMs: 10_000 });
  const done = await inFlight;
  assert.deepEqual(done, { status: 200, body: 'done\n' });
  assert.equal(await demo.exited, 0);
  assert.match(demo.stderr(), /closer ran/);
  assert.match(demo.stderr(), /"msg":"stopped"/);
});

test('an unhandled rejection is logged with its stack and counted, and the process keeps serving', async () => {
  const demo = await spawnDemo([]);
  const base = `http://127.0.0.1:${demo.port}`;
  try {
    assert.match(await (await fetch(`${base}/metrics`)).text(), /^demo_unhandled_rejections_total 0$/m);
    assert.equal((await fetch(`${base}/reject`)).status, 200);
    await waitFor(async () => /^demo_unhandled_rejections_total 1$/m.test(await (await fetch(`${base}/metrics`)).text()), {
      what: 'the rejection counted',
      timeoutMs: 10_000,
    });
    assert.match(demo.stderr(), /"msg":"unhandled promise rejection; the process keeps serving"/);
    assert.match(demo.stderr(), /background boom/);
    assert.equal((await fetch(`${base}/live`)).status, 200);
  } finally {
    demo.child.kill('SIGTERM');
    await demo.exited;
  }
});

test('SIGINT also stops the process cleanly', async () => {
  const demo = await spawnDemo([]);
  demo.child.kill('SIGINT');
  assert.equal(await demo.exited, 0);
});

test('shutdown is bounded: a request slower than --web.shutdown-timeout is cut off', async () => {
  const logs = new TextSink();
  const order: string[] = [];
  let hangStarted = false;
  const { exporter } = await buildExporter(
    {
      name: 't',
      description: 'd',
      version: '1',
      namespace: 't',
      defaultListenAddress: '127.0.0.1:0',
      envPrefix: 'T',
      setup(exp) {
        exp.app.get('/hang', () => void (hangStarted = true));
        exp.onClose(() => void order.push('first registered'));
        exp.onClose(() => void order.push('last registered'));
      },
    },
    ['--web.shutdown-timeout=300ms'],
    {},
    logs,
  );
  const { url } = await exporter.start();
  const hanging = fetch(`${url}/hang`).catch((e: Error) => e);
  await waitFor(() => hangStarted, { what: 'the hanging request in flight', timeoutMs: 10_000 });
  const t0 = performance.now();
  await exporter.shutdown('test');
  const took = performance.now() - t0;
  assert.ok(took >= 250 && took < 2000, `shutdown took ${took}ms`);
  assert.ok((await hanging) instanceof Error, 'the hanging request was closed');
  assert.deepEqual(order, ['last registered', 'first registered']);
  assert.match(logs.text, /in-flight requests did not finish in time/);
  assert.equal(await exporter.shutdown('again'), undefined, 'shutdown is idempotent');
});
