// A plugin workspace as the release reads it: its package.json, its source plugin.json and its built dist/.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface PackageJson {
  name: string;
  version: string;
  description?: string;
  author?: string | { name: string; url?: string };
  keywords?: string[];
  homepage?: string;
  repository?: string | { type?: string; url: string; directory?: string };
  [key: string]: unknown;
}

export interface PluginJson {
  id: string;
  type: string;
  name: string;
  info: {
    version: string;
    updated?: string;
    description?: string;
    keywords?: string[];
    author?: { name?: string; url?: string };
    logos?: { small?: string; large?: string };
    links?: { name: string; url: string }[];
    screenshots?: { name: string; path: string }[];
  };
  dependencies?: { grafanaDependency?: string; plugins?: unknown[] };
  [key: string]: unknown;
}

export interface PluginSource {
  dir: string;
  packageJson: PackageJson;
  /** src/plugin.json, with create-plugin's %VERSION% / %TODAY% placeholders. */
  sourcePluginJson: PluginJson;
  id: string;
  version: string;
  distDir: string;
}

export function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}

export function readPluginSource(dir: string): PluginSource {
  const abs = resolve(dir);
  const packageFile = join(abs, 'package.json');
  const pluginFile = join(abs, 'src', 'plugin.json');
  for (const f of [packageFile, pluginFile]) {
    if (!existsSync(f)) throw new Error(`${abs} is not a plugin workspace: ${f} is missing`);
  }
  const packageJson = readJson<PackageJson>(packageFile);
  const sourcePluginJson = readJson<PluginJson>(pluginFile);
  return {
    dir: abs,
    packageJson,
    sourcePluginJson,
    id: sourcePluginJson.id,
    version: packageJson.version,
    distDir: join(abs, 'dist'),
  };
}

export function authorName(pkg: PackageJson): string | undefined {
  return typeof pkg.author === 'string' ? pkg.author.replace(/\s*[<(].*$/, '') : pkg.author?.name;
}

/** The repository's web address and the plugin's folder in it, from package.json `repository`. */
export function repositoryOf(pkg: PackageJson): { url: string; directory: string } | undefined {
  const repo = pkg.repository;
  if (!repo) return undefined;
  const raw = typeof repo === 'string' ? repo : repo.url;
  const url = raw.replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  return { url, directory: typeof repo === 'string' ? '' : (repo.directory ?? '').replace(/^\/+|\/+$/g, '') };
}
