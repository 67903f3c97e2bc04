// Fault: clients that send a byte a second (slowloris), in the headers or in the body, against a real exporter
// process. Each is answered 408 and disconnected after --web.read-header-timeout / --web.read-timeout, counted
// in <ns>_web_request_timeouts_total and logged, while other clients are served meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { connect } from 'node:net';
import { join } from 'node:path';
import { slowClient, tempDir, waitFor } from '@vigil/test-support';
import { makeCerts, runDemo, spawnDemo } from './helpers.js';

test('slow clients are cut off with 408, counted and logged; other clients are served meanwhile', { timeout: 60_000 }, async () => {
  const demo = await spawnDemo(['--web.read-header-timeout=400ms', '--web.read-timeout=1500ms']);
  const base = `http://127.0.0.1:${demo.port}`;
  try {
    assert.match(await (await fetch(`${base}/metrics`)).text(), /^demo_web_request_timeouts_total 0$/m);
    const headers = Array.from({ length: 5 }, () => slowClient(base, { path: '/metrics', byteEveryMs: 200, giveUpMs: 20_000 }));
    const body = slowClient(base, { method: 'POST', path: '/echo', headersFirst: true, body: 'x'.repeat(100), byteEveryMs: 200, giveUpMs: 20_000 });
    // While they trickle, a normal client gets its answers.
    for (let i = 0; i < 5; i++) assert.equal((await fetch(`${base}/metrics`)).status, 200);
    const echoed = await fetch(`${base}/echo`, { method: 'POST', body: 'abc' });
    assert.equal(await echoed.text(), '3\n');

    for (const r of await Promise.all(headers)) {
      assert.match(r.answer, /^HTTP\/1\.1 408 Request Timeout\r\n/);
      // Cut off after the header timeout (checked at most every 100 ms here), long before the request was sent.
      assert.ok(r.openMs >= 400 && r.openMs < 5000, `open for ${r.openMs} ms`);
      assert.ok(r.sent < 'GET /metrics HTTP/1.1\r\n'.length, `${r.sent} bytes sent`);
    }
    const b = await body;
    assert.match(b.answer, /^HTTP\/1\.1 408 Request Timeout\r\n/);
    assert.ok(b.openMs >= 1500 && b.openMs < 8000, `body trickle open for ${b.openMs} ms`);
    assert.ok(b.sent < 100, `${b.sent} body bytes sent`);

    await waitFor(async () => /^demo_web_request_timeouts_total 6$/m.test(await (await fetch(`${base}/metrics`)).text()), { what: 'six timeouts counted', timeoutMs: 5000 });
    assert.match(demo.stderr(), /slow client: request not received in time, connection closed \(408\)/);
    // One log line for the burst, not one per connection.
    assert.ok((demo.stderr().match(/slow client:/g) ?? []).length <= 2, demo.stderr());
  } finally {
    demo.child.kill('SIGTERM');
    await demo.exited;
  }
});

test('the read timeouts are flags that must be above 0, listed in --help', { timeout: 60_000 }, () => {
  const help = runDemo(['--help']);
  assert.match(help.stdout, /--web\.read-header-timeout/);
  assert.match(help.stdout, /--web\.read-timeout/);
  const bad = runDemo(['--web.read-header-timeout=0s']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /web\.read-header-timeout.*above 0/);
});

test(
  'over TLS too: slow and silent clients and stalled handshakes are cut off; unparsable requests and failed handshakes are counted',
  { timeout: 60_000 },
  async () => {
    const certs = makeCerts();
    const config = join(tempDir('vigil-slowtls-'), 'web.yml');
    writeFileSync(
      config,
      `tls_server_config:\n  cert_file: ${certs.serverCert}\n  key_file: ${certs.serverKey}\n`,
    );
    const demo = await spawnDemo([
      `--web.config.file=${config}`,
      '--web.read-header-timeout=400ms',
      '--web.read-timeout=1500ms',
    ]);
    const base = `https://127.0.0.1:${demo.port}`;
    const ca = readFileSync(certs.caCert);
    try {
      const slow = await Promise.all(
        Array.from({ length: 3 }, () =>
          slowClient(base, { path: '/metrics', byteEveryMs: 200, giveUpMs: 20_000, ca }),
        ),
      );
      for (const r of slow) {
        assert.match(r.answer, /^HTTP\/1\.1 408 Request Timeout\r\n/);
        assert.ok(r.openMs >= 400 && r.openMs < 5000, `open for ${r.openMs} ms`);
        assert.ok(r.sent < 'GET /metrics HTTP/1.1\r\n'.length, `${r.sent} bytes sent`);
      }
      // A TCP connection that never sends a byte (no TLS handshake either) is closed too.
      const silent = await openFor(demo.port, 'a silent connection');
      assert.ok(silent >= 350 && silent < 5000, `silent connection open for ${silent} ms`);
      // One that starts a handshake (its first byte) and stalls is cut at the header timeout, not node's 120 s.
      const stalled = await openFor(demo.port, 'a stalled handshake', Buffer.from([0x16]));
      assert.ok(stalled >= 350 && stalled < 5000, `stalled handshake open for ${stalled} ms`);
      const malformed = await slowClient(base, {
        method: 'GE T',
        path: '/metrics',
        byteEveryMs: 1,
        giveUpMs: 10_000,
        ca,
      });
      assert.match(malformed.answer, /^HTTP\/1\.1 400 Bad Request\r\n/);
      const metrics = await new Promise<string>((resolve, reject) => {
        httpsGet(`${base}/metrics`, { ca }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve(body));
        }).on('error', reject);
      });
      assert.match(metrics, /^demo_web_request_timeouts_total 3$/m);
      assert.match(metrics, /^demo_web_malformed_requests_total 1$/m);
      assert.match(metrics, /^demo_web_tls_handshake_errors_total 1$/m);
    } finally {
      demo.child.kill('SIGTERM');
      await demo.exited;
    }
  },
);

/** How long the server keeps a connection open that sends `first` (or nothing) and then stays silent; fails at 10 s. */
function openFor(port: number, what: string, first?: Buffer): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => first && socket.write(first));
    const giveUp = setTimeout(() => (socket.destroy(), reject(new Error(`${what} stayed open 10 s`))), 10_000);
    socket.on('error', () => undefined);
    socket.on('close', () => (clearTimeout(giveUp), resolve(Date.now() - started)));
  });
}
