// @grafana/levitate compares what each plugin uses of @grafana/data, @grafana/ui and @grafana/runtime (as built,
// 13.2) with the packages of every older Grafana in the matrix (grafana-versions/: 10.4, 11.6, 12.4), offline: the
// plugins' grafanaDependency must admit only versions that have everything they use, and name the API that sets
// a floor above 10.4. A module that uses an API 10.4 lacks fails on 10.4.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { repoRoot } from '@vigil/test-support';

import { readPluginSource } from '../src/index.js';
import { apiIncompatibilities, pluginProgram, targetProgram, type ApiIncompatibility } from '../src/matrix/apiCompat.js';
import { verdict } from '../src/matrix/verdict.js';
import { grafanaVersions, type GrafanaVersion } from '../src/matrix/versions.js';
import { PLUGIN_DIRS } from './releases.js';

const root = repoRoot();
const FIXTURE = join(import.meta.dirname, 'fixtures', 'uses-newer-api');
const entryOf = (dir: string) => ['module.ts', 'module.tsx'].map((m) => join(dir, 'src', m));

let versions: GrafanaVersion[];
/** version name → source dir → what it uses that the version lacks or declares differently */
const found = new Map<string, Map<string, ApiIncompatibility[]>>();

before(async () => {
  versions = grafanaVersions(root);
  const entries = [...PLUGIN_DIRS.flatMap(entryOf).filter((f) => existsSync(f)), join(FIXTURE, 'module.ts')];
  const plugins = await pluginProgram(entries, join(root, 'node_modules'));
  for (const v of versions.filter((x) => !x.build)) {
    const target = await targetProgram(v.nodeModules);
    const byDir = new Map<string, ApiIncompatibility[]>();
    for (const dir of [...PLUGIN_DIRS, FIXTURE]) {
      byDir.set(dir, await apiIncompatibilities(plugins, target, v.nodeModules, `${dir}/`));
    }
    found.set(v.name, byDir);
  }
});

function perVersion(dir: string): Map<string, ApiIncompatibility[]> {
  return new Map([...found].map(([name, byDir]) => [name, byDir.get(dir) ?? []]));
}

describe('the Grafana version matrix, by levitate', () => {
  test('the matrix holds 10.4, 11.6, 12.4 and the 13.2 the plugins build with, React 18 and 19', () => {
    assert.deepEqual(
      versions.map((v) => `${v.name} react ${v.react.split('.')[0]}${v.build ? ' (build)' : ''}`),
      ['10.4 react 18', '11.6 react 18', '12.4 react 18', '13.2 react 19 (build)'],
    );
  });

  for (const dir of PLUGIN_DIRS) {
    test(`${dir.split('/').pop()}: every version its grafanaDependency admits has what it uses`, () => {
      const source = readPluginSource(dir);
      const dependency = source.sourcePluginJson.dependencies?.grafanaDependency ?? '';
      const { problems, below } = verdict(dependency, versions, perVersion(dir));
      assert.deepEqual(problems, [], `${source.id} (${dependency})`);
      if (below) {
        console.log(
          `${source.id} ${dependency}: Grafana ${below.version.version} lacks ${[...new Set(below.missing.map((m) => `${m.package} ${m.name}`))].join(', ')}`,
        );
      }
    });
  }

  test('a module using an API missing in 10.4 fails a >=10.4.0 claim, naming the API, and passes >=11.6.0', () => {
    const fixture = perVersion(FIXTURE);
    const claim104 = verdict('>=10.4.0', versions, fixture);
    assert.equal(claim104.problems.length, 1, claim104.problems.join('\n'));
    assert.match(claim104.problems[0], /Grafana 10\.4\.19 has no @grafana\/ui Combobox \(used at module\.ts:4\)/);
    assert.deepEqual(verdict('>=11.6.0', versions, fixture).problems, []);
    // and a floor set higher than the APIs need is reported too
    assert.match(verdict('>=12.4.0', versions, fixture).problems.join('\n'), /lower the floor/);
  });
});
