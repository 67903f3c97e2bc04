// bootstrap.mjs says what it is about to do before the long silent steps: the real script, run from a copy of
// scripts/ in a temp root, with stub npm and npx on PATH that record when they ran (and every binary `start`
// needs stubbed, so no system package is looked for). npm's own output still reaches the user.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const tmp = mkdtempSync(join(tmpdir(), 'vigil-bootstrap-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const root = join(tmp, 'repo');
const bin = join(tmp, 'bin');
mkdirSync(join(root, 'scripts'), { recursive: true });
mkdirSync(bin);
for (const f of ['bootstrap.mjs', 'system-deps.mjs']) copyFileSync(fileURLToPath(new URL(`../${f}`, import.meta.url)), join(root, 'scripts', f));
writeFileSync(join(root, 'package-lock.json'), '{}\n');
// The stub npm prints a line as npm would and, for ci, writes the marker bootstrap checks next time.
const stub = (name, body) => {
  writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(bin, name), 0o755);
};
stub('npm', `echo "STUB npm $*"\nmkdir -p node_modules && touch node_modules/.package-lock.json`);
stub('npx', 'echo "STUB npx $*"');
for (const b of ['prometheus', 'prometheus-alertmanager', 'g++', 'make', 'python3']) stub(b, 'exit 0');

function bootstrap() {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'bootstrap.mjs'), '--for=start'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: `${bin}:/usr/bin:/bin`, HOME: tmp, PROMETHEUS_BIN: join(bin, 'prometheus'), ALERTMANAGER_BIN: join(bin, 'prometheus-alertmanager') },
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return r.stdout;
}

test('the first install is announced with how long it takes before npm ci starts, and npm still prints', () => {
  const out = bootstrap();
  const said = out.indexOf('bootstrap: installing the npm dependencies (npm ci). The first time this takes several minutes');
  const npm = out.indexOf('STUB npm ci --prefer-offline --no-audit --no-fund');
  assert.ok(said >= 0, out);
  assert.ok(npm > said, `the line comes before npm's own output:\n${out}`);
  assert.match(out, /better-sqlite3 compiles from source/);
  assert.match(out, /allowScripts is expected/);
  const build = out.indexOf('bootstrap: building every workspace');
  assert.ok(build > npm && out.indexOf('STUB npx turbo run build') > build, out);
});

test('nothing to install: no npm ci and no install line; a changed lock file is announced as a reinstall', () => {
  const quiet = bootstrap();
  assert.doesNotMatch(quiet, /STUB npm|installing the npm dependencies|package-lock\.json changed/);
  assert.match(quiet, /STUB npx turbo run build/);
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(root, 'package-lock.json'), later, later);
  const again = bootstrap();
  assert.ok(again.indexOf('bootstrap: package-lock.json changed since the last install') < again.indexOf('STUB npm ci'), again);
  assert.doesNotMatch(again, /The first time/);
});
