#!/usr/bin/env node
// Builds the native ingest scanner (native/, N-API) with node-gyp and puts it in dist/native/, where
// src/ingest/native-scan.ts loads it (dist/ is what turbo caches and npm packs). Uses the node-gyp that npm
// bundles (npm run sets npm_config_node_gyp, and npm_config_nodedir from .npmrc), so no dependency is added.
// A failed build is a warning, not an error: without a compiler the exporter still runs, on the JS path; the
// tests (test/native-scan.test.ts) fail instead, unless VIGIL_INGEST_NATIVE=0 says so on purpose.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = join(root, 'native');
const gyp = process.env.npm_config_node_gyp;
const [cmd, args] = gyp ? [process.execPath, [gyp]] : ['node-gyp', []];
const res = spawnSync(cmd, [...args, 'rebuild', '--loglevel=warn', '--directory', nativeDir], { stdio: ['ignore', 'ignore', 'inherit'] });
if (res.status !== 0) {
  console.warn(`build-native: node-gyp failed (${res.error?.message ?? `exit code ${res.status}`}); ingest workers will use the JS path`);
  process.exit(0);
}
mkdirSync(join(root, 'dist', 'native'), { recursive: true });
copyFileSync(join(nativeDir, 'build', 'Release', 'ingest_scan.node'), join(root, 'dist', 'native', 'ingest_scan.node'));
console.log('build-native: dist/native/ingest_scan.node');
