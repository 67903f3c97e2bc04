// The system-deps decision logic (pure plan()), the PATH lookup against a temp dir of stub executables, and the
// install path end to end with stub apt-get and sudo scripts that record what they were asked to do.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { binaryEnv, detect, ensureSystemDeps, plan } from '../system-deps.mjs';

const SCRIPT = fileURLToPath(new URL('../system-deps.mjs', import.meta.url));
const ALL_TEST_BINS = ['prometheus', 'promtool', 'prometheus-alertmanager', 'amtool', 'prometheus-node-exporter',
  'chromium', 'openssl', 'postgres', 'initdb', 'redis-server', 'g++', 'make', 'python3'];
const tmp = mkdtempSync(join(tmpdir(), 'vigil-sysdeps-'));
// The file-system root the `dirs` lookups (Debian's /usr/lib/postgresql/<major>/bin) search: empty, so this
// machine's own PostgreSQL is never found by accident.
const ROOT = join(tmp, 'root');
mkdirSync(ROOT);
after(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function dirWith(names, mode = 0o755) {
  const dir = join(tmp, `bin${n++}`);
  mkdirSync(dir);
  for (const name of names) {
    writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, name), mode);
  }
  return dir;
}
const without = (...names) => ALL_TEST_BINS.filter((b) => !names.includes(b));

