#!/usr/bin/env node
// Runs a workspace's tests with node's test runner (TypeScript through tsx), printing the spec report and
// writing a JUnit file to reports/junit.xml that scripts/test-all.mjs adds up.
// Usage (from a workspace): node ../../scripts/run-node-tests.mjs [glob-or-file ...]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  const out = [];
  let entries = [];
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (/\.test\.(ts|mts|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

const args = process.argv.slice(2);
const files = args.length ? args : findTests('test').sort();
if (files.length === 0) {
  console.error('run-node-tests: no test files under test/');
  process.exit(1);
}
mkdirSync('reports', { recursive: true });
const concurrency = process.env.VIGIL_TEST_CONCURRENCY ?? '1';
const res = spawnSync(
  process.execPath,
  [
    '--import', 'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=junit', '--test-reporter-destination=reports/junit.xml',
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } },
);
process.exit(res.status ?? 1);
