import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { buildExporter } from '../src/cli.js';
import { loadWebConfig, WebConfigError } from '../src/web-config.js';
import { TextSink, tempDir } from '@vigil/test-support';
import { makeCerts, runDemo, type CertSet } from './helpers.js';

let certs: CertSet;
let dir: string;
before(() => {
  certs = makeCerts();
  dir = tempDir('vigil-webcfg-');
});

function writeConfig(name: string, yaml: string): string {
  const p = join(dir, name);
  writeFileSync(p, yaml);
  return p;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(url: string, opts: { ca?: Buffer; cert?: Buffer; key?: Buffer; auth?: string; localAddress?: string } = {}): Promise<Reply> {
  const u = new URL(url);
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      { hostname: u.hostname, port: u.port, path: u.pathname, ca: opts.ca, cert: opts.cert, key: opts.key, auth: opts.auth, localAddress: opts.localAddress, agent: false },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function startWith(configFile: string) {
  const { exporter } = await buildExporter(
    { name: 'tls-test', description: 'd', version: '1', namespace: 'tlst', defaultListenAddress: '127.0.0.1:0', envPrefix: 'TLST' },
    [`--web.config.file=${configFile}`],
    {},
    new TextSink(),
  );
  const { port } = await exporter.start();
  return { exporter, port };
}

test('TLS: metrics over real TLS; plain HTTP on the TLS port gets a 400 as Go exporters answer', async (t) => {
  const file = writeConfig('tls.yml', `tls_server_config:\n  cert_file: ${certs.serverCert}\n  key_file: ${certs.serverKey}\n`);
  const { exporter, port } = await startWith(file);
  t.after(() => exporter.shutdown());
  const ca = readFileSync(certs.caCert);
  const ok = await get(`https://127.0.0.1:${port}/metrics`, { ca });
  assert.equal(ok.status, 200);
  assert.match(ok.body, /tlst_build_info/);
  const plain = await get(`http://127.0.0.1:${port}/metrics`);
  assert.equal(plain.status, 400);
  assert.match(plain.body, /Client sent an HTTP request to an HTTPS server/);
  await assert.rejects(get(`https://127.0.0.1:${port}/metrics`), /self-signed|unable to verify|certificate/i);
});

test('TLS with RequireAndVerifyClientCert: no client certificate, no connection', async (t) => {
  const file = writeConfig(
    'mtls.yml',
    `tls_server_config:\n  cert_file: ${certs.serverCert}\n  key_file: ${certs.serverKey}\n  client_ca_file: ${certs.caCert}\n  client_auth_type: RequireAndVerifyClientCert\n  min_version: TLS12\n`,
  );
  const { exporter, port } = await startWith(file);
  t.after(() => exporter.shutdown());
  const ca = readFileSync(certs.caCert);
  await assert.rejects(get(`https://127.0.0.1:${port}/metrics`, { ca }));
  const ok = await get(`https://127.0.0.1:${port}/metrics`, { ca, cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) });
  assert.equal(ok.status, 200);
});

test('TLS with RequireAnyClientCert or VerifyClientCertIfGiven: a refused client certificate closes the connection and is counted', async (t) => {
  const ca = readFileSync(certs.caCert);
  const client = { ca, cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) };
  // The server's certificate is the CA's but not for client authentication: not verified as a client's.
  const wrongPurpose = { ca, cert: readFileSync(certs.serverCert), key: readFileSync(certs.serverKey) };
  const errorsOf = async (port: number, opts: typeof client | { ca: Buffer }) =>
    Number(/^tlst_web_tls_handshake_errors_total (\S+)$/m.exec((await get(`https://127.0.0.1:${port}/metrics`, opts)).body)?.[1]);

  const any = await startWith(
    writeConfig('any.yml', `tls_server_config:\n  cert_file: ${certs.serverCert}\n  key_file: ${certs.serverKey}\n  client_auth_type: RequireAnyClientCert\n`),
  );
  t.after(() => any.exporter.shutdown());
  await assert.rejects(get(`https://127.0.0.1:${any.port}/metrics`, { ca }), 'no certificate: refused');
  assert.equal((await get(`https://127.0.0.1:${any.port}/metrics`, wrongPurpose)).status, 200, 'any certificate is taken');
  assert.equal(await errorsOf(any.port, client), 1);

  const ifGiven = await startWith(
    writeConfig('ifgiven.yml', `tls_server_config:\n  cert_file: ${certs.serverCert}\n  key_file: ${certs.serverKey}\n  client_ca_file: ${certs.caCert}\n  client_auth_type: VerifyClientCertIfGiven\n`),
  );
  t.after(() => ifGiven.exporter.shutdown());
  assert.equal((await get(`https://127.0.0.1:${ifGiven.port}/metrics`, { ca })).status, 200, 'no certificate: served');
  assert.equal((await get(`https://127.0.0.1:${ifGiven.port}/metrics`, client)).status, 200, 'a verified certificate: served');
  await assert.rejects(get(`https://127.0.0.1:${ifGiven.port}/metrics`, wrongPurpose), 'an unverified certificate: refused');
  assert.equal(await errorsOf(ifGiven.port, { ca }), 1);
});

