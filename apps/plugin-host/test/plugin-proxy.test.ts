// The host's Grafana part against a real HTTP target, without a browser: the plugin proxy built from a served
// app's plugin.json routes (templating from jsonData/secureJsonData, reqAction per role, 404 without a route,
// cookies never forwarded, the rest of the path, query and body passed through), the settings API (secrets never
// returned, writing needs Admin, bad input named) and the signed-in user.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExporter, type Exporter } from '@vigil/exporter-kit';

import { hostOptions } from '../src/index.js';
import { renderRouteTemplate } from '../src/routeTemplate.js';
import { findRoute } from '../src/pluginProxy.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
const seen: Seen[] = [];
const target = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    res.setHeader('content-type', 'application/json');
    res.statusCode = req.url?.includes('teapot') ? 418 : 200;
    res.end(JSON.stringify({ ok: true }));
  });
});
const dir = mkdtempSync(join(tmpdir(), 'vigil-host-app-'));
let exporter: Exporter;
let url = '';

const routes = [
  { path: 'things', method: 'POST', url: '{{ .JsonData.base }}/api/things', reqAction: 'test-app.things:write', headers: [{ name: 'X-API-Key', content: '{{ .SecureJsonData.key }}' }] },
  { path: 'things/*', method: 'GET', url: '{{ .JsonData.base }}/api', reqAction: 'test-app.things:read', headers: [{ name: 'X-API-Key', content: '{{ .SecureJsonData.key }}' }] },
  { path: 'second/*', url: '{{ (index .JsonData.targets 1).url }}/v2' },
  { path: 'admin', reqRole: 'Admin', url: '{{ .JsonData.base }}/admin' },
];

before(async () => {
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
  const port = (target.address() as { port: number }).port;
  const pluginDir = join(dir, 'plugin');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(pluginDir);
  writeFileSync(
    join(pluginDir, 'plugin.json'),
    JSON.stringify({
      type: 'app',
      id: 'test-app',
      name: 'Test app',
      routes,
      roles: [
        { role: { name: 'reader', permissions: [{ action: 'test-app.things:read' }] }, grants: ['Viewer'] },
        { role: { name: 'writer', permissions: [{ action: 'test-app.things:write' }] }, grants: ['Editor'] },
      ],
    }),
  );
  writeFileSync(join(dir, 'key'), 's3cret\n');
  writeFileSync(
    join(dir, 'apps.yaml'),
    `apiVersion: 1\napps:\n  - type: test-app\n    jsonData:\n      base: http://127.0.0.1:${port}\n      targets: [{url: "http://127.0.0.1:1"}, {url: "$TARGET"}]\n    secureJsonData:\n      key: $__file{${join(dir, 'key')}}\n`,
  );
  process.env.TARGET = `http://127.0.0.1:${port}`;
  ({ exporter } = await buildExporter(
    hostOptions,
    ['--web.listen-address=127.0.0.1:0', `--plugins.dir=${pluginDir}`, `--provisioning.plugins=${join(dir, 'apps.yaml')}`, '--user.role=Viewer', '--log.level=error'],
    {},
  ));
  url = (await exporter.start()).url;
});

after(async () => {
  await exporter?.shutdown('test done');
  target.close();
  rmSync(dir, { recursive: true, force: true });
});

const as = (role: string, init: RequestInit = {}): RequestInit => ({ ...init, headers: { ...(init.headers as Record<string, string>), cookie: `vigil_host_role=${role}; grafana_session=abc` } });

test('route templates render settings and name what is missing', () => {
  const data = { JsonData: { base: 'http://a', list: [{ url: 'http://b' }] }, SecureJsonData: { k: 'v' } };
  assert.equal(renderRouteTemplate('{{ .JsonData.base }}/x?k={{.SecureJsonData.k}}', data), 'http://a/x?k=v');
  assert.equal(renderRouteTemplate('{{ (index .JsonData.list 0).url }}/api/v2', data), 'http://b/api/v2');
  assert.throws(() => renderRouteTemplate('{{ (index .JsonData.list 1).url }}', data), /JsonData.list\[1\] is not set/);
  assert.throws(() => renderRouteTemplate('{{ .JsonData.nope }}', data), /JsonData.nope is not set/);
  assert.throws(() => renderRouteTemplate('{{ printf "%s" .JsonData.base }}', data), /unsupported/);
});

test('the first route whose method and path match wins; * takes the rest', () => {
  assert.deepEqual(findRoute(routes, 'GET', 'things/a/b'), { route: routes[1], rest: 'a/b' });
  assert.equal(findRoute(routes, 'POST', 'things')?.route, routes[0]);
  assert.equal(findRoute(routes, 'DELETE', 'things'), undefined);
  assert.equal(findRoute(routes, 'GET', 'thingsx/a'), undefined);
  assert.equal(findRoute(routes, 'PUT', 'second/z')?.rest, 'z');
});

