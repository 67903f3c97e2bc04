// The data folder's lock against real stacks: what a killed stack leaves behind does not share the folder with the
// next one, a closed terminal stops the stack, and a pid reused since the lock was written does not block.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, waitFor } from '@vigil/test-support';
import { lockDataDir, processStart } from '../src/data-dir-lock.js';
import { Stack } from '../src/stack.js';
import { alive, fakeRoot, processesOf, spawnStack, TINY_EXPORTER } from './helpers.js';

const quiet = () => {};
const tinyRoot = () => fakeRoot({ tiny: { vigilStack: [{ name: 'tiny', port: 9560, health: '/ready', scrapeJob: 'tiny', command: ['node', 'tiny.mjs', '{port}'] }], files: { 'tiny.mjs': TINY_EXPORTER } } });

/** Last resort for a failed test: no component may outlive it (each runs in its own process group). */
function killGroups(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

test('a stack killed with SIGKILL: the next start on its folder stops the components it left running, then starts', async () => {
  const root = tinyRoot();
  const dataDir = tempDir('vigil-killed-');
  const first = spawnStack([`--root=${root}`, '--ports=free', `--data-dir=${dataDir}`]);
  await first.up();
  const left = processesOf(root, dataDir);
  after(() => killGroups(left));
  assert.equal(left.length, 3, 'alertmanager, prometheus and tiny run');
  first.child.kill('SIGKILL');
  await first.exited;
  // Its components run in their own process groups: a SIGKILL of the stack does not reach them.
  assert.ok(left.every(alive), 'the killed stack left its components running');
  const lines: string[] = [];
  const next = new Stack({ root, dataDir, ports: 'free', log: (l) => lines.push(l) });
  after(() => next.stop());
  await next.start();
  for (const pid of left) assert.equal(alive(pid), false, `pid ${pid} of the killed stack was stopped`);
  assert.match(lines.join('\n'), /stopping what a stack killed earlier left running: alertmanager \(pid \d+\), prometheus \(pid \d+\), tiny \(pid \d+\)/);
  assert.equal(readFileSync(join(dataDir, 'stack.pid'), 'utf8').split('\n')[0].split(' ')[0], String(process.pid));
  await next.stop();
  assert.equal(existsSync(join(dataDir, 'stack.pid')), false);
});

test('a closed terminal (SIGHUP) stops the stack and every component, and releases the folder', async () => {
  const root = tinyRoot();
  const dataDir = tempDir('vigil-hup-');
  const s = spawnStack([`--root=${root}`, '--ports=free', `--data-dir=${dataDir}`]);
  await s.up();
  const children = processesOf(root, dataDir);
  assert.equal(children.length, 3, 'alertmanager, prometheus and tiny run');
  after(() => killGroups(children));
  s.child.kill('SIGHUP');
  assert.equal(await s.exited, 0, s.output());
  await waitFor(async () => (children.some(alive) ? undefined : true), { what: 'every component stopped', timeoutMs: 15_000 });
  assert.equal(existsSync(join(dataDir, 'stack.pid')), false);
});

test('a lock naming a pid that now belongs to another process (a restarted container) does not block the start', async () => {
  const root = tinyRoot();
  for (const lock of [
    // Written before start times were kept, by a stack whose pid this process has now: not this process's lock.
    `${process.pid}\n`,
    // The pid runs, but it started at another time than the stack that wrote the lock.
    `${process.pid} 1\n`,
  ]) {
    const dataDir = tempDir('vigil-reused-');
    writeFileSync(join(dataDir, 'stack.pid'), lock);
    const stack = new Stack({ root, dataDir, ports: 'free', log: quiet });
    try {
      await stack.start();
    } finally {
      await stack.stop();
    }
  }
});

test("taking over a stale lock signals only processes that are the ones it names: a reused pid is left alone", async () => {
  // Two unrelated processes, each the leader of its own group, as a component would be.
  const bystanders = [0, 1].map(() => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' }));
  after(() => killGroups(bystanders.map((b) => b.pid!)));
  await waitFor(async () => (bystanders.every((b) => processStart(b.pid!) !== undefined) ? true : undefined), { what: 'bystanders running', timeoutMs: 10_000 });
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  const dataDir = tempDir('vigil-bystander-');
  // A killed stack's lock whose component pids are now other processes': one named without a start time (as on a
  // system without /proc), one with another start time.
  writeFileSync(join(dataDir, 'stack.pid'), `${dead} 1\n${bystanders[0].pid} - prometheus\n${bystanders[1].pid} 1 alertmanager\n`);
  const lines: string[] = [];
  const lock = await lockDataDir(dataDir, { log: (l) => lines.push(l), graceMs: 500 });
  lock.release();
  for (const b of bystanders) assert.equal(alive(b.pid), true, `pid ${b.pid} not signalled`);
  assert.match(lines.join('\n'), new RegExp(`may have left these running .*prometheus \\(pid ${bystanders[0].pid}\\)`));
});
