#!/usr/bin/env node
// First step of `npm start` and `npm test` on a fresh machine: check Node, install dependencies with `npm ci`
// when node_modules is missing or older than package-lock.json, then build every workspace through turbo
// (cached, so a second run costs seconds).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  console.error(`Vigil needs Node.js 20 or newer; this is ${process.version}.`);
  process.exit(1);
}

function run(cmd, args) {
  console.log(`> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) {
    console.error(`bootstrap: ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) run('npm', ['ci', '--no-audit', '--no-fund']);
// `npm test` builds through its own turbo run (which reports failures per workspace), so it installs only.
if (!process.argv.includes('--install-only')) run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);
