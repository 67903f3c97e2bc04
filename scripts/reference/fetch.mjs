#!/usr/bin/env node
// `npm run reference:fetch`: fills <repo>/.reference/ with the peers' public test data that compatibility tests
// read (node_exporter 1.5's fixtures, sloth's examples, ccxt's static test data: .reference/<set>/, laid out as
// ../shared/reference/<set>/) and the vendored JSON schemas (.reference/schemas/, as ../shared/schemas/), for
// contributors without ../shared beside the repository (CI has it). Every file comes from a pinned upstream commit and is
// checked against the sha256 in manifest.json; a mismatch fails naming the file and leaves .reference as it was.
// Usage: node scripts/reference/fetch.mjs [--base-url=URL] [--dest=DIR]
//   --base-url  where `<owner>/<repo>/<commit>/<path>` is served (default https://raw.githubusercontent.com,
//               also VIGIL_REFERENCE_BASE_URL): a mirror, or the local server of this script's test
//   --dest      default <repo>/.reference
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trimCcxtFixture } from './ccxt.mjs';
import { parseTtar } from './ttar.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_BASE_URL = 'https://raw.githubusercontent.com';
const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;
const TIMEOUT_MS = 120_000;
const PARALLEL = 4;

export function loadManifest(file = join(here, 'manifest.json')) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
export const sourceUrl = (base, f) => `${base.replace(/\/+$/, '')}/${f.repo}/${f.commit}/${f.path}`;

/** True when every file of the manifest is already in `dest` with its pinned checksum. */
export function upToDate(manifest, dest) {
  return manifest.files.every((f) => {
    const file = join(dest, f.out);
    return existsSync(file) && sha256(readFileSync(file)) === f.sha256;
  });
}

async function download(url) {
  let res;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
  } catch (err) {
    throw new Error(`${url}: ${err.cause?.message ?? err.message}`);
  }
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${res.statusText}`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_DOWNLOAD_BYTES) throw new Error(`${url}: ${declared} bytes is more than the ${MAX_DOWNLOAD_BYTES} allowed`);
  const body = Buffer.from(await res.arrayBuffer());
  if (body.length > MAX_DOWNLOAD_BYTES) throw new Error(`${url}: more than the ${MAX_DOWNLOAD_BYTES} bytes allowed`);
  return body;
}

/** Downloads every distinct source once, a few at a time. */
async function downloadAll(urls) {
  const bodies = new Map();
  const queue = [...urls];
  const worker = async () => {
    for (let url = queue.shift(); url; url = queue.shift()) bodies.set(url, await download(url));
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return bodies;
}

/** The bytes of one output file, cut from its source as the manifest says. */
function produce(f, body, archives) {
  if (f.ttar) {
    if (!archives.has(body)) archives.set(body, parseTtar(body));
    const entry = archives.get(body).get(f.ttar);
    if (!entry) throw new Error(`${f.out}: ${f.path} has no member ${f.ttar}`);
    // A symlink is kept as a file holding its target, which is how the reference data holds it.
    if (f.symlink) {
      if (entry.type !== 'symlink') throw new Error(`${f.out}: ${f.ttar} in ${f.path} is a ${entry.type}, not a symlink`);
      return Buffer.from(entry.target);
    }
    if (entry.type !== 'file') throw new Error(`${f.out}: ${f.ttar} in ${f.path} is a ${entry.type}, not a file`);
    return entry.data;
  }
  if (f.ccxt) return Buffer.from(trimCcxtFixture(body.toString('utf8'), f.ccxt, f.out));
  return body;
}

/**
 * Fetches and checks every file, then swaps `dest` for the new tree in one rename. Throws with every file
 * whose checksum differs, and writes nothing then.
 */
export async function fetchReference({ manifest = loadManifest(), baseUrl = DEFAULT_BASE_URL, dest, log = console.log }) {
  const urls = [...new Set(manifest.files.map((f) => sourceUrl(baseUrl, f)))];
  log(`reference:fetch: ${manifest.files.length} files from ${urls.length} upstream files under ${baseUrl}`);
  const bodies = await downloadAll(urls);
  const archives = new Map();
  const outputs = [];
  const errors = [];
  for (const f of manifest.files) {
    try {
      const bytes = produce(f, bodies.get(sourceUrl(baseUrl, f)), archives);
      const got = sha256(bytes);
      if (got !== f.sha256) throw new Error(`${f.out}: sha256 ${got}, expected ${f.sha256} (from ${sourceUrl(baseUrl, f)})`);
      outputs.push([f.out, bytes]);
    } catch (err) {
      errors.push(err.message);
    }
  }
  if (errors.length) throw new Error(`${errors.length} of ${manifest.files.length} files did not match:\n  ${errors.join('\n  ')}`);

  const staging = `${dest}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const [out, bytes] of outputs) {
    mkdirSync(dirname(join(staging, out)), { recursive: true });
    writeFileSync(join(staging, out), bytes);
  }
  writeFileSync(join(staging, 'README.md'), readme(manifest, baseUrl));
  const old = `${dest}.old-${process.pid}`;
  if (existsSync(dest)) renameSync(dest, old);
  renameSync(staging, dest);
  rmSync(old, { recursive: true, force: true });
  const bytes = outputs.reduce((n, [, b]) => n + b.length, 0);
  log(`reference:fetch: wrote ${outputs.length} files (${Math.round(bytes / 1024)} KiB) to ${dest}, every sha256 as pinned`);
}

function readme(manifest, baseUrl) {
  const sources = [...new Set(manifest.files.map((f) => `${f.repo}@${f.commit}`))].sort();
  return [
    '# Peers\' reference data (written by `npm run reference:fetch`; do not edit, do not commit)',
    '',
    `Fetched from ${baseUrl} at these pinned commits, each file checked against scripts/reference/manifest.json:`,
    ...sources.map((s) => `- ${s}`),
    'Licences: node_exporter, sloth, plugin-validator, grafana-foundation-sdk, compose-spec Apache-2.0; ccxt MIT.',
    'Data only, read by the tests at run time.',
    '',
  ].join('\n');
}

async function main() {
  const args = Object.fromEntries(process.argv.slice(2).map((a) => {
    const m = /^--(base-url|dest)=(.+)$/.exec(a);
    if (!m) {
      console.error(`reference:fetch: unknown argument ${a}\nusage: node scripts/reference/fetch.mjs [--base-url=URL] [--dest=DIR]`);
      process.exit(2);
    }
    return [m[1], m[2]];
  }));
  const dest = resolve(args.dest ?? join(here, '..', '..', '.reference'));
  const baseUrl = args['base-url'] ?? process.env.VIGIL_REFERENCE_BASE_URL ?? DEFAULT_BASE_URL;
  const manifest = loadManifest();
  if (upToDate(manifest, dest)) {
    console.log(`reference:fetch: ${dest} already holds all ${manifest.files.length} files at their pinned checksums`);
    return;
  }
  try {
    await fetchReference({ manifest, baseUrl, dest });
  } catch (err) {
    console.error(`reference:fetch: ${err.message}`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
