// The page of an older Grafana release (the version matrix): chosen by ?grafana= or the vigil-grafana cookie, its
// own bundle and the release's version in the boot data; an unknown release is a 404 naming the built ones.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildExporter } from '@vigil/exporter-kit';

import { hostOptions } from '../src/index.js';

let url: string;
let stop: () => Promise<void>;
before(async () => {
  const { exporter } = await buildExporter(
    hostOptions,
    ['--web.listen-address=127.0.0.1:0', '--prometheus.url=http://127.0.0.1:1', '--log.level=error'],
    {},
  );
  ({ url } = await exporter.start());
  stop = () => exporter.shutdown('test done');
});
after(() => stop?.());

const bootVersion = (html: string) => /"buildInfo":\{"version":"([^"]+)"/.exec(html)?.[1];

test('?grafana=10.4 serves the page bundled with Grafana 10.4.19, saying so in its boot data', async () => {
  const html = await (await fetch(`${url}/host/?grafana=10.4`)).text();
  assert.match(html, /<script src="\/host\/grafana-10\.4\/main\.js"><\/script>/);
  assert.equal(bootVersion(html), '10.4.19');
  const bundle = await fetch(`${url}/host/grafana-10.4/main.js`);
  assert.equal(bundle.status, 200);
  assert.ok((await bundle.text()).includes('"18.2.0"'), 'the 10.4 page bundles React 18.2.0');
});

test('the vigil-grafana cookie chooses the release for app pages too; no choice is the default page', async () => {
  const app = await (await fetch(`${url}/a/vigil-alerts-app/alerts`, { headers: { cookie: 'vigil-grafana=12.4' } })).text();
  assert.match(app, /\/host\/grafana-12\.4\/main\.js/);
  assert.equal(bootVersion(app), '12.4.10');
  const plain = await (await fetch(`${url}/host/`)).text();
  assert.match(plain, /<script src="\/host\/main\.js"><\/script>/);
  assert.equal(bootVersion(plain), '13.2.2');
});

test('an unknown release is a 404 naming the built ones, oldest first', async () => {
  const res = await fetch(`${url}/host/?grafana=9.5`);
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), { error: 'grafana 9.5: no host page for it; built: 10.4, 11.6, 12.4, 13.2' });
});
