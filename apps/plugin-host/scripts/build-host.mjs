#!/usr/bin/env node
// Bundles the plugin host page (host/src/main.tsx plus Grafana's shared dependencies from npm) into
// dist/host/, and copies index.html and the scenarios beside it.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

const out = new URL('../dist/host/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { main: new URL('../host/src/main.tsx', import.meta.url).pathname },
  bundle: true,
  outdir: out,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  jsx: 'automatic',
  minify: true,
  sourcemap: false,
  logLevel: 'error',
  define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
  loader: {
    '.svg': 'dataurl',
    '.woff': 'file',
    '.woff2': 'file',
    '.ttf': 'file',
    '.png': 'file',
    '.gif': 'file',
  },
});
cpSync(new URL('../host/index.html', import.meta.url), `${out}index.html`);
cpSync(new URL('../host/scenarios/', import.meta.url), `${out}scenarios/`, { recursive: true });
console.log(`plugin host bundled into ${out}`);
