#!/usr/bin/env node
// The test command (`npm test`, run by .ci/run): lint, typecheck, build and test every workspace through turbo,
// then add up the JUnit reports every workspace writes under reports/ and end with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function workspaces() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const out = [];
  for (const pattern of pkg.workspaces) {
    if (pattern.endsWith('/*')) {
      const parent = join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const name of readdirSync(parent)) if (existsSync(join(parent, name, 'package.json'))) out.push(join(parent, name));
    } else if (existsSync(join(root, pattern, 'package.json'))) out.push(join(root, pattern));
  }
  return out;
}

function xmlFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? xmlFiles(p) : n.endsWith('.xml') ? [p] : [];
  });
}

/** Counts <testcase> elements; a case with <failure> or <error> failed, one with <skipped> was skipped. */
export function countJUnit(xml) {
  let passed = 0, failed = 0, skipped = 0;
  const re = /<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (let m; (m = re.exec(xml)); ) {
    const inner = m[2] ?? '';
    if (/<(failure|error)\b/.test(inner)) failed++;
    else if (/<skipped\b/.test(inner)) skipped++;
    else passed++;
  }
  return { passed, failed, skipped };
}

const dirs = workspaces();
for (const d of dirs) rmSync(join(d, 'reports'), { recursive: true, force: true });

const tasks = process.argv.slice(2).length ? process.argv.slice(2) : ['lint', 'typecheck', 'build', 'test'];
const turbo = spawnSync('npx', ['turbo', 'run', ...tasks, '--continue', '--concurrency=2', '--output-logs=full'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
});

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
if (turbo.status !== 0) {
  console.log('\nturbo reported a failed task (see the output above: a build, lint, typecheck or test step failed).');
  if (failed === 0) failed = 1;
}
if (passed + failed === 0) {
  console.log('\nno test results were found under any workspace reports/ folder');
  failed = 1;
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
