#!/usr/bin/env node
// Runs a workspace's tests with node's test runner (TypeScript through tsx), printing the spec report and writing
// one JUnit file per test file under reports/ (scripts/test-all.mjs adds them up).
// Usage (from a workspace): node ../../scripts/run-node-tests.mjs [file ...]
//
// Time limits, so that no test can hang the suite:
//   VIGIL_TEST_TIMEOUT_MS       node's --test-timeout: per test, per describe block and (node 20 treats the file
//                               as a test too) per file; the test that overran fails as timed out; default 480000
//   VIGIL_TEST_FILE_TIMEOUT_MS  the backstop: past it the file's whole process group (the servers it started
//                               included) is killed and the file is reported as a failure naming it, for a file
//                               whose process would not end (an open handle, a child left running); default 600000
//   VIGIL_TEST_CONCURRENCY      test files run at once; default 1
//   VIGIL_TEST_REPORTS_DIR      where the JUnit files go; default reports (emptied first)
//   VIGIL_TEST_ONLY             absolute paths, comma-separated: run only those of this workspace's files (the
//                               fresh-clone check's narrowed run, see scripts/checks/reference-tests.mjs)
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const KILL_GRACE_MS = 5_000;
// tsx as this repository installed it, whatever folder the tests run from.
const TSX = import.meta.resolve('tsx');

function findTests(dir) {
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (/\.test\.(ts|mts|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

function positive(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`run-node-tests: ${name}=${raw}: expected a positive whole number`);
    process.exit(2);
  }
  return n;
}

const xmlEscape = (s) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

/** A JUnit report holding one failed case for a file that had to be killed. */
function killedReport(file, message) {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n' +
    `  <testsuite name="${xmlEscape(file)}" tests="1" failures="1" errors="0" skipped="0">\n` +
    `    <testcase name="${xmlEscape(file)}" classname="time limit">\n` +
    `      <failure message="${xmlEscape(message)}" type="timeout">${xmlEscape(message)}</failure>\n` +
    '    </testcase>\n  </testsuite>\n</testsuites>\n'
  );
}

/** Adds the tail of the file's output to a report whose only word on a failed file is node's generic "test failed". */
function explainFileLevelFailure(report, outputTail) {
  let xml;
  try {
    xml = readFileSync(report, 'utf8');
  } catch {
    return;
  }
  const generic = /(<failure type="testCodeFailure" message="test failed">)([\s\S]*?)(<\/failure>)/;
  if (!outputTail.trim() || !generic.test(xml)) return;
  writeFileSync(report, xml.replace(generic, (_, open, body, close) => `${open}${body}\nthe file's output ended:\n${xmlEscape(outputTail)}\n${close}`));
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

// NODE_TEST_CONTEXT is set when this runner itself runs inside a test; the files it runs are top-level runs.
const childEnv = { ...process.env, TZ: 'UTC' };
delete childEnv.NODE_TEST_CONTEXT;

const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) signalGroup(child, 'SIGKILL');
    process.exit(130);
  });
}

/** Runs one test file in its own process group; resolves true when it passed. */
function runFile(file, index, limits, buffered) {
  const name = relative(process.cwd(), resolve(file));
  const report = join(reportsDir, `junit-${String(index).padStart(3, '0')}-${name.replace(/[^a-zA-Z0-9.-]+/g, '_')}.xml`);
  const child = spawn(
    process.execPath,
    [
      '--import', TSX,
      '--test',
      `--test-timeout=${limits.testMs}`,
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=junit', `--test-reporter-destination=${report}`,
      file,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv, detached: true },
  );
  running.add(child);
  let output = '';
  // The file's output, its tail kept: an error thrown while the file loads reaches only the output, and node's
  // JUnit report then says just "test failed"; the tail goes into that report (explainFileLevelFailure).
  let tail = '';
  for (const [stream, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
    stream.on('data', (d) => {
      if (buffered) output += d;
      else to.write(d);
      tail = (tail + d).slice(-4_000);
    });
  }
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    signalGroup(child, 'SIGTERM');
    setTimeout(() => signalGroup(child, 'SIGKILL'), KILL_GRACE_MS).unref();
  }, limits.fileMs);
  return new Promise((resolveRun) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      // Whatever the file started and left behind goes with it.
      signalGroup(child, 'SIGKILL');
      if (buffered) process.stdout.write(output);
      if (killed) {
        const message = `${name} was killed after ${limits.fileMs / 1000} s, its time limit (VIGIL_TEST_FILE_TIMEOUT_MS)`;
        writeFileSync(report, killedReport(name, message));
        console.log(`✖ ${message}`);
        resolveRun(false);
        return;
      }
      if (code !== 0) explainFileLevelFailure(report, tail);
      resolveRun(code === 0 && signal === null);
    });
  });
}

const args = process.argv.slice(2);
const only = process.env.VIGIL_TEST_ONLY ? new Set(process.env.VIGIL_TEST_ONLY.split(',')) : undefined;
const files = (args.length ? args : findTests('test').sort()).filter((f) => !only || only.has(resolve(f)));
if (files.length === 0) {
  console.error('run-node-tests: no test files under test/');
  process.exit(1);
}
const limits = { testMs: positive('VIGIL_TEST_TIMEOUT_MS', 480_000), fileMs: positive('VIGIL_TEST_FILE_TIMEOUT_MS', 600_000) };
const concurrency = positive('VIGIL_TEST_CONCURRENCY', 1);
const reportsDir = process.env.VIGIL_TEST_REPORTS_DIR || 'reports';
rmSync(reportsDir, { recursive: true, force: true });
mkdirSync(reportsDir, { recursive: true });

const failedFiles = [];
let next = 0;
async function lane() {
  while (next < files.length) {
    const i = next++;
    if (!(await runFile(files[i], i, limits, concurrency > 1))) failedFiles.push(files[i]);
  }
}
await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, lane));
if (failedFiles.length) console.log(`\nfailed test files:\n${failedFiles.map((f) => `  ${f}`).join('\n')}`);
process.exit(failedFiles.length ? 1 : 0);
