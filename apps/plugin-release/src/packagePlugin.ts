// `npm run package`: the zip of a built plugin that `grafana cli --pluginUrl <zip> plugins install` and Grafana's
// plugin preinstall accept: one folder named by the plugin id with plugin.json at its root, the built assets, README
// (links made absolute), CHANGELOG, LICENSE and images; beside it a sha256 checksum. Unsigned.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { readPluginSource, repositoryOf, type PluginJson, type PluginSource } from './pluginSource.js';
import { absoluteReadme, type RepositoryLinks } from './readme.js';
import { writeZip } from './zip.js';

export interface PackageOptions {
  /** Where the zip and its checksum go; default <plugin>/release */
  outDir?: string;
  /** Overrides package.json `repository` (the base of the README's absolute links); VIGIL_RELEASE_REPO_URL */
  repoUrl?: string;
  /** The branch or tag README links point at; VIGIL_RELEASE_REF, default main */
  ref?: string;
  /** Archive times; SOURCE_DATE_EPOCH (seconds) when set, else plugin.json's `updated` day */
  mtime?: Date;
}

export interface PackagedPlugin {
  id: string;
  version: string;
  zipPath: string;
  checksumPath: string;
  sha256: string;
  /** Paths inside the archive, sorted */
  entries: string[];
}

export function zipName(id: string, version: string): string {
  return `${id}-${version}.zip`;
}

export function repositoryLinks(source: PluginSource, options: PackageOptions = {}): RepositoryLinks {
  const fromPackage = repositoryOf(source.packageJson);
  const url = (options.repoUrl ?? process.env.VIGIL_RELEASE_REPO_URL ?? fromPackage?.url)?.replace(/\/+$/, '');
  if (!url) {
    throw new Error(
      `${join(source.dir, 'package.json')}: no "repository" (the base of the README's absolute links); set it or VIGIL_RELEASE_REPO_URL`,
    );
  }
  return { url, directory: fromPackage?.directory ?? '', ref: options.ref ?? process.env.VIGIL_RELEASE_REF ?? 'main' };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...filesUnder(abs));
    else out.push(abs);
  }
  return out;
}

export function packagePlugin(pluginDir: string, options: PackageOptions = {}): PackagedPlugin {
  const source = readPluginSource(pluginDir);
  const dist = source.distDir;
  for (const required of ['module.js', 'plugin.json']) {
    if (!existsSync(join(dist, required))) {
      throw new Error(`${join(dist, required)} is missing: build the plugin first (npm run build -w ${source.packageJson.name})`);
    }
  }
  const built = JSON.parse(readFileSync(join(dist, 'plugin.json'), 'utf8')) as PluginJson;
  // create-plugin fills these placeholders (and adds buildMode) when it copies src/plugin.json; anything else differing means dist/ is
  // older than the source (webpack's filesystem cache can keep a copied file), and the zip would ship stale metadata.
  const expected = JSON.stringify(source.sourcePluginJson)
    .replaceAll('%VERSION%', source.version)
    .replaceAll('%TODAY%', built.info.updated ?? '')
    .replaceAll('%PLUGIN_ID%', source.id);
  const { buildMode: _buildMode, ...builtFromSource } = built; // create-plugin adds buildMode
  if (JSON.stringify(builtFromSource) !== expected) {
    throw new Error(
      `${join(dist, 'plugin.json')} differs from src/plugin.json (version ${source.version}): dist/ is stale, rebuild it (remove node_modules/.cache if the build keeps it)`,
    );
  }
  const repo = repositoryLinks(source, options);
  const readmeFile = join(dist, 'README.md');
  if (!existsSync(readmeFile)) throw new Error(`${readmeFile} is missing: the build copies the plugin's README.md`);
  const readme = absoluteReadme(readFileSync(readmeFile, 'utf8'), repo);

  // The README's images travel in the archive, so that it shows them offline too (copied into dist/ as well).
  const repoRoot = resolve(source.dir, ...repo.directory.split('/').filter(Boolean).map(() => '..'));
  for (const [repoPath, inArchive] of readme.images) {
    const from = join(repoRoot, repoPath);
    if (!existsSync(from)) throw new Error(`README image ${repoPath} does not exist (${from})`);
    const to = join(dist, inArchive);
    if (!existsSync(to)) {
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(from, to);
    }
  }

  const files = new Map<string, Uint8Array>();
  for (const abs of filesUnder(dist)) {
    const rel = relative(dist, abs).split('\\').join('/');
    files.set(`${source.id}/${rel}`, rel === 'README.md' ? Buffer.from(readme.markdown) : readFileSync(abs));
  }
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const mtime =
    options.mtime ??
    (epoch ? new Date(Number(epoch) * 1000) : new Date(`${built.info.updated ?? '2026-01-01'}T00:00:00Z`));
  const zip = writeZip(files, mtime);
  const outDir = resolve(options.outDir ?? join(source.dir, 'release'));
  mkdirSync(outDir, { recursive: true });
  const name = zipName(source.id, source.version);
  const zipPath = join(outDir, name);
  writeFileSync(zipPath, zip);
  const sha256 = createHash('sha256').update(zip).digest('hex');
  const checksumPath = `${zipPath}.sha256`;
  // sha256sum's format, so `sha256sum -c <name>.zip.sha256` checks it.
  writeFileSync(checksumPath, `${sha256}  ${name}\n`);
  return { id: source.id, version: source.version, zipPath, checksumPath, sha256, entries: [...files.keys()].sort() };
}
