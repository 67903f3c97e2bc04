// Each offline validator rule fails the archive it is about: a good release (the SLO panel's, packaged once) is
// broken one way at a time.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { repoRoot, tempDir } from '@vigil/test-support';

import {
  absoluteReadme,
  checkArchive,
  openArchive,
  packagePlugin,
  readZip,
  TEMPLATE_LOGO_SHA256,
  writeZip,
  type ArchiveUnderCheck,
  type PluginJson,
} from '../src/index.js';

const SLO_DIR = join(repoRoot(), 'plugins', 'slo-burnrate-panel');
let good: ArchiveUnderCheck;
before(() => {
  const packaged = packagePlugin(SLO_DIR, { outDir: tempDir('vigil-rules-') });
  good = openArchive(readFileSync(packaged.zipPath), `${packaged.id}-${packaged.version}.zip`, SLO_DIR);
});

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

/** The good archive with some files replaced (undefined removes one). */
function broken(changes: Record<string, Uint8Array | undefined>, extra: Partial<ArchiveUnderCheck> = {}): ArchiveUnderCheck {
  const files = new Map(good.files);
  for (const [path, data] of Object.entries(changes)) {
    if (data === undefined) files.delete(path);
    else files.set(path, data);
  }
  const pluginJson = files.has('plugin.json') ? JSON.parse(dec(files.get('plugin.json'))) : undefined;
  const entries = [...files].map(([p, data]) => ({ name: `${good.id}/${p}`, mode: 0o644, data }));
  return { ...good, files, entries, pluginJson, ...extra };
}

function errorsOf(archive: ArchiveUnderCheck, rule: string): string[] {
  return checkArchive(archive)
    .filter((f) => f.severity === 'error' && f.rule === rule)
    .map((f) => f.message);
}

const withPluginJson = (edit: (p: PluginJson) => void) => {
  const p = JSON.parse(dec(good.files.get('plugin.json')));
  edit(p);
  return { 'plugin.json': enc(JSON.stringify(p)) };
};

