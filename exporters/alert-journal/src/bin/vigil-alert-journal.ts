#!/usr/bin/env node
import { runExporter } from '@vigil/exporter-kit';
import { LISTEN_ENV, applyPortEnv, journalOptions } from '../index.js';

const argv = process.argv.slice(2);
let env: NodeJS.ProcessEnv;
try {
  env = applyPortEnv(argv, process.env, LISTEN_ENV);
} catch (err) {
  process.stderr.write(`vigil-alert-journal: error: ${(err as Error).message}\n`);
  process.exit(2);
}
await runExporter(journalOptions(), { argv, env });
