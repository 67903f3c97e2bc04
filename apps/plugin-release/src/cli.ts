// vigil-plugin-package [plugin dir ...]: builds each plugin's release zip and checksum, then checks the zip with
// the validator's offline rules (exit 1 on an error). vigil-plugin-check <zip> [plugin dir]: the checks alone.
// vigil-plugin-install --plugins-dir=DIR <zip> ...: checks each zip's .sha256 and extracts it as Grafana does.
import { basename, dirname, resolve } from 'node:path';

import { installZip } from './installZip.js';
import { packagePlugin } from './packagePlugin.js';
import { checkZipFile, type Finding } from './validate.js';

function report(zip: string, findings: Finding[]): boolean {
  const errors = findings.filter((f) => f.severity === 'error');
  for (const f of findings) console.log(`  ${f.severity} [${f.rule}] ${f.message}`);
  console.log(`${basename(zip)}: ${errors.length} error(s), ${findings.length - errors.length} warning(s)`);
  return errors.length === 0;
}

const USAGE = {
  package:
    "usage: vigil-plugin-package [plugin dir ...]   (default: the current folder)\n  builds each plugin's release zip and its .sha256, then checks the zip with the validator's offline rules",
  check: "usage: vigil-plugin-check <plugin zip> [plugin source dir, default: the zip folder's parent]",
  install:
    'usage: vigil-plugin-install --plugins-dir=<grafana plugins dir> <plugin zip> ...\n  checks each zip against its .sha256 and extracts it as Grafana does',
};

export function packageMain(args: string[]): number {
  const dirs = args.length ? args : ['.'];
  let ok = true;
  for (const dir of dirs) {
    const packaged = packagePlugin(dir);
    console.log(`${packaged.zipPath}\n  sha256 ${packaged.sha256} (${packaged.entries.length} files)`);
    ok = report(packaged.zipPath, checkZipFile(packaged.zipPath, dir)) && ok;
  }
  return ok ? 0 : 1;
}

export function checkMain(args: string[]): number {
  const [zip, dir] = args;
  if (!zip) {
    console.error(USAGE.check);
    return 2;
  }
  return report(zip, checkZipFile(zip, dir ?? resolve(dirname(zip), '..'))) ? 0 : 1;
}

export function installMain(args: string[]): number {
  const dirFlag = args.find((a) => a.startsWith('--plugins-dir='));
  const zips = args.filter((a) => !a.startsWith('--'));
  if (!dirFlag || zips.length === 0) {
    console.error(USAGE.install);
    return 2;
  }
  for (const zip of zips) {
    const p = installZip(zip, dirFlag.slice('--plugins-dir='.length));
    console.log(`installed ${p.id} ${p.version} into ${p.dir}`);
  }
  return 0;
}

/** Runs a command's main; `--help` or `-h` prints its usage and exits 0. */
export function run(main: (args: string[]) => number, usage: keyof typeof USAGE): void {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE[usage]);
    return;
  }
  try {
    process.exitCode = main(args);
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  }
}