test('the proxy adds the secret header, keeps path, query and body, and never forwards cookies', async () => {
  seen.length = 0;
  const get = await fetch(`${url}/api/plugin-proxy/test-app/things/a%2Fb/c?x=1&y=2`, as('Viewer'));
  assert.equal(get.status, 200);
  assert.equal(seen[0].url, '/api/a%2Fb/c?x=1&y=2');
  assert.equal(seen[0].headers['x-api-key'], 's3cret');
  assert.equal(seen[0].headers.cookie, undefined);
  const post = await fetch(`${url}/api/plugin-proxy/test-app/things`, as('Editor', { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } }));
  assert.equal(post.status, 200);
  assert.deepEqual({ url: seen[1].url, body: seen[1].body, type: seen[1].headers['content-type'] }, { url: '/api/things', body: '{"a":1}', type: 'application/json' });
  const second = await fetch(`${url}/api/plugin-proxy/test-app/second/teapot`, as('Viewer'));
  assert.equal(second.status, 418, 'an upstream status goes through');
  assert.equal(seen[2].url, '/v2/teapot');
});

test('reqAction and reqRole refuse a role without them (403) before anything is sent; no route is a 404', async () => {
  seen.length = 0;
  const forged = await fetch(`${url}/api/plugin-proxy/test-app/things`, as('Viewer', { method: 'POST', body: '{}' }));
  assert.equal(forged.status, 403);
  assert.match(((await forged.json()) as { message: string }).message, /test-app.things:write is required \(signed in as Viewer\)/);
  assert.equal((await fetch(`${url}/api/plugin-proxy/test-app/admin`, as('Editor'))).status, 403);
  assert.equal((await fetch(`${url}/api/plugin-proxy/test-app/admin`, as('Admin'))).status, 200);
  // Without a cookie the --user.role flag decides (Viewer here).
  assert.equal((await fetch(`${url}/api/plugin-proxy/test-app/things`, { method: 'POST', body: '{}' })).status, 403);
  const none = await fetch(`${url}/api/plugin-proxy/test-app/nothing`, as('Admin'));
  assert.equal(none.status, 404);
  assert.match(((await none.json()) as { message: string }).message, /plugin route match not found/);
  assert.equal((await fetch(`${url}/api/plugin-proxy/test-app/things/%2e%2e%2fx`, as('Admin'))).status, 400);
  assert.equal(seen.length, 1, 'only the Admin call reached the target');
});

test('settings: GET never returns secrets, POST needs Admin and names a bad field, secure keys merge', async () => {
  const get = (await (await fetch(`${url}/api/plugins/test-app/settings`, as('Viewer'))).json()) as Record<string, unknown>;
  assert.equal(get.enabled, true);
  assert.deepEqual(get.secureJsonFields, { key: true });
  assert.ok(!JSON.stringify(get).includes('s3cret'));
  const body = (b: unknown) => ({ method: 'POST', body: JSON.stringify(b), headers: { 'content-type': 'application/json' } });
  assert.equal((await fetch(`${url}/api/plugins/test-app/settings`, as('Editor', body({ enabled: true })))).status, 403);
  const bad = await fetch(`${url}/api/plugins/test-app/settings`, as('Admin', body({ jsonData: [1] })));
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { field: string }).field, 'jsonData');
  const port = (target.address() as { port: number }).port;
  const ok = await fetch(`${url}/api/plugins/test-app/settings`, as('Admin', body({ enabled: true, jsonData: { base: `http://127.0.0.1:${port}/moved` } })));
  assert.equal(ok.status, 200);
  seen.length = 0;
  await fetch(`${url}/api/plugin-proxy/test-app/things/x`, as('Viewer'));
  assert.deepEqual([seen[0].url, seen[0].headers['x-api-key']], ['/moved/api/x', 's3cret'], 'new jsonData, the secret kept');
  assert.equal((await fetch(`${url}/api/plugins/nope/settings`)).status, 404);
});

test('the signed-in user and the page boot data follow the role cookie', async () => {
  const orgs = (await (await fetch(`${url}/api/user/orgs`, as('Editor'))).json()) as { role: string }[];
  assert.equal(orgs[0].role, 'Editor');
  assert.equal(((await (await fetch(`${url}/api/user`)).json()) as { login: string }).login, 'admin');
  const page = await (await fetch(`${url}/a/test-app/anything?theme=light`, as('Editor'))).text();
  const boot = JSON.parse(/window\.grafanaBootData = (.*);<\/script>/.exec(page)?.[1] ?? 'null') as {
    user: { orgRole: string; permissions: Record<string, boolean>; theme: string };
  };
  assert.equal(boot.user.orgRole, 'Editor');
  assert.deepEqual(boot.user.permissions, { 'test-app.things:read': true, 'test-app.things:write': true });
  assert.equal(boot.user.theme, 'light');
});

test('provisioning expands $VAR, ${VAR}, $__env{} and $__file{} once, the file path may name a variable', async () => {
  const { expandProvisioned } = await import('../src/pluginSettings.js');
  const file = join(dir, 'dollar');
  writeFileSync(file, 'pa$$w${HOME}rd\n');
  const env = { A: 'x', KEY_FILE: file };
  assert.equal(expandProvisioned('$A-${A}-$__env{A}', 'w', env), 'x-x-x');
  assert.equal(expandProvisioned('$__file{${KEY_FILE}}', 'w', env), 'pa$$w${HOME}rd', 'a secret is never expanded');
  assert.throws(() => expandProvisioned('$__file{/nonexistent/key}', 'apps[0].secureJsonData.k', env), /apps\[0\]\.secureJsonData\.k: \$__file\{\/nonexistent\/key\}/);
});