test('basic auth: 401 with WWW-Authenticate on missing or wrong credentials, 200 with the right ones', async (t) => {
  const hash = bcrypt.hashSync('s3cret', 4);
  const file = writeConfig('auth.yml', `basic_auth_users:\n  prometheus: ${hash}\nhttp_server_config:\n  headers:\n    X-Frame-Options: deny\n`);
  const { exporter, port } = await startWith(file);
  t.after(() => exporter.shutdown());
  const url = `http://127.0.0.1:${port}/metrics`;
  for (const auth of [undefined, 'prometheus:wrong', 'nobody:s3cret', 'prometheus:']) {
    const r = await get(url, { auth });
    assert.equal(r.status, 401, String(auth));
    assert.equal(r.headers['www-authenticate'], 'Basic');
  }
  const ok = await get(url, { auth: 'prometheus:s3cret' });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers['x-frame-options'], 'deny');
  assert.equal((await get(url, { auth: 'prometheus:s3cret' })).status, 200, 'cached verification still accepts');
  assert.equal((await get(url, { auth: 'prometheus:s3cretX' })).status, 401, 'cache does not accept a different password');
});

test('config errors name the field; the process stops with a clear message', () => {
  const cases: Array<[string, RegExp]> = [
    ['unknown: 1\n', /unknown field "unknown"/],
    ['tls_server_config:\n  key_file: x\n', /tls_server_config\.cert_file: missing/],
    [`tls_server_config:\n  cert_file: /nonexistent.crt\n  key_file: ${'/x'}\n`, /tls_server_config\.cert_file: cannot read/],
    [`tls_server_config:\n  cert_file: ${'{C}'}\n  key_file: ${'{K}'}\n  client_auth_type: Sometimes\n`, /client_auth_type: expected one of/],
    [`tls_server_config:\n  cert_file: ${'{C}'}\n  key_file: ${'{K}'}\n  min_version: TLS99\n`, /min_version: expected one of TLS10, TLS11, TLS12, TLS13/],
    [`tls_server_config:\n  cert_file: ${'{C}'}\n  key_file: ${'{K}'}\n  client_auth_type: RequireAndVerifyClientCert\n`, /client_ca_file: required/],
    ['basic_auth_users:\n  alice: plaintext\n', /basic_auth_users\.alice: expected a bcrypt hash/],
    ['basic_auth_users: [1]\n', /basic_auth_users: expected a mapping/],
    ['a: [\n', /invalid YAML/],
  ];
  cases.forEach(([yaml, re], i) => {
    const file = writeConfig(`bad-${i}.yml`, yaml.replaceAll('{C}', certs.serverCert).replaceAll('{K}', certs.serverKey));
    assert.throws(() => loadWebConfig(file), (err: unknown) => err instanceof WebConfigError && re.test(err.message), yaml);
  });
  const proc = runDemo([`--web.config.file=${join(dir, 'bad-6.yml')}`]);
  assert.equal(proc.status, 1);
  assert.match(proc.stderr, /web config .*bad-6\.yml: basic_auth_users\.alice: expected a bcrypt hash/);
  const missing = runDemo(['--web.config.file=/nonexistent/web.yml']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot read/);
});

test('TLS with basic auth: the failure limit is per client address, as over plain HTTP', async (t) => {
  const hash = bcrypt.hashSync('s3cret', 4);
  const file = writeConfig(
    'tls-auth.yml',
    `tls_server_config:\n  cert_file: ${certs.serverCert}\n  key_file: ${certs.serverKey}\nbasic_auth_users:\n  prometheus: ${hash}\n`,
  );
  const { exporter, port } = await startWith(file);
  t.after(() => exporter.shutdown());
  const ca = readFileSync(certs.caCert);
  const url = `https://127.0.0.1:${port}/metrics`;
  const guesses: number[] = [];
  for (let i = 0; i < 11; i++) guesses.push((await get(url, { ca, auth: `prometheus:guess${i}`, localAddress: '127.0.0.2' })).status);
  assert.deepEqual(guesses, [...Array(10).fill(401), 429]);
  // The guesser's neighbour on another address (Prometheus) is not refused.
  assert.equal((await get(url, { ca, auth: 'prometheus:s3cret', localAddress: '127.0.0.1' })).status, 200);
  assert.equal((await get(url, { ca, auth: 'prometheus:s3cret', localAddress: '127.0.0.2' })).status, 429);
});
