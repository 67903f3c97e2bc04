#!/usr/bin/env node
// The test command (`npm test`, run by .ci/run): lint, typecheck, build and test every workspace through turbo,
// then test scripts/ itself (bootstrap, reference:fetch; in CI also the fresh-clone check, see below), add up the
// JUnit reports every workspace and scripts/ write under reports/ and end with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countJUnit, reportDirs, xmlFiles } from './reports.mjs';
import { binaryEnv } from './system-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const scripts = join(root, 'scripts');
const dirs = reportDirs(root);
for (const d of dirs) rmSync(join(d, 'reports'), { recursive: true, force: true });

// Every test then runs the binaries bootstrap found (alertmanager or chromium-browser under another name included).
const env = { ...process.env, ...binaryEnv('test'), TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' };
// VIGIL_TEST_ONLY (absolute test file paths, comma-separated; the fresh-clone check's narrowed run) builds and tests
// only the workspaces holding those files, and run-node-tests.mjs runs only those files.
const only = process.env.VIGIL_TEST_ONLY ? process.env.VIGIL_TEST_ONLY.split(',') : undefined;
const narrowed = only ? dirs.filter((d) => d !== scripts && only.some((f) => f.startsWith(d + sep))).map((d) => `--filter=./${relative(root, d)}`) : [];
const defaultTasks = only ? ['build', 'test'] : ['lint', 'typecheck', 'build', 'test'];
const tasks = process.argv.slice(2).length ? process.argv.slice(2) : defaultTasks;
const turbo = spawnSync('npx', ['turbo', 'run', ...tasks, ...narrowed, '--continue', '--concurrency=2', '--output-logs=full'], {
  cwd: root,
  stdio: 'inherit',
  env,
});

// scripts/ is no workspace: its tests run here. VIGIL_FRESH_CLONE_CHECK=1 (.ci/run) adds the fresh-clone check,
// which runs `npm test` in a clone with VIGIL_IN_FRESH_CLONE=1, so it never starts itself again.
let scriptsStatus = 0;
if (tasks.includes('lint')) {
  console.log('\n> scripts: eslint');
  scriptsStatus = spawnSync('npx', ['eslint', 'scripts'], { cwd: root, stdio: 'inherit', env }).status ?? 1;
}
if (tasks.includes('test')) {
  const files = readdirSync(join(scripts, 'test')).filter((n) => n.endsWith('.test.mjs')).map((n) => `test/${n}`).sort()
    .filter((f) => !only || only.includes(join(scripts, f)));
  if (files.length) {
    console.log(`\n> scripts: ${files.join(' ')}`);
    const r = spawnSync(process.execPath, ['run-node-tests.mjs', ...files], { cwd: scripts, stdio: 'inherit', env });
    if (r.status !== 0) scriptsStatus = r.status ?? 1;
  }
  if (process.env.VIGIL_FRESH_CLONE_CHECK === '1' && !process.env.VIGIL_IN_FRESH_CLONE) {
    // Its own run: it waits on a whole `npm start` and a narrowed `npm test` in the clone, so its time limits are
    // its own deadlines plus a margin (the per-file defaults would cut it short). Its report goes beside the others.
    const minutes = Number(process.env.VIGIL_FRESH_CLONE_START_MINUTES ?? 12) + Number(process.env.VIGIL_FRESH_CLONE_TEST_MINUTES ?? 12) + 3;
    console.log('\n> scripts: checks/fresh-clone.test.mjs');
    const r = spawnSync(process.execPath, ['run-node-tests.mjs', 'checks/fresh-clone.test.mjs'], {
      cwd: scripts,
      stdio: 'inherit',
      env: { ...env, VIGIL_TEST_REPORTS_DIR: 'reports/fresh-clone', VIGIL_TEST_TIMEOUT_MS: String(minutes * 60_000), VIGIL_TEST_FILE_TIMEOUT_MS: String((minutes + 2) * 60_000) },
    });
    if (r.status !== 0) scriptsStatus = r.status ?? 1;
  }
}

let passed = 0, failed = 0, skipped = 0;
console.log('\nTest reports:');
for (const d of dirs) {
  for (const f of xmlFiles(join(d, 'reports'))) {
    const c = countJUnit(readFileSync(f, 'utf8'));
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
    console.log(`  ${relative(root, f)}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`);
  }
}
if (turbo.status !== 0 || scriptsStatus !== 0) {
  console.log('\na task failed (see the output above: a build, lint, typecheck or test step, or the scripts tests).');
  if (failed === 0) failed = 1;
}
if (passed + failed === 0) {
  console.log('\nno test results were found under any workspace reports/ folder');
  failed = 1;
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
