// What a desk does with an exporter: `npm pack` the workspace (and the workspace libraries it depends on), then
// `npm install` the tarballs into an empty folder, outside the monorepo, from the npm registry and its cache.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startExporterProcess, type RunningExporter } from './node-exporter.js';
import { repoRoot } from './reference.js';
import { tempDir } from './temp.js';

export interface PackedInstall {
  /** The folder the tarballs were installed into (a package.json and node_modules). */
  dir: string;
  /** node_modules/.bin/<name> of the install; throws when npm did not link it. */
  bin(name: string): string;
  /** The installed package's folder (e.g. to check it is a copy, not a link into the repository). */
  packageDir(name: string): string;
  remove(): void;
}

function npm(args: string[], cwd: string, timeoutMs: number): string {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.error) throw new Error(`npm ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} exited ${r.status}:\n${r.stderr.slice(-4000)}`);
  return r.stdout;
}

/**
 * Packs the named workspaces (e.g. '@vigil/core', '@vigil/exporter-kit', '@vigil/host-exporter': a package and the
 * workspace libraries it depends on, which are not on the registry) and installs the tarballs into a new empty
 * folder with `npm install --prefer-offline --no-audit --no-fund`. Needs the workspaces built first.
 */
export function installPacked(workspaces: string[], opts: { timeoutMs?: number } = {}): PackedInstall {
  const root = tempDir('vigil-packed-');
  const tarballs = join(root, 'tarballs');
  const dir = join(root, 'desk');
  mkdirSync(tarballs);
  mkdirSync(dir);
  try {
    const files = workspaces.map((ws) => {
      const out = JSON.parse(npm(['pack', '-w', ws, '--pack-destination', tarballs, '--json'], repoRoot(), 120_000)) as Array<{ filename: string }>;
      return join(tarballs, out[0]!.filename);
    });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'desk', private: true }));
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', ...files], dir, opts.timeoutMs ?? 360_000);
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
  return {
    dir,
    bin(name) {
      const p = join(dir, 'node_modules', '.bin', name);
      if (!existsSync(p)) throw new Error(`npm did not link the command ${name} into ${dir}/node_modules/.bin`);
      return p;
    },
    packageDir(name) {
      const p = join(dir, 'node_modules', ...name.split('/'));
      if (!existsSync(p) || lstatSync(p).isSymbolicLink()) throw new Error(`${name} is not installed as a copy in ${dir}`);
      return p;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface PackedExporter {
  install: PackedInstall;
  exporter: RunningExporter;
  /** Stops the exporter and removes the install. */
  stop(): Promise<void>;
}

/**
 * installPacked(workspaces), checks each workspace landed as a copy (not a link into the repository), then starts
 * the installed `command` from the install folder on a free port (`args` and `env` added) until /metrics answers.
 */
export async function startPackedExporter(
  workspaces: string[],
  command: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<PackedExporter> {
  const install = installPacked(workspaces);
  try {
    for (const ws of workspaces) install.packageDir(ws);
    const exporter = await startExporterProcess([install.bin(command)], args, { cwd: install.dir, env });
    return {
      install,
      exporter,
      async stop() {
        await exporter.stop();
        install.remove();
      },
    };
  } catch (err) {
    install.remove();
    throw err;
  }
}
