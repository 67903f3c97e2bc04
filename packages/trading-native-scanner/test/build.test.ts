// The optional build: where the toolchain or Node's headers are missing it says so in one line, exits 0 and
// leaves no addon behind, and loading the package then throws that reason; where it is built, the addon loads
// and names the event schema it was generated from.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** A copy of the package in a temporary folder, so a build there cannot touch the real one. */
function copyPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-native-'));
  for (const f of ['package.json', 'index.cjs', 'binding.gyp', 'src', 'scripts']) cpSync(join(PACKAGE, f), join(dir, f), { recursive: true });
  return dir;
}

function build(dir: string, env: Record<string, string | undefined>) {
  const r = spawnSync(process.execPath, [join(dir, 'scripts', 'build.mjs')], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('build without a toolchain', () => {
  let dir: string;
  before(() => {
    dir = copyPackage();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 with one line naming what is missing, removes a stale addon, and loading says why', () => {
    // An addon from an earlier build, older than the sources: it must not stay behind to be loaded.
    const stale = join(dir, 'build', 'Release', 'ingest_scan.node');
    mkdirSync(join(dir, 'build', 'Release'), { recursive: true });
    writeFileSync(stale, 'not an addon');
    utimesSync(stale, new Date(0), new Date(0));
    const empty = mkdtempSync(join(tmpdir(), 'vigil-empty-path-'));
    const r = build(dir, { PATH: empty, CXX: undefined, PYTHON: undefined });
    rmSync(empty, { recursive: true });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^trading-native-scanner: not built, missing a C\+\+ compiler \(g\+\+\), make, python3.*; the trading exporter checks ingest bodies on its JavaScript path$/);
    assert.equal(existsSync(stale), false);
    assert.throws(
      () => require(dir),
      (err: NodeJS.ErrnoException) => err.code === 'VIGIL_NATIVE_NOT_BUILT' && /not built: missing a C\+\+ compiler \(g\+\+\), make, python3/.test(err.message),
    );
  });

  it('names missing Node.js headers', () => {
    const r = build(dir, { npm_config_nodedir: join(dir, 'no-such-node') });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`^trading-native-scanner: not built, missing .*Node\\.js ${process.version.replace(/\./g, '\\.')} headers \\(node_api\\.h; set npm_config_nodedir\\)`));
    assert.match(readFileSync(join(dir, 'build', 'not-built.txt'), 'utf8'), /headers/);
  });
});

describe('the built addon', () => {
  let addon: { scanBatch: (...args: unknown[]) => unknown; schemaFingerprint: string } | undefined;
  let why = '';
  try {
    addon = require(PACKAGE);
  } catch (err) {
    why = (err as Error).message;
  }
  if (!addon) {
    it.skip(`did not run: ${why}`);
    return;
  }

  it('names the event schema it was generated from', () => {
    const header = readFileSync(join(PACKAGE, 'src', 'event-schema.generated.h'), 'utf8');
    assert.match(addon!.schemaFingerprint, /^[0-9a-f]{16}$/);
    assert.ok(header.includes(`kSchemaFingerprint[] = "${addon!.schemaFingerprint}"`));
  });

  it('is unsure of what is not a batch and refuses wrong arguments', () => {
    assert.equal(addon!.scanBatch(Buffer.from('not json'), 'json', Date.now(), 300_000), undefined);
    assert.equal(addon!.scanBatch(Buffer.from('[]'), 'json', Date.now(), 300_000), undefined);
    assert.throws(() => addon!.scanBatch('text', 'json', Date.now(), 300_000), /bytes must be a Uint8Array/);
    assert.throws(() => addon!.scanBatch(Buffer.from('[]'), 'xml', Date.now(), 300_000), /format must be 'json' or 'ndjson'/);
  });
});
