// `npm run reference:fetch` end to end, with no internet: upstream-shaped sources are built from a complete copy
// of the data (../shared/reference and ../shared/schemas in CI) -- node_exporter's sys.ttar written in ttar's format with
// members the fetch must leave out, ccxt files with the methods, entries, markets and keys the trimming must
// drop, in another order and indentation -- and served on 127.0.0.1 in raw.githubusercontent.com's layout.
// The fetch must rebuild exactly the reference files, every checksum as pinned, and fail naming the file when
// one differs.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadManifest } from '../reference/fetch.mjs';
import { withParents, writeTtar } from './ttar-writer.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'scripts', 'reference', 'fetch.mjs');
const SETS = ['node-exporter', 'sloth', 'ccxt', 'schemas'];

function filesUnder(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : n === 'README.md' ? [] : [p];
  });
}

/**
 * A complete copy of the data, as a map from each output path (node-exporter/proc/stat, schemas/x.json) to its
 * file: ../shared (reference/<set>/..., schemas/...) as in CI, else a .reference that a real fetch filled.
 */
function referenceCopy() {
  const shared = join(REPO, '..', 'shared');
  if (SETS.every((s) => existsSync(join(shared, s === 'schemas' ? s : join('reference', s))))) {
    const ref = join(shared, 'reference');
    const schemas = join(shared, 'schemas');
    return new Map([
      ...filesUnder(ref).map((f) => [relative(ref, f), f]),
      ...filesUnder(schemas).map((f) => [`schemas/${relative(schemas, f)}`, f]),
    ]);
  }
  const fetched = join(REPO, '.reference');
  if (SETS.every((s) => existsSync(join(fetched, s)))) return new Map(filesUnder(fetched).map((f) => [relative(fetched, f), f]));
  return undefined;
}

/** What upstream serves, keyed by URL path, made from the reference copy plus what the fetch has to cut away. */
function upstreamFrom(copy, manifest) {
  const served = new Map();
  const archives = new Map();
  for (const f of manifest.files) {
    const key = `/${f.repo}/${f.commit}/${f.path}`;
    const bytes = readFileSync(copy.get(f.out));
    if (f.ttar) {
      if (!archives.has(key)) archives.set(key, []);
      archives.get(key).push(f.symlink ? { path: f.ttar, type: 'symlink', target: bytes.toString() } : { path: f.ttar, type: 'file', data: bytes });
    } else if (f.ccxt) served.set(key, Buffer.from(JSON.stringify(ccxtUpstream(JSON.parse(bytes.toString()), f.ccxt), null, 2)));
    else served.set(key, bytes);
  }
  for (const [key, members] of archives) {
    const noise = [
      { path: 'sys/class/thermal/cooling_device0/type', type: 'file', data: Buffer.from('Processor\n') },
      { path: 'sys/class/noise/no-newline', type: 'file', data: Buffer.from('an EOF, a NULLBYTE and a \0 byte, no newline') },
      { path: 'sys/class/noise/empty', type: 'file', data: Buffer.alloc(0) },
      { path: 'sys/bus/node/devices/node0', type: 'symlink', target: '../../../devices/system/node/node0' },
    ];
    served.set(key, writeTtar(withParents([...noise, ...members])));
  }
  return served;
}

/** A ccxt fixture as upstream has it: more methods, entries, markets and keys, methods in another order. */
function ccxtUpstream(doc, spec) {
  if (spec.symbols) {
    const up = { 'ZZZ/USDT': { id: 'ZZZUSDT', symbol: 'ZZZ/USDT' } };
    for (const [symbol, market] of Object.entries(doc)) {
      up[symbol] = spec.truncateAfter?.[symbol] ? { ...market, percentage: true, tiers: { taker: [[0, 0.006]] } } : market;
    }
    return up;
  }
  const methods = { fetchOHLCV: [{ description: 'not kept', method: 'fetchOHLCV', input: ['BTC/USDT'] }] };
  for (const [name, entries] of Object.entries(doc.methods).reverse()) methods[name] = [...entries, { description: 'not kept either' }];
  return { ...doc, methods, urls: { api: 'not kept' } };
}

