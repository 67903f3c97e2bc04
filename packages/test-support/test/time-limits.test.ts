// The time limits of scripts/run-node-tests.mjs and the fail-fast lookups, run for real: a hung test file is killed
// with everything it started and reported as a failure naming it; a test that needs a missing binary fails in
// seconds with one line naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot, tempDir, waitFor } from '../src/index.js';

const RUNNER = join(repoRoot(), 'scripts', 'run-node-tests.mjs');

interface Run {
  status: number | null;
  output: string;
  ms: number;
}

/** Runs the test runner in `cwd` on `files`; the test's own limit stops a runner that would not end. */
function runTests(cwd: string, files: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, [RUNNER, ...files], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output, ms: Date.now() - started })));
}

/** A process that has not exited (a zombie waiting for its reaper has). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

test('a hung test file is killed with the processes it started and reported as a failure naming it', { timeout: 60_000 }, async () => {
  const dir = tempDir('vigil-hung-');
  const pidFile = join(dir, 'server.pid');
  writeFileSync(
    join(dir, 'hung.test.mjs'),
    `import { test } from 'node:test';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
// A server the test starts and never stops, and a handle that keeps the file's process alive for good.
const server = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
writeFileSync(${JSON.stringify(pidFile)}, String(server.pid));
setInterval(() => {}, 1000);
test('waits forever', () => new Promise(() => {}));
`,
  );
  const r = await runTests(dir, ['hung.test.mjs'], { VIGIL_TEST_TIMEOUT_MS: '60000', VIGIL_TEST_FILE_TIMEOUT_MS: '8000' });
  assert.equal(r.status, 1, r.output);
  assert.match(r.output, /✖ hung\.test\.mjs was killed after 8 s, its time limit \(VIGIL_TEST_FILE_TIMEOUT_MS\)/);
  assert.ok(r.ms < 40_000, `the runner ended ${r.ms} ms after it started`);
  const server = Number(readFileSync(pidFile, 'utf8'));
  await waitFor(() => !alive(server), { what: `the server the file started (pid ${server}) to be killed with it`, timeoutMs: 10_000 });
  const reports = readdirSync(join(dir, 'reports'));
  assert.equal(reports.length, 1);
  const xml = readFileSync(join(dir, 'reports', reports[0]!), 'utf8');
  assert.match(xml, /<testcase name="hung\.test\.mjs" classname="time limit">\s*<failure message="hung\.test\.mjs was killed after 8 s/);
});

test('a test longer than the per-test limit fails as timed out and the runner goes on to the next file', { timeout: 60_000 }, async () => {
  const dir = tempDir('vigil-slow-');
  writeFileSync(join(dir, 'a-slow.test.mjs'), `import { test } from 'node:test';\ntest('slow', () => new Promise((r) => setTimeout(r, 120_000)));\n`);
  writeFileSync(join(dir, 'b-quick.test.mjs'), `import { test } from 'node:test';\ntest('quick', () => {});\n`);
  const r = await runTests(dir, ['a-slow.test.mjs', 'b-quick.test.mjs'], { VIGIL_TEST_TIMEOUT_MS: '15000' });
  assert.equal(r.status, 1, r.output);
  assert.match(r.output, /test timed out after 15000ms/);
  assert.match(r.output, /✔ quick/);
  assert.match(r.output, /failed test files:\n {2}a-slow\.test\.mjs\n(?! {2})/);
});

test('tests needing promtool with PROMTOOL_BIN=/nonexistent fail in seconds with one line naming it', { timeout: 60_000 }, async () => {
  // This package's own server tests: two of them run promtool (the node_exporter check and assertMetricsClean).
  const r = await runTests(join(repoRoot(), 'packages', 'test-support'), ['test/servers.test.ts'], {
    PROMTOOL_BIN: '/nonexistent',
    VIGIL_TEST_REPORTS_DIR: tempDir('vigil-missing-bin-'),
  });
  assert.equal(r.status, 1, r.output);
  const lines = r.output.split('\n').filter((l) => l.includes('promtool is missing'));
  assert.ok(lines.length >= 2, r.output);
  for (const line of lines) {
    assert.match(
      line,
      /promtool is missing: PROMTOOL_BIN=\/nonexistent is not an executable file; install the Debian package prometheus \(apt-get install -y --no-install-recommends prometheus\) or point PROMTOOL_BIN at promtool\]?$/,
    );
  }
  assert.match(r.output, /✔ Prometheus: ready, queryable/, 'the tests that do not need promtool still pass');
  assert.doesNotMatch(r.output, /nullnull/);
  // The test that only runs promtool fails at once: the lookup spawns nothing.
  const ms = Number(/✖ assertMetricsClean fails with promtool findings \(([\d.]+)ms\)/.exec(r.output)?.[1]);
  assert.ok(ms < 1000, `assertMetricsClean's test took ${ms} ms to fail`);
});
