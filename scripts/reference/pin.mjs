#!/usr/bin/env node
// Maintainer tool: rewrites manifest.json (what `npm run reference:fetch` downloads, from where, and each output
// file's sha256) from a complete copy of the shared data, by default ../shared: reference/<set>/... becomes
// .reference/<set>/..., schemas/<file> becomes .reference/schemas/<file>. The provenance below is that of the
// READMEs in ../shared/reference and ../shared/schemas; run this again when a pin moves.
// Usage: node scripts/reference/pin.mjs [shared-dir]
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sharedDir = resolve(process.argv[2] ?? join(here, '..', '..', '..', 'shared'));

const NODE_EXPORTER = { repo: 'prometheus/node_exporter', commit: '1b48970ffcf5630534fb00bb0687d73c66d1c959' }; // v1.5.0
// The last commit with proc/net/dev, before netdev moved to netlink (a71d0bdd).
const NODE_EXPORTER_NETDEV = { ...NODE_EXPORTER, commit: 'f23a956c4fece3bd454925a40e598bab44f4fd76' };
const SLOTH = { repo: 'slok/sloth', commit: '0e395d81513ff701f5d27b7aa47d794cb764fd5e' };
const CCXT_COMMITS = {
  'response/binance.json': 'b5ba50d7ef3958a074437cce9c7b18c7be3a62f0',
  'response/okx.json': 'f42156b76cb504f331e5354c0fbec6bb5e884c7c',
  'response/bybit.json': 'b87240393cdd7ece6289aedd753e269ee210abc6',
  'response/kraken.json': 'b87240393cdd7ece6289aedd753e269ee210abc6',
  'response/coinbase.json': '761f1cfd815209890db6a38195dde7b84ce999a4',
  'request/kraken.json': '93840a09ef86f4189af42f6a705527f99c01eae2',
  'markets/binance.json': '0dca8ac0a3ce97d642fd9973b3121c2d6e3e3063',
  'markets/okx.json': '3802e1a243497a0ffd025df7a97023315217391f',
  'markets/bybit.json': '1f8d53ec6ee5e019956c2fd2dc204102b924716d',
  'markets/kraken.json': '1900a8a15f6133ed544d91ca5c2579b0b3e122bf',
  'markets/coinbase.json': '1ddbcbfd1a915d556ae83b3a2de9f21743abf144',
};
const SCHEMAS = {
  'plugin.schema.json': { repo: 'grafana/plugin-validator', commit: 'a7e38aae36a336062e9aa5ee9dd36435851daac2', path: 'config/plugin.schema.json' },
  'compose-spec.json': { repo: 'compose-spec/compose-spec', commit: '170098ba07d9f53c383a41bfd4c5166b0a4529a6', path: 'schema/compose-spec.json' },
  ...Object.fromEntries(['dashboard', 'prometheus', 'timeseries'].map((k) => [`grafana-${k}.jsonschema.json`,
    { repo: 'grafana/grafana-foundation-sdk', commit: 'f178d5a42a8915fdda9235e97ad93881e3f94fef', path: `jsonschema/${k}.jsonschema.json` }])),
};
// "In markets/coinbase.json, the ADA/USDC:USDC entry stops after tierBased" (its fee-tier tail was not captured).
const CCXT_TRUNCATED = { 'markets/coinbase.json': { 'ADA/USDC:USDC': 'tierBased' } };

function filesUnder(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : n === 'README.md' ? [] : [p];
  }).sort();
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

function source(out, bytes) {
  const [set, ...rest] = out.split('/');
  const rel = rest.join('/');
  if (set === 'node-exporter') {
    if (rel === 'e2e-output.txt') return { ...NODE_EXPORTER, path: 'collector/fixtures/e2e-output.txt' };
    if (rel === 'proc/net/dev') return { ...NODE_EXPORTER_NETDEV, path: 'collector/fixtures/proc/net/dev' };
    if (rel.startsWith('proc/')) return { ...NODE_EXPORTER, path: `collector/fixtures/${rel}` };
    // Entries under sys/bus/*/devices are symlinks in sysfs and in sys.ttar; the reference holds their target text.
    if (rel.startsWith('sys/')) {
      return { ...NODE_EXPORTER, path: 'collector/fixtures/sys.ttar', ttar: rel, ...(/^sys\/bus\/[^/]+\/devices\//.test(rel) ? { symlink: true } : {}) };
    }
  }
  if (set === 'sloth') {
    const m = /^(specs|sloth-gen)\/([^/]+\.yml)$/.exec(rel);
    if (m) return { ...SLOTH, path: m[1] === 'specs' ? `examples/${m[2]}` : `examples/_gen/${m[2]}` };
  }
  if (set === 'ccxt' && CCXT_COMMITS[rel]) {
    const doc = JSON.parse(bytes.toString('utf8'));
    const ccxt = rel.startsWith('markets/')
      ? { symbols: Object.keys(doc), ...(CCXT_TRUNCATED[rel] ? { truncateAfter: CCXT_TRUNCATED[rel] } : {}) }
      : { keys: Object.keys(doc), methods: Object.fromEntries(Object.entries(doc.methods).map(([m, e]) => [m, e.map((_, i) => i)])) };
    return { repo: 'ccxt/ccxt', commit: CCXT_COMMITS[rel], path: `ts/src/test/static/${rel}`, ccxt };
  }
  if (set === 'schemas' && SCHEMAS[rel]) return SCHEMAS[rel];
  throw new Error(`${out}: no known upstream source (add it to scripts/reference/pin.mjs)`);
}

const referenceDir = join(sharedDir, 'reference');
const schemasDir = join(sharedDir, 'schemas');
const copies = [
  ...filesUnder(referenceDir).map((file) => [file, relative(referenceDir, file)]),
  ...filesUnder(schemasDir).map((file) => [file, `schemas/${relative(schemasDir, file)}`]),
];
const files = copies.map(([file, out]) => {
  const bytes = readFileSync(file);
  return { out, sha256: sha256(bytes), ...source(out, bytes) };
});
const manifest = {
  about: 'Peers\' public test data that `npm run reference:fetch` brings into .reference/: each output file, its upstream ' +
    'repository, commit and path, how it is cut from that file, and its sha256. Written by scripts/reference/pin.mjs.',
  files,
};
writeFileSync(join(here, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`manifest.json: ${files.length} files from ${sharedDir}`);
