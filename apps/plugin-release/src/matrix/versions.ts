// The Grafana versions of the matrix: each grafana-versions/<major.minor> workspace holds the packages that Grafana
// release shares with plugins (@grafana/data, ui, runtime, schema and its React), installed through the lockfile;
// the newest is the set the plugins build against (the root's @grafana/* and React).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { readJson } from '../pluginSource.js';

export interface GrafanaVersion {
  /** major.minor, e.g. 10.4 */
  name: string;
  /** the exact @grafana/* version installed, e.g. 10.4.19 */
  version: string;
  react: string;
  /** the node_modules that hold this version's packages */
  nodeModules: string;
  /** the version the plugins are built with */
  build: boolean;
}

export function grafanaVersions(repoRoot: string): GrafanaVersion[] {
  const base = join(repoRoot, 'grafana-versions');
  const out: GrafanaVersion[] = [];
  for (const name of existsSync(base) ? readdirSync(base) : []) {
    const file = join(base, name, 'package.json');
    if (!existsSync(file)) continue;
    const { vigilGrafana } = readJson<{ vigilGrafana: { version: string; react: string } }>(file);
    const nodeModules = join(base, name, 'node_modules');
    const installed = readJson<{ version: string }>(join(nodeModules, '@grafana', 'data', 'package.json')).version;
    if (installed !== vigilGrafana.version) {
      throw new Error(`${nodeModules}: @grafana/data ${installed} installed, ${vigilGrafana.version} expected (run npm ci)`);
    }
    out.push({ name, version: vigilGrafana.version, react: vigilGrafana.react, nodeModules, build: false });
  }
  const rootModules = join(repoRoot, 'node_modules');
  const version = readJson<{ version: string }>(join(rootModules, '@grafana', 'data', 'package.json')).version;
  const react = readJson<{ version: string }>(join(rootModules, 'react', 'package.json')).version;
  out.push({ name: version.split('.').slice(0, 2).join('.'), version, react, nodeModules: rootModules, build: true });
  const num = (v: string) => v.split('.').map(Number);
  return out.sort((a, b) => {
    const [x, y] = [num(a.version), num(b.version)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
}
