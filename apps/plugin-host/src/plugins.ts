import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ServedPlugin {
  id: string;
  type: string;
  name: string;
  dir: string;
  /** The whole plugin.json: includes, roles, routes, info. */
  json: Record<string, unknown>;
}

/** Reads `<dir>/plugin.json` of each built plugin directory; errors name the directory and what is wrong. */
export function readPlugins(dirs: string[]): ServedPlugin[] {
  const out: ServedPlugin[] = [];
  for (const dir of dirs) {
    const file = join(dir, 'plugin.json');
    if (!existsSync(file)) {
      throw new Error(
        `--plugins.dir ${dir}: no plugin.json (build the plugin first: npm run build -w <plugin>)`,
      );
    }
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (typeof json.id !== 'string' || !/^[a-z0-9-]+$/.test(json.id)) {
      throw new Error(`--plugins.dir ${dir}: plugin.json has no valid "id"`);
    }
    out.push({ id: json.id, type: String(json.type), name: String(json.name), dir: resolve(dir), json });
  }
  return out;
}

/** The built plugins of this repository: plugins/<name>/dist with a plugin.json. */
export function repoPluginDirs(repoRoot: string): string[] {
  const base = join(repoRoot, 'plugins');
  if (!existsSync(base)) {
    return [];
  }
  return readdirSync(base)
    .map((name) => join(base, name, 'dist'))
    .filter((dir) => existsSync(join(dir, 'plugin.json')))
    .sort();
}