describe('offline validator rules', () => {
  test('the good archive has no error', () => {
    assert.deepEqual(
      checkArchive(good).filter((f) => f.severity === 'error'),
      [],
    );
  });

  test("archive: a top folder that is not the id, a file nobody can read, a missing LICENSE", () => {
    const renamed = broken({}, { entries: good.entries.map((e) => ({ ...e, name: e.name.replace(/^[^/]+/, 'dist') })) });
    assert.match(errorsOf(renamed, 'archive').join('\n'), /one folder named vigil-sloburnrate-panel; it holds dist/);
    const unreadable = broken({}, { entries: good.entries.map((e) => ({ ...e, mode: 0 })) });
    assert.match(errorsOf(unreadable, 'archive').join('\n'), /mode 0 is not readable/);
    assert.match(errorsOf(broken({ LICENSE: undefined }), 'archive').join('\n'), /LICENSE is missing/);
  });

  test('metadata: version, keywords and author differ from package.json; empty links; a screenshot not shipped', () => {
    const messages = errorsOf(
      broken(
        withPluginJson((p) => {
          p.info.version = '0.9.0';
          p.info.keywords = ['panel'];
          p.info.author = { name: 'Someone else' };
          p.info.links = [];
          p.info.screenshots = [{ name: 'gone', path: 'img/gone.png' }];
        }),
      ),
      'metadata',
    ).join('\n');
    for (const want of [
      /version 0\.9\.0 is not package\.json's 1\.0\.0/,
      /keywords \[panel\] differ/,
      /author Someone else/,
      /links is empty/,
      /screenshot img\/gone\.png is not in the archive/,
    ]) {
      assert.match(messages, want);
    }
  });

  test("logos: a logo whose sha256 is a create-plugin template logo's, and a missing logo", () => {
    // create-plugin's own logo is not copied into this repository: a stand-in's hash joins the known template
    // hashes for the length of the test.
    const standIn = enc('<svg xmlns="http://www.w3.org/2000/svg"><title>template</title></svg>');
    const hash = createHash('sha256').update(standIn).digest('hex');
    TEMPLATE_LOGO_SHA256.add(hash);
    try {
      assert.match(errorsOf(broken({ 'img/logo.svg': standIn }), 'logos').join('\n'), /template logo/);
    } finally {
      TEMPLATE_LOGO_SHA256.delete(hash);
    }
    assert.match(errorsOf(broken({ 'img/logo.svg': undefined }), 'logos').join('\n'), /not in the archive/);
  });

  test('readme: a relative link, and an absolute image of the plugin that the zip lacks', () => {
    const readme = dec(good.files.get('README.md'));
    const relative = broken({ 'README.md': enc(`${readme}\n[the maths](src/slo/burnRate.ts)\n`) });
    assert.match(errorsOf(relative, 'readme').join('\n'), /relative link src\/slo\/burnRate\.ts/);
    const noImage = broken({ 'img/slo-panel-dark.png': undefined });
    assert.match(errorsOf(noImage, 'readme').join('\n'), /image .*slo-panel-dark\.png is not in the archive/);
  });

  test('changelog: no heading for the released version', () => {
    const log = broken({ 'CHANGELOG.md': enc('# Changelog\n\n## 0.1.0\n\nOld.\n') });
    assert.match(errorsOf(log, 'changelog').join('\n'), /no heading for version 1\.0\.0/);
  });

  test('console-log: a console.log in the built module', () => {
    const mod = dec(good.files.get('module.js'));
    const logged = broken({ 'module.js': enc(`${mod}\nconsole.log("debug");`) });
    assert.match(errorsOf(logged, 'console-log').join('\n'), /module\.js calls console\.log/);
  });

  test('source-maps: a module without its map', () => {
    assert.match(errorsOf(broken({ 'module.js.map': undefined }), 'source-maps').join('\n'), /module\.js\.map is missing/);
  });

  test('shared-modules: a bundled React (named by the source map, or its internals in the code)', () => {
    const map = JSON.parse(dec(good.files.get('module.js.map')));
    map.sources.push('webpack://vigil-sloburnrate-panel/../../node_modules/react/cjs/react-jsx-runtime.production.js');
    map.sourcesContent.push('');
    const viaMap = broken({ 'module.js.map': enc(JSON.stringify(map)) });
    assert.match(errorsOf(viaMap, 'shared-modules').join('\n'), /bundles react, which Grafana shares/);
    const mod = dec(good.files.get('module.js'));
    const viaCode = broken({ 'module.js': enc(`${mod}\nvar i=R.__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED;`) });
    assert.match(errorsOf(viaCode, 'shared-modules').join('\n'), /bundles React/);
  });
});

describe('zip and README helpers', () => {
  test('zip entries keep mode 0644 and their bytes', () => {
    const zip = writeZip(new Map([['p/a.txt', enc('a')], ['p/img/b.png', new Uint8Array([1, 2, 3])]]), new Date('2026-01-01T00:00:00Z'));
    assert.deepEqual(
      readZip(zip).map((e) => [e.name, e.mode.toString(8), [...e.data]]),
      [
        ['p/a.txt', '644', [97]],
        ['p/img/b.png', '644', [1, 2, 3]],
      ],
    );
  });

  test('relative README links become repository links (raw for images), anchors and absolute links stay', () => {
    const repo = { url: 'https://example.org/o/r', directory: 'plugins/p', ref: 'v1' };
    const { markdown, images } = absoluteReadme(
      '![shot](src/img/a.png "alt") [runbook](../../docs/runbooks.md#x) [top](#top) [ext](https://grafana.com)',
      repo,
    );
    assert.equal(
      markdown,
      '![shot](https://example.org/o/r/raw/v1/plugins/p/src/img/a.png "alt") [runbook](https://example.org/o/r/blob/v1/docs/runbooks.md#x) [top](#top) [ext](https://grafana.com)',
    );
    assert.deepEqual([...images], [['plugins/p/src/img/a.png', 'img/a.png']]);
  });
});
