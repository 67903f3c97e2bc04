'use strict';
// Loads the addon that scripts/build.mjs built, or throws an error (code VIGIL_NATIVE_NOT_BUILT) saying why it
// was not built: the trading exporter then checks ingest bodies on its JavaScript path. CommonJS, so every
// ingest worker thread can load it synchronously.
/* eslint-disable @typescript-eslint/no-require-imports */
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const addon = join(__dirname, 'build', 'Release', 'ingest_scan.node');
const notBuilt = join(__dirname, 'build', 'not-built.txt');

if (!existsSync(addon)) {
  const why = existsSync(notBuilt) ? readFileSync(notBuilt, 'utf8').trim() : 'its build has not run (npm run build -w @vigil/trading-native-scanner)';
  const err = new Error(`the native scanner addon is not built: ${why}`);
  err.code = 'VIGIL_NATIVE_NOT_BUILT';
  throw err;
}
module.exports = require(addon);
