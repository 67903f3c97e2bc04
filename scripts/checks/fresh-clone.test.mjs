// The fresh-clone check (CI runs it from `npm test` when VIGIL_FRESH_CLONE_CHECK=1, see .ci/run): clones the
// committed HEAD into an empty temp folder with no ../shared beside it and runs the README's two commands there.
// `npm start` (free ports) must bring the stack up with every Prometheus target up and stop cleanly on SIGTERM;
// `npm test`, narrowed to the test files that read reference data (reference-tests.mjs; the outer run covers the
// rest), must pass, or fail only in tests that name `npm run reference:fetch`.
// Like `npm ci --prefer-offline` with npm's cache, the clone reads the outer checkout's turbo cache (read-only), so
// builds whose inputs are committed unchanged are replayed; VIGIL_FRESH_CLONE_COLD=1 builds from nothing.
// Alone: cd scripts && node run-node-tests.mjs checks/fresh-clone.test.mjs   (VIGIL_KEEP_FRESH_CLONE=1 keeps it)
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { reportDirs, junitFailures, xmlFiles } from '../reports.mjs';
import { referenceTests } from './reference-tests.mjs';
import { FETCH_COMMAND, judgeTestRun } from './verdict.mjs';

if (process.env.VIGIL_IN_FRESH_CLONE) {
  throw new Error('the fresh-clone check does not run inside a fresh clone (VIGIL_IN_FRESH_CLONE is set)');
}

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const MINUTE = 60_000;
// Deadlines that bound the check even when something hangs (on the project's 2-core machine, loaded by other
// work, a fresh clone's npm start took 5-9 minutes and its npm test about 6); overridable for slower machines.
const START_MINUTES = Number(process.env.VIGIL_FRESH_CLONE_START_MINUTES ?? 12);
const TEST_MINUTES = Number(process.env.VIGIL_FRESH_CLONE_TEST_MINUTES ?? 12);
const work = mkdtempSync(join(tmpdir(), 'vigil-fresh-clone-'));
const clone = join(work, 'vigil');
const timings = [];
let failed = false;

after(() => {
  killLeftovers();
  console.log(`fresh-clone check timings: ${timings.map(([k, ms]) => `${k} ${Math.round(ms / 1000)} s`).join(', ')}`);
  if (failed || process.env.VIGIL_KEEP_FRESH_CLONE) console.log(`fresh-clone check: the clone and its logs are kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
});

/** The environment of a new user's shell: nothing of the outer npm run, no reference data pointer. */
function freshEnv() {
  const env = {};
  const keepNpm = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  for (const [k, v] of Object.entries(process.env)) {
    if ((k.startsWith('npm_') && !keepNpm.has(k)) || k === 'INIT_CWD') continue;
    if (k === 'VIGIL_REFERENCE_DIR' || k === 'VIGIL_FRESH_CLONE_CHECK' || k === 'NODE_OPTIONS' || k.startsWith('NODE_TEST') || k.startsWith('VIGIL_TEST_')) continue;
    env[k] = v;
  }
  return { ...env, ...turboCache(), VIGIL_IN_FRESH_CLONE: '1' };
}

/** The outer checkout's turbo cache, read-only (turbo keeps it beside the main worktree's .git). */
function turboCache() {
  if (process.env.VIGIL_FRESH_CLONE_COLD) return {};
  const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: REPO, encoding: 'utf8' }).trim();
  const dir = join(dirname(common), '.turbo', 'cache');
  return existsSync(dir) ? { TURBO_CACHE_DIR: dir, TURBO_CACHE: 'local:r' } : {};
}

/** Runs `npm <args>` in the clone in its own process group, its output teed to a log file and kept. */
function npm(args, logName, extraEnv = {}) {
  const child = spawn('npm', args, { cwd: clone, env: { ...freshEnv(), ...extraEnv }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(join(work, logName));
  const run = { child, output: '', exit: undefined, logFile: join(work, logName) };
  const onData = (d) => {
    log.write(d);
    run.output = (run.output + d).slice(-4_000_000);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  run.exited = new Promise((done) => child.on('exit', (code, signal) => done((run.exit = { code, signal }))));
  return run;
}

async function until(what, deadlineMs, check) {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${Math.round(deadlineMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const tail = (run) => run.output.split('\n').slice(-40).join('\n');

async function timed(name, fn) {
  const t0 = Date.now();
  try {
    return await fn();
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    timings.push([name, Date.now() - t0]);
  }
}

/** Processes whose working directory is inside the clone: the stack's, if any outlived it. */
function processesInClone() {
  const pids = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`).startsWith(clone)) pids.push(Number(pid));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** The test files that node's runner is running in the clone (one child process per file; not the runner's own list). */
function testFilesRunning() {
  return processesInClone().flatMap((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (args.includes('--test')) return [];
      return args.filter((a) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(a)).map((a) => relative(clone, resolve(readlinkSync(`/proc/${pid}/cwd`), a)));
    } catch {
      return [];
    }
  });
}

