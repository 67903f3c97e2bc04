// The release zips of the three plugins, packaged once: the validator's offline rules pass on each, the
// checksum verifies, and Grafana's installer (its extraction rules, replayed here) gives a plugin folder that the
// plugin host serves from the zip alone.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildExporter } from '@vigil/exporter-kit';
import { hostOptions } from '@vigil/plugin-host';
import { tempDir } from '@vigil/test-support';

import { checkArchive, installZip, readZip } from '../src/index.js';
import { packageAll, type Release } from './releases.js';

let releases: Release[];
before(() => {
  releases = packageAll();
});

describe('release zips', () => {
  test('the installer refuses a zip whose checksum does not match', () => {
    const copy = join(tempDir('vigil-tampered-'), 'vigil-sloburnrate-panel-1.0.0.zip');
    const slo = releases.find((r) => r.packaged.id === 'vigil-sloburnrate-panel')!;
    const zip = readFileSync(slo.packaged.zipPath);
    zip[zip.length - 30] ^= 0xff;
    writeFileSync(copy, zip);
    writeFileSync(`${copy}.sha256`, readFileSync(slo.packaged.checksumPath));
    assert.throws(() => installZip(copy, tempDir('vigil-plugins-')), /does not match/);
  });

  test('each passes the validator rules that run offline, with no error', () => {
    for (const { packaged, archive } of releases) {
      const findings = checkArchive(archive);
      for (const f of findings.filter((x) => x.severity === 'warning')) {
        console.log(`${packaged.id}: warning [${f.rule}] ${f.message}`);
      }
      assert.deepEqual(
        findings.filter((f) => f.severity === 'error'),
        [],
        `${packaged.id}: ${findings.map((f) => f.message).join('; ')}`,
      );
    }
  });

  test('one folder named by the plugin id, plugin.json and the built module at its root, sha256sum-style checksum', () => {
    for (const { packaged } of releases) {
      const zip = readFileSync(packaged.zipPath);
      const names = readZip(zip).map((e) => e.name);
      for (const f of ['plugin.json', 'module.js', 'module.js.map', 'README.md', 'CHANGELOG.md', 'LICENSE', 'img/logo.svg']) {
        assert.ok(names.includes(`${packaged.id}/${f}`), `${packaged.id}: ${f} missing in ${names.join(', ')}`);
      }
      const [sum, file] = readFileSync(packaged.checksumPath, 'utf8').trim().split(/\s+/);
      assert.equal(file, `${packaged.id}-${packaged.version}.zip`);
      assert.equal(sum, createHash('sha256').update(zip).digest('hex'));
    }
  });

  test('the README in the zip links absolutely and ships the images it shows', () => {
    const slo = releases.find((r) => r.packaged.id === 'vigil-sloburnrate-panel')!;
    const readme = new TextDecoder().decode(slo.archive.files.get('README.md'));
    assert.match(readme, /\]\(https:\/\/github\.com\/your-org\/vigil\/raw\/main\/plugins\/slo-burnrate-panel\/src\/img\/slo-panel-dark\.png\)/);
    assert.ok(slo.archive.files.has('img/slo-panel-dark.png'));
    assert.ok(!/\]\((?!https?:|#|mailto:)/.test(readme), 'a relative link is left');
  });

  test("installed the way Grafana installs a zip, the plugin host serves it from the zip's files alone", async () => {
    const pluginsDir = tempDir('vigil-grafana-plugins-');
    const dirs = releases.map(({ packaged }) => installZip(packaged.zipPath, pluginsDir).dir);
    const { exporter } = await buildExporter(
      hostOptions,
      ['--web.listen-address=127.0.0.1:0', '--log.level=warn', ...dirs.map((d) => `--plugins.dir=${d}`)],
      {},
    );
    const { url } = await exporter.start();
    after(() => exporter.shutdown('test done'));
    const served = (await (await fetch(`${url}/api/plugins`)).json()) as { id: string }[];
    assert.deepEqual(served.map((p) => p.id).sort(), releases.map((r) => r.packaged.id).sort());
    for (const { packaged } of releases) {
      const res = await fetch(`${url}/plugins/${packaged.id}/module.js`);
      assert.equal(res.status, 200);
      assert.ok((await res.text()).includes('define(["'), `${packaged.id}: module.js is not the AMD module create-plugin builds`);
      const meta = (await (await fetch(`${url}/plugins/${packaged.id}/plugin.json`)).json()) as { info: { version: string } };
      assert.equal(meta.info.version, packaged.version);
    }
  });
});
