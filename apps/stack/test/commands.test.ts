// Every command of the repository runs by its name after `npm ci` at the root (npx <command>), as the README
// says. npm links a workspace's bin into the root node_modules/.bin only when the root depends on the workspace and
// the bin's file exists at install time, before any build: so each bin is a committed executable that loads the
// built program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

interface Workspace {
  location: string;
  name: string;
  bin?: Record<string, string>;
}

function workspacesWithBins(): Workspace[] {
  const r = spawnSync('npm', ['query', '.workspace'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as Workspace[]).filter((w) => w.bin && Object.keys(w.bin).length > 0);
}

function npx(args: string[], cwd = repoRoot) {
  return spawnSync('npx', ['--no-install', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
}

test('the root depends on every workspace with a command, and each command is a committed executable', () => {
  const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const tracked = spawnSync('git', ['ls-files', '-s'], { cwd: repoRoot, encoding: 'utf8' }).stdout;
  const workspaces = workspacesWithBins();
  assert.ok(workspaces.length >= 6, workspaces.map((w) => w.name).join(', '));
  for (const ws of workspaces) {
    assert.ok(root.dependencies?.[ws.name], `the root package.json does not depend on ${ws.name}, so npm does not link its commands`);
    for (const [name, file] of Object.entries(ws.bin!)) {
      const path = join(ws.location, file).replaceAll('\\', '/');
      assert.match(tracked, new RegExp(`^100755 [0-9a-f]+ 0\\t${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'), `${name}: ${path} is not committed as an executable file`);
      assert.match(readFileSync(join(repoRoot, path), 'utf8'), /^#!\/usr\/bin\/env node\n/, `${name}: ${path} has no node shebang`);
    }
  }
});

test('npm linked every command into the root node_modules/.bin, pointing at its workspace', () => {
  for (const ws of workspacesWithBins()) {
    for (const [name, file] of Object.entries(ws.bin!)) {
      const link = join(repoRoot, 'node_modules', '.bin', name);
      assert.equal(realpathSync(link), realpathSync(join(repoRoot, ws.location, file)), name);
    }
  }
});

test('every command answers --help by its name from the root (npx), and vigil-slo validates the shipped SLOs', () => {
  for (const ws of workspacesWithBins()) {
    for (const name of Object.keys(ws.bin!)) {
      const r = npx([name, '--help']);
      assert.equal(r.status, 0, `npx ${name} --help: ${r.stderr}`);
      assert.match(r.stdout + r.stderr, new RegExp(`^usage:\\s+${name}\\b`, "im"), `npx ${name} --help`);
    }
  }
  const slo = npx(['vigil-slo', 'validate']);
  assert.equal(slo.status, 0, slo.stderr);
  assert.match(slo.stdout, /^\d+ SLOs valid$/m);
});