function killLeftovers() {
  for (const pid of processesInClone()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

test('fresh clone: git clone of the committed HEAD, with no ../shared beside it', () =>
  timed('clone', () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    execFileSync('git', ['clone', '--quiet', '--no-checkout', REPO, clone]);
    execFileSync('git', ['checkout', '--quiet', '--detach', head], { cwd: clone });
    assert.ok(!existsSync(join(work, 'shared')) && !existsSync(join(clone, '.reference')) && !existsSync(join(clone, 'node_modules')));
    console.log(`fresh-clone check: ${head.slice(0, 12)} cloned into ${clone}`);
  }));

test('fresh clone: `npm start` brings the stack up with every Prometheus target up, and SIGTERM stops it cleanly', async () => {
  assert.ok(existsSync(join(clone, 'package.json')), 'the clone step failed');
  const run = npm(['start', '--', '--ports=free', '--scrape-interval=2s'], 'npm-start.log');
  try {
    // npm ci and a full build come first on a fresh clone.
    const prometheus = await timed('npm start until the stack is up', () =>
      until('the stack to print its URLs', START_MINUTES * MINUTE, () => {
        if (run.exit) throw new Error(`npm start exited (${JSON.stringify(run.exit)}) before the stack was up:\n${tail(run)}`);
        return /The Vigil local stack is up:[\s\S]*^\s+prometheus\s+(http:\/\/127\.0\.0\.1:\d+)/m.exec(run.output)?.[1];
      }));
    const targets = await timed('every Prometheus target up', () =>
      until('every Prometheus target to be up', 2 * MINUTE, async () => {
        const body = await fetch(`${prometheus}/api/v1/targets?state=active`).then((r) => r.json(), () => undefined);
        const active = body?.data?.activeTargets ?? [];
        return active.length > 0 && active.every((t) => t.health === 'up') ? active : undefined;
      }).catch(async (err) => {
        const body = await fetch(`${prometheus}/api/v1/targets?state=active`).then((r) => r.json(), () => ({}));
        const down = (body.data?.activeTargets ?? []).map((t) => `${t.labels.job} ${t.scrapeUrl} ${t.health} ${t.lastError}`);
        throw new Error(`${err.message}:\n  ${down.join('\n  ')}`);
      }));
    const jobs = targets.map((t) => t.labels.job).sort();
    console.log(`fresh-clone check: ${targets.length} targets up: ${jobs.join(', ')}`);
    assert.ok(jobs.includes('prometheus') && jobs.includes('alertmanager') && targets.length >= 4, jobs.join(', '));

    const exit = await timed('SIGTERM until npm start exits', () => {
      run.child.kill('SIGTERM'); // npm's own pid, as `kill <pid>` or a service manager would
      return Promise.race([run.exited, until('npm start to exit after SIGTERM', MINUTE, () => run.exit)]);
    });
    assert.deepEqual(exit, { code: 0, signal: null }, tail(run));
    assert.match(run.output, /SIGTERM: stopping the local stack[\s\S]*stopped\./);
    assert.deepEqual(processesInClone(), [], 'no process of the stack outlives npm start');
    await assert.rejects(fetch(`${prometheus}/-/ready`), 'Prometheus no longer answers');
  } catch (err) {
    failed = true;
    throw new Error(`${err.message}\n(full log: ${run.logFile})`);
  } finally {
    if (!run.exit) {
      try {
        process.kill(-run.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    killLeftovers();
  }
});

test(`fresh clone: \`npm test\` of the tests that read reference data passes, or every failure names \`${FETCH_COMMAND}\``, async () => {
  assert.ok(existsSync(join(clone, 'node_modules')), 'npm start did not install the dependencies');
  // Only these can behave differently without ../shared; the outer `npm test` ran everything else on this commit.
  const only = referenceTests(clone);
  assert.ok(only.length >= 5, `too few reference-reading tests found: ${only.join(', ')}`);
  console.log(`fresh-clone check: npm test narrowed to ${only.length} files that read reference data: ${only.map((f) => relative(clone, f)).join(', ')}`);
  const run = npm(['test'], 'npm-test.log', { VIGIL_TEST_ONLY: only.join(',') });
  const exit = await timed('npm test', () =>
    Promise.race([run.exited, until('npm test to finish', TEST_MINUTES * MINUTE, () => run.exit)]).catch((err) => {
      const running = testFilesRunning();
      process.kill(-run.child.pid, 'SIGKILL');
      throw new Error(`${err.message} (log: ${run.logFile}); test files still running: ${running.join(', ') || 'none'}`);
    }));
  const failures = reportDirs(clone).flatMap((d) =>
    xmlFiles(join(d, 'reports')).flatMap((f) => junitFailures(readFileSync(f, 'utf8')).map((x) => ({ ...x, report: relative(clone, f) }))));
  const summary = /^\d+ passed, \d+ failed.*$/m.exec(run.output)?.[0] ?? '(no summary line)';
  console.log(`fresh-clone check: npm test in the clone: exit ${exit.code}, ${summary}, ${failures.length} failing tests`);
  const problems = judgeTestRun({ exitCode: exit.code, output: run.output, failures });
  if (problems.length) failed = true;
  assert.deepEqual(problems, [], `npm test in the fresh clone (log: ${run.logFile}):\n  ${problems.join('\n  ')}`);
});