function runFetch(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, VIGIL_REFERENCE_BASE_URL: '' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

describe('reference:fetch against a local upstream', () => {
  const copy = referenceCopy();
  // Thrown here rather than in before(): node's JUnit report keeps a suite's own error, not a hook's.
  if (!copy) {
    throw new Error('this test builds its upstream from the peers\' reference data, which is missing: put it at ' +
      '../shared (reference/ and schemas/) beside the repository, as in CI, or run `npm run reference:fetch` (fills .reference)');
  }
  const manifest = loadManifest();
  let served;
  let server;
  let base;
  let requests = 0;
  let tmp;

  before(async () => {
    served = upstreamFrom(copy, manifest);
    tmp = mkdtempSync(join(tmpdir(), 'vigil-reference-'));
    server = createServer((req, res) => {
      requests++;
      const body = served.get(decodeURIComponent(req.url));
      res.writeHead(body ? 200 : 404).end(body ?? 'Not Found');
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => {
    server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('rebuilds exactly the reference files, each at its pinned sha256', async () => {
    const dest = join(tmp, '.reference');
    const r = await runFetch([`--base-url=${base}`, `--dest=${dest}`]);
    assert.equal(r.code, 0, r.out);
    const want = [...copy.keys()].sort();
    const got = filesUnder(dest).map((f) => relative(dest, f)).sort();
    assert.deepEqual(got, want, 'the same layout as the reference copy');
    assert.deepEqual(want, manifest.files.map((f) => f.out).sort(), 'the manifest covers every reference file');
    for (const f of manifest.files) {
      const bytes = readFileSync(join(dest, f.out));
      assert.ok(bytes.equals(readFileSync(copy.get(f.out))), `${f.out} differs from the reference copy`);
      assert.equal(sha256(bytes), f.sha256, f.out);
    }
    assert.match(readFileSync(join(dest, 'README.md'), 'utf8'), /prometheus\/node_exporter@1b48970ffcf5630534fb00bb0687d73c66d1c959/);
  });

  test('a second run finds everything in place and downloads nothing', async () => {
    const dest = join(tmp, '.reference');
    const before = requests;
    const r = await runFetch([`--base-url=${base}`, `--dest=${dest}`]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /already holds all 91 files/);
    assert.equal(requests, before);
  });

  test('a changed upstream byte fails naming the file, and leaves the previous tree as it was', async () => {
    const dest = join(tmp, '.reference');
    const loadavg = manifest.files.find((f) => f.out === 'node-exporter/proc/loadavg');
    const key = `/${loadavg.repo}/${loadavg.commit}/${loadavg.path}`;
    const good = served.get(key);
    const bad = Buffer.from(good);
    bad[0] ^= 1;
    served.set(key, bad);
    rmSync(join(dest, 'sloth', 'specs', 'home-wifi.yml')); // so the run does not stop at "already holds"
    try {
      const r = await runFetch([`--base-url=${base}`, `--dest=${dest}`]);
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /1 of 91 files did not match:\n {2}node-exporter\/proc\/loadavg: sha256 [0-9a-f]{64}, expected [0-9a-f]{64}/);
      assert.ok(!existsSync(join(dest, 'sloth', 'specs', 'home-wifi.yml')), 'nothing was written');
      assert.ok(readFileSync(join(dest, 'node-exporter', 'proc', 'loadavg')).equals(good));
      assert.deepEqual(readdirSync(tmp), ['.reference'], 'no staging folder left behind');
    } finally {
      served.set(key, good);
    }
  });

  test('a source the server does not have fails naming its URL', async () => {
    const sloth = manifest.files.find((f) => f.out === 'sloth/specs/multifile.yml');
    const key = `/${sloth.repo}/${sloth.commit}/${sloth.path}`;
    const body = served.get(key);
    served.delete(key);
    try {
      const r = await runFetch([`--base-url=${base}/`, `--dest=${join(tmp, 'other')}`]);
      assert.equal(r.code, 1, r.out);
      assert.ok(r.out.includes(`${base}${key}: HTTP 404 Not Found`), r.out);
      assert.ok(!existsSync(join(tmp, 'other')));
    } finally {
      served.set(key, body);
    }
  });
});