describe('plan()', () => {
  const base = { mode: 'test', broken: [], apt: true, privilege: 'none', aptListsEmpty: false, distro: 'debian' };

  test('nothing missing: ok, nothing to run', () => {
    assert.deepEqual(plan({ ...base, missing: [] }), { action: 'ok', required: [], optional: [], lines: [] });
  });

  test('no root and no sudo: stops with the one apt-get line naming just the missing packages', () => {
    const p = plan({ ...base, mode: 'start', missing: ['alertmanager'] });
    assert.equal(p.action, 'stop');
    assert.equal(p.command, 'sudo apt-get install -y --no-install-recommends prometheus-alertmanager');
    assert.equal(p.lines.filter((l) => l.includes('apt-get')).length, 1);
    assert.match(p.lines[0], /npm start needs alertmanager/);
  });

  test('two binaries of one package name the package once; optional toolchain goes in the same line', () => {
    const p = plan({ ...base, missing: ['prometheus', 'promtool', 'amtool', 'g++', 'make'] });
    assert.equal(p.command, 'sudo apt-get install -y --no-install-recommends prometheus prometheus-alertmanager g++ make');
    assert.deepEqual(p.required, ['prometheus', 'prometheus-alertmanager']);
    assert.deepEqual(p.optional, ['g++', 'make']);
  });

  test('empty apt lists (a fresh image): the line updates them first', () => {
    const p = plan({ ...base, aptListsEmpty: true, missing: ['chromium'] });
    assert.equal(p.command, 'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium');
  });

  test('Ubuntu gets chromium-browser', () => {
    assert.deepEqual(plan({ ...base, distro: 'ubuntu', missing: ['chromium'] }).required, ['chromium-browser']);
  });

  test('root: installs, update first, the optional toolchain in a step of its own', () => {
    const p = plan({ ...base, privilege: 'root', missing: ['node_exporter', 'openssl', 'python3'] });
    assert.equal(p.action, 'install');
    assert.deepEqual(p.steps, [
      { argv: ['apt-get', 'update', '-q'], optional: false },
      { argv: ['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'prometheus-node-exporter', 'openssl'], optional: false },
      { argv: ['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'python3'], optional: true },
    ]);
  });

  test('password-less sudo: the same steps through sudo -n', () => {
    const p = plan({ ...base, privilege: 'sudo', missing: ['prometheus'] });
    assert.deepEqual(p.steps.map((s) => s.argv.slice(0, 5).join(' ')), [
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get',
    ]);
    assert.equal(p.steps[1].argv.at(-1), 'prometheus');
  });

  test('only the optional toolchain missing and no privilege: warns with the line, does not stop', () => {
    const p = plan({ ...base, missing: ['g++'] });
    assert.equal(p.action, 'warn');
    assert.equal(p.command, 'sudo apt-get install -y --no-install-recommends g++');
  });

  test('no apt-get: names every missing binary with where to get it and its override, and stops', () => {
    const p = plan({ ...base, apt: false, privilege: 'root', missing: ['prometheus', 'chromium', 'make'] });
    assert.equal(p.action, 'stop');
    assert.equal(p.command, undefined);
    const text = p.lines.join('\n');
    assert.match(text, /prometheus: https:\/\/prometheus\.io\/download\/#prometheus; or set PROMETHEUS_BIN/);
    assert.match(text, /chromium or chromium-browser: https:\/\/www\.chromium\.org\/.*; or set CHROMIUM_BIN/);
    assert.match(text, /Also missing: make \(optional/);
    assert.doesNotMatch(text, /apt-get install/);
  });

  test('no apt-get and only the toolchain missing: a warning', () => {
    assert.equal(plan({ ...base, apt: false, missing: ['python3'] }).action, 'warn');
  });

  test('a broken override stops even as root: installing a package would not fix it', () => {
    const p = plan({ ...base, privilege: 'root', missing: [], broken: [{ key: 'promtool', env: 'PROMTOOL_BIN', value: '/opt/x' }] });
    assert.equal(p.action, 'stop');
    assert.match(p.lines[0], /PROMTOOL_BIN=\/opt\/x is not an executable file/);
  });
});

describe('detect() on a fake PATH', () => {
  test('finds stub executables and reports the rest as missing', () => {
    const dir = dirWith(['prometheus', 'alertmanager', 'g++']);
    const d = detect('test', { PATH: dir }, { root: ROOT });
    assert.equal(d.found.prometheus, join(dir, 'prometheus'));
    assert.equal(d.found.alertmanager, join(dir, 'alertmanager'), 'upstream tarball name');
    assert.deepEqual(d.missing, ['promtool', 'amtool', 'node_exporter', 'chromium', 'openssl', 'postgres', 'initdb', 'redis-server', 'make', 'python3']);
  });

  test("PostgreSQL's server binaries are found in Debian's versioned folder off PATH, the highest major first", () => {
    const root = join(tmp, `root${n++}`);
    for (const v of ['13', '15']) {
      const bin = join(root, 'usr/lib/postgresql', v, 'bin');
      mkdirSync(bin, { recursive: true });
      for (const name of ['postgres', 'initdb']) writeFileSync(join(bin, name), '#!/bin/sh\n', { mode: 0o755 });
    }
    const d = detect('test', { PATH: dirWith(['redis-server']) }, { root });
    assert.equal(d.found.postgres, join(root, 'usr/lib/postgresql/15/bin/postgres'));
    assert.equal(d.found.initdb, join(root, 'usr/lib/postgresql/15/bin/initdb'));
    assert.ok(d.found['redis-server']);
    assert.equal(binaryEnv('test', { PATH: '' }, { root }).POSTGRES_BIN, join(root, 'usr/lib/postgresql/15/bin/postgres'));
    assert.deepEqual(plan({ mode: 'test', missing: ['postgres', 'initdb', 'redis-server'], apt: true, privilege: 'none' }).command,
      'sudo apt-get install -y --no-install-recommends postgresql redis-server');
  });

  test('start needs only Prometheus and Alertmanager (and would like the toolchain)', () => {
    const d = detect('start', { PATH: dirWith(['prometheus', 'prometheus-alertmanager']) }, { root: ROOT });
    assert.deepEqual(d.missing, ['g++', 'make', 'python3']);
  });

  test('a file that is not executable does not count', () => {
    const d = detect('start', { PATH: dirWith(['prometheus', 'prometheus-alertmanager'], 0o644) });
    assert.deepEqual(d.missing.slice(0, 2), ['prometheus', 'alertmanager']);
  });

  test('overrides: a path, a bare name looked up on PATH, and a broken one', () => {
    const elsewhere = dirWith(['my-prometheus']);
    const dir = dirWith(['my-am']);
    const d = detect('start', {
      PATH: dir, PROMETHEUS_BIN: join(elsewhere, 'my-prometheus'), ALERTMANAGER_BIN: 'my-am', NODE_EXPORTER_BIN: '/nope',
    });
    assert.equal(d.found.prometheus, join(elsewhere, 'my-prometheus'));
    assert.equal(d.found.alertmanager, join(dir, 'my-am'));
    assert.deepEqual(d.broken, [], 'NODE_EXPORTER_BIN is not needed by start');
    const t = detect('test', { PATH: dir, NODE_EXPORTER_BIN: '/nope' });
    assert.deepEqual(t.broken, [{ key: 'node_exporter', env: 'NODE_EXPORTER_BIN', value: '/nope' }]);
  });

  test('binaryEnv() exports what was found for the variables not set', () => {
    const dir = dirWith(['chromium-browser', 'alertmanager']);
    assert.deepEqual(binaryEnv('test', { PATH: dir, ALERTMANAGER_BIN: 'alertmanager' }, { root: ROOT }), {
      CHROMIUM_BIN: join(dir, 'chromium-browser'),
    });
  });
});

describe('ensureSystemDeps() with stub apt-get and sudo', () => {
  // A stub apt-get that logs its arguments and, on install, "installs" each package's binaries into $BIN.
  const PKG_BINS = {
    prometheus: 'prometheus promtool', 'prometheus-alertmanager': 'prometheus-alertmanager amtool',
    'prometheus-node-exporter': 'prometheus-node-exporter', chromium: 'chromium', openssl: 'openssl',
    postgresql: 'postgres initdb', 'redis-server': 'redis-server', 'g++': 'g++', make: 'make', python3: 'python3',
  };
  function machineDir({ installed = [], sudo = 'none', failOn = '' } = {}) {
    const root = join(tmp, `m${n++}`);
    const bin = join(root, 'bin');
    const sbin = join(root, 'sbin');
    mkdirSync(bin, { recursive: true });
    mkdirSync(sbin);
    const log = join(root, 'calls.log');
    for (const name of installed) writeFileSync(join(bin, name), '#!/bin/sh\n', { mode: 0o755 });
    const cases = Object.entries(PKG_BINS).map(([p, bins]) => `    ${p}) for b in ${bins}; do printf '#!/bin/sh\\n' > "${bin}/$b"; /bin/chmod 755 "${bin}/$b"; done ;;`).join('\n');
    writeFileSync(join(sbin, 'apt-get'), `#!/bin/sh
echo "apt-get $* [DEBIAN_FRONTEND=$DEBIAN_FRONTEND]" >> "${log}"
case "$*" in *${failOn || '@never@'}*) exit 100 ;; esac
[ "$1" = install ] || exit 0
for p in "$@"; do
  case "$p" in
${cases}
  esac
done
`, { mode: 0o755 });
    if (sudo !== 'none') {
      writeFileSync(join(sbin, 'sudo'), `#!/bin/sh
echo "sudo $*" >> "${log}"
[ "$1" = -n ] && shift
${sudo === 'ok' ? '[ "$1" = true ] && exit 0' : 'exit 1'}
exec "$@"
`, { mode: 0o755 });
      symlinkSync('/usr/bin/env', join(sbin, 'env'));
    }
    const lists = join(root, 'lists');
    mkdirSync(lists);
    return { env: { PATH: `${bin}:${sbin}` }, bin, log, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []), lists };
  }
  const capture = () => {
    const out = [];
    return { out, log: (l) => out.push(l), error: (l) => out.push(l) };
  };

  test('root: runs apt-get update and install for just what is missing, then finds everything', () => {
    const m = machineDir({ installed: without('prometheus', 'promtool', 'chromium') });
    const c = capture();
    assert.equal(ensureSystemDeps('test', { env: m.env, isRoot: true, aptListsDir: m.lists, osRelease: 'ID=debian', root: ROOT, ...c }), 0);
    assert.deepEqual(m.calls(), [
      'apt-get update -q [DEBIAN_FRONTEND=noninteractive]',
      'apt-get install -y -q --no-install-recommends prometheus chromium [DEBIAN_FRONTEND=noninteractive]',
    ]);
    assert.deepEqual(detect('test', m.env, { root: ROOT }).missing, []);
  });

  test('root on a machine without PostgreSQL and Redis: installs postgresql and redis-server for npm test', () => {
    const m = machineDir({ installed: without('postgres', 'initdb', 'redis-server') });
    const c = capture();
    assert.equal(ensureSystemDeps('test', { env: m.env, isRoot: true, aptListsDir: m.lists, osRelease: 'ID=debian', root: ROOT, ...c }), 0);
    assert.deepEqual(m.calls(), [
      'apt-get update -q [DEBIAN_FRONTEND=noninteractive]',
      'apt-get install -y -q --no-install-recommends postgresql redis-server [DEBIAN_FRONTEND=noninteractive]',
    ]);
  });

  test('password-less sudo: the same through sudo -n', () => {
    const m = machineDir({ installed: without('amtool', 'make'), sudo: 'ok' });
    const c = capture();
    assert.equal(ensureSystemDeps('test', { env: m.env, isRoot: false, aptListsDir: m.lists, root: ROOT, ...c }), 0);
    assert.deepEqual(m.calls(), [
      'sudo -n true',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -q',
      'apt-get update -q [DEBIAN_FRONTEND=noninteractive]',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus-alertmanager',
      'apt-get install -y -q --no-install-recommends prometheus-alertmanager [DEBIAN_FRONTEND=noninteractive]',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends make',
      'apt-get install -y -q --no-install-recommends make [DEBIAN_FRONTEND=noninteractive]',
    ]);
  });

  test('sudo wants a password: stops at once with the command, installs nothing', () => {
    const m = machineDir({ installed: without('prometheus-node-exporter'), sudo: 'password' });
    const c = capture();
    assert.equal(ensureSystemDeps('test', { env: m.env, isRoot: false, aptListsDir: m.lists, root: ROOT, ...c }), 1);
    assert.deepEqual(m.calls(), ['sudo -n true']);
    assert.ok(c.out.includes('  sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus-node-exporter'), c.out.join('\n'));
  });

  test('apt-get install fails: stops naming the command that failed and the one to run', () => {
    const m = machineDir({ installed: without('openssl'), failOn: 'openssl' });
    const c = capture();
    assert.equal(ensureSystemDeps('test', { env: m.env, isRoot: true, aptListsDir: m.lists, root: ROOT, ...c }), 1);
    assert.match(c.out.join('\n'), /apt-get install -y -q --no-install-recommends openssl` failed \(exit 100\)/);
  });

  test('the optional toolchain failing to install does not stop the command', () => {
    const m = machineDir({ installed: without('g++'), failOn: 'g++' });
    const c = capture();
    assert.equal(ensureSystemDeps('test', { env: m.env, isRoot: true, aptListsDir: m.lists, root: ROOT, ...c }), 0);
    assert.match(c.out.join('\n'), /continuing without g\+\+/);
  });

  test('the CLI on a machine without apt-get: names the binaries and where to get them, exits 1', () => {
    const dir = dirWith(['prometheus']);
    const r = spawnSync(process.execPath, [SCRIPT, '--for=start'], { env: { PATH: dir }, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no apt-get/);
    assert.match(r.stderr, /prometheus-alertmanager or alertmanager: https:\/\/prometheus\.io\/download\/#alertmanager/);
    assert.doesNotMatch(r.stderr, /^ {2}prometheus:/m, 'prometheus was found');
  });
});
