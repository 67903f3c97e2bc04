#!/usr/bin/env node
// Bundles the plugin host page (host/src/main.tsx plus Grafana's shared dependencies from npm) into
// dist/host/, and copies index.html and the scenarios beside it.
import { build } from 'esbuild';
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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

// What Grafana serves beside its own bundle and @grafana/ui asks for at run time: the icon SVGs
// (public/build/img/icons/) and the Inter / Roboto Mono web fonts (public/fonts/), so a page has no 404s.
const require = createRequire(import.meta.url);
const pkgDir = (name) => dirname(require.resolve(`${name}/package.json`));
cpSync(join(pkgDir('@grafana/ui'), 'dist/public/img/icons'), `${out}public/build/img/icons`, { recursive: true });
const fonts = {
  'inter/Inter-Regular.woff2': ['@fontsource/inter', 'inter-latin-400-normal.woff2'],
  'inter/Inter-Medium.woff2': ['@fontsource/inter', 'inter-latin-500-normal.woff2'],
  'inter/Inter-Italic.woff2': ['@fontsource/inter', 'inter-latin-400-italic.woff2'],
  'inter/Inter-MediumItalic.woff2': ['@fontsource/inter', 'inter-latin-500-italic.woff2'],
  'roboto/L0xTDF4xlVMF-BfR8bXMIhJHg45mwgGEFl0_3vrtSM1J-gEPT5Ese6hmHSh0mQ.woff2': ['@fontsource/roboto-mono', 'roboto-mono-latin-400-normal.woff2'],
};
for (const [target, [pkg, file]] of Object.entries(fonts)) {
  mkdirSync(dirname(`${out}public/fonts/${target}`), { recursive: true });
  copyFileSync(join(pkgDir(pkg), 'files', file), `${out}public/fonts/${target}`);
}
// Grafana core draws the loading spinner from its own unicons/spinner.svg, which the npm package lacks: a plain arc.
writeFileSync(
  `${out}public/build/img/icons/unicons/spinner.svg`,
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 2a10 10 0 1 0 10 10h-2.5A7.5 7.5 0 1 1 12 4.5z"/></svg>\n',
);
