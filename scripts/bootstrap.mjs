#!/usr/bin/env node
// First step of `npm start` and `npm test` on a fresh machine: check Node, make sure the system binaries the
// command needs are there (installing the Debian packages when allowed, see system-deps.mjs), install the npm
// dependencies with `npm ci` when node_modules is missing or older than package-lock.json, then (for start)
// build every workspace through turbo (cached, so a second run costs seconds). Each long step is announced with
// how long it takes, since npm ci shows little while native modules compile.
// Usage: node scripts/bootstrap.mjs --for=start|test   (`npm test` builds in its own turbo run, so test installs only)
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemDeps } from './system-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  console.error(`Vigil needs Node.js 20 or newer; this is ${process.version}.`);
  process.exit(1);
}
const mode = /^--for=(start|test)$/.exec(process.argv.find((a) => a.startsWith('--for=')) ?? '')?.[1];
if (!mode) {
  console.error('usage: node scripts/bootstrap.mjs --for=start|test');
  process.exit(2);
}

function run(cmd, args) {
  console.log(`> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) {
    console.error(`bootstrap: ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

// Before npm ci: without a prebuilt download, native npm modules (better-sqlite3) compile with the toolchain.
if (ensureSystemDeps(mode) !== 0) process.exit(1);
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
const firstInstall = !existsSync(marker);
if (firstInstall || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  // npm prints next to nothing while it installs (it hides the install scripts' output): say what is happening first.
  console.log(
    firstInstall
      ? 'bootstrap: installing the npm dependencies (npm ci). The first time this takes several minutes (about 6 on a\n' +
          '  busy 2-core machine) with little output: better-sqlite3 compiles from source when no prebuilt binary can be\n' +
          '  downloaded. A warning that some packages have install scripts not covered by allowScripts is expected.'
      : 'bootstrap: package-lock.json changed since the last install: npm ci again (a minute or more, little output).',
  );
  run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
}
if (mode === 'start') {
  console.log('bootstrap: building every workspace (turbo shows errors only): a minute or two the first time, seconds once cached.');
  run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);
}
