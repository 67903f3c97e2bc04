#!/usr/bin/env node
// Builds the addon with node-gyp into build/Release/ingest_scan.node, where index.js loads it. The package is
// optional: where a C++ compiler, make, python3 or Node's headers are missing, this prints one line saying
// what is missing, records it in build/not-built.txt (index.js reports it) and exits 0, and the trading
// exporter checks ingest bodies on its JavaScript path. With the toolchain present a compile error fails.
// Uses the node-gyp npm bundles (npm sets npm_config_node_gyp for scripts), so no dependency is added.
//
// --sanitize=DIR builds a copy with AddressSanitizer and UndefinedBehaviorSanitizer in DIR (for the trading
// exporter's fuzz: npm run fuzz:native -w @vigil/trading-exporter) and prints the addon's path.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const addon = join(root, 'build', 'Release', 'ingest_scan.node');
const notBuiltFile = join(root, 'build', 'not-built.txt');
const sanitizeDir = process.argv.find((a) => a.startsWith('--sanitize='))?.slice('--sanitize='.length);
const NAME = 'trading-native-scanner';

/** The first of `names` that is an executable on PATH. */
function onPath(...names) {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** node-gyp's --nodedir: '' when node-gyp finds the headers itself, undefined when there are none here. */
function headersDir() {
  const has = (dir) => existsSync(join(dir, 'include', 'node', 'node_api.h'));
  const configured = process.env.npm_config_nodedir;
  if (configured && configured !== 'undefined') return has(configured) ? configured : undefined;
  const besideNode = join(dirname(process.execPath), '..');
  if (has(besideNode)) return besideNode;
  // node-gyp's own download cache (it cannot download here: no network).
  const devdir = process.env.npm_config_devdir || join(homedir(), '.cache', 'node-gyp');
  return has(join(devdir, process.versions.node)) ? '' : undefined;
}

/** npm's bundled node-gyp. */
function nodeGyp() {
  if (process.env.npm_config_node_gyp) return process.env.npm_config_node_gyp;
  const npm = onPath('npm');
  const bundled = npm && join(dirname(realpathSync(npm)), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  return bundled && existsSync(bundled) ? bundled : undefined;
}

/** What is missing to build here, in one phrase; undefined when nothing is. */
function missingPrerequisites(gyp, nodedir) {
  const missing = [];
  if (!(process.env.CXX ? onPath(process.env.CXX) : onPath('g++', 'c++', 'clang++'))) missing.push('a C++ compiler (g++)');
  if (!onPath('make')) missing.push('make');
  if (!(process.env.PYTHON ? onPath(process.env.PYTHON) : onPath('python3'))) missing.push('python3');
  if (nodedir === undefined) missing.push(`Node.js ${process.version} headers (node_api.h; set npm_config_nodedir)`);
  if (!gyp) missing.push("npm's node-gyp");
  return missing.length ? missing.join(', ') : undefined;
}

function newestSource() {
  const files = [join(root, 'binding.gyp'), fileURLToPath(import.meta.url), ...readdirSync(join(root, 'src')).map((f) => join(root, 'src', f))];
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

function gypBuild(gyp, nodedir, dir) {
  const args = [gyp, 'rebuild', '--loglevel=warn', `--directory=${dir}`, ...(nodedir ? [`--nodedir=${nodedir}`] : [])];
  const res = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (res.status !== 0) {
    console.error(`${NAME}: node-gyp failed (${res.error?.message ?? `exit code ${res.status ?? res.signal}`}) although the toolchain is present`);
    process.exit(1);
  }
}

const gyp = nodeGyp();
const nodedir = headersDir();
const missing = missingPrerequisites(gyp, nodedir);

if (sanitizeDir) {
  if (missing) {
    console.error(`${NAME}: cannot build the sanitized addon, missing ${missing}`);
    process.exit(1);
  }
  cpSync(join(root, 'src'), join(sanitizeDir, 'src'), { recursive: true });
  const flags = ['-std=c++17', '-O1', '-g', '-fsanitize=address,undefined', '-fno-omit-frame-pointer'];
  const target = { target_name: 'ingest_scan', sources: readdirSync(join(root, 'src')).filter((f) => f.endsWith('.cc')).map((f) => `src/${f}`), cflags_cc: flags, ldflags: ['-fsanitize=address,undefined'] };
  writeFileSync(join(sanitizeDir, 'binding.gyp'), JSON.stringify({ targets: [target] }));
  gypBuild(gyp, nodedir, sanitizeDir);
  console.log(join(sanitizeDir, 'build', 'Release', 'ingest_scan.node'));
  process.exit(0);
}

if (existsSync(addon) && statSync(addon).mtimeMs > newestSource()) {
  console.log(`${NAME}: up to date (build/Release/ingest_scan.node)`);
  process.exit(0);
}
if (missing) {
  // A stale addon must not stay behind: the exporter would load it.
  rmSync(addon, { force: true });
  mkdirSync(dirname(notBuiltFile), { recursive: true });
  writeFileSync(notBuiltFile, `missing ${missing} when it was built\n`);
  console.warn(`${NAME}: not built, missing ${missing}; the trading exporter checks ingest bodies on its JavaScript path`);
  process.exit(0);
}
gypBuild(gyp, nodedir, root);
rmSync(notBuiltFile, { force: true });
console.log(`${NAME}: built build/Release/ingest_scan.node`);
