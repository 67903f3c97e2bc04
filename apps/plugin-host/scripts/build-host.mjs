#!/usr/bin/env node
// Bundles the plugin host page (host/src/main.tsx plus Grafana's shared dependencies from npm) into
// dist/host/, and copies index.html and the scenarios beside it.
import { build } from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const out = new URL('../dist/host/', import.meta.url).pathname;
const repoRoot = new URL('../../../', import.meta.url).pathname;

/** Bundles the page into `outdir`; `plugins`/`define` select another Grafana release's modules (below). */
async function bundlePage(outdir, { plugins = [], define = {} } = {}) {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { main: new URL('../host/src/main.tsx', import.meta.url).pathname },
    bundle: true,
    outdir,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    sourcemap: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', global: 'window', ...define },
    plugins,
    loader: {
      '.svg': 'dataurl',
      '.woff': 'file',
      '.woff2': 'file',
      '.ttf': 'file',
      '.png': 'file',
      '.gif': 'file',
    },
  });
}

await bundlePage(out);
cpSync(new URL('../host/index.html', import.meta.url), `${out}index.html`);
cpSync(new URL('../host/scenarios/', import.meta.url), `${out}scenarios/`, { recursive: true });
const buildRequire = createRequire(import.meta.url);
writeFileSync(
  `${out}grafana.json`,
  `${JSON.stringify({ version: buildRequire('@grafana/data/package.json').version })}\n`,
);
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

// The version matrix: the same page bundled against each grafana-versions/<v> workspace (that Grafana release's
// @grafana/data, ui, runtime, schema and its React), into dist/host/grafana-<v>/. Every import of those packages,
// from the page or from any dependency, resolves to the release's copy, so there is one React, as in Grafana; the
// modules the page hands plugins are that release's list (package.json "vigilGrafana.shared").
const versionsDir = join(repoRoot, 'grafana-versions');
const hostSrc = new URL('../host/src/', import.meta.url).pathname;
const SINGLETONS = /^(react|react-dom|scheduler|@grafana\/(data|ui|runtime|schema|e2e-selectors))(\/.*)?$/;
for (const name of existsSync(versionsDir) ? readdirSync(versionsDir) : []) {
  const pkgFile = join(versionsDir, name, 'package.json');
  if (!existsSync(pkgFile)) continue;
  const { vigilGrafana } = JSON.parse(readFileSync(pkgFile, 'utf8'));
  const versionDir = join(versionsDir, name);
  const versionOf = {
    name: 'grafana-version',
    setup(b) {
      // Older @grafana/runtime imports SystemJS without the extension its exports map needs: the page's one copy.
      b.onResolve({ filter: /^systemjs\/dist\/(system|extras\/amd)$/ }, async (args) => {
        const r = await b.resolve(`${args.path}.js`, { resolveDir: hostSrc, kind: args.kind });
        return r.errors.length ? { errors: r.errors } : { path: r.path };
      });
      // @grafana/ui 11+ ships .mjs files that default-import react-use's CommonJS build (exports.default); esbuild
      // gives .mjs importers Node's interop (the default is module.exports), Grafana's webpack does not: take
      // react-use's ES modules instead, as webpack would have.
      b.onResolve({ filter: /^react-use\/lib\// }, async (args) => {
        const r = await b.resolve(args.path.replace('/lib/', '/esm/'), { resolveDir: args.resolveDir, kind: args.kind });
        return r.errors.length ? undefined : { path: r.path };
      });
      b.onResolve({ filter: SINGLETONS }, async (args) => {
        if (args.pluginData === 'grafana-version') return undefined;
        const pkg = args.path.match(SINGLETONS)[0].split('/').slice(0, args.path.startsWith('@') ? 2 : 1).join('/');
        if (!existsSync(join(versionDir, 'node_modules', pkg))) return undefined;
        const r = await b.resolve(args.path, { resolveDir: versionDir, kind: args.kind, pluginData: 'grafana-version' });
        return r.errors.length ? { errors: r.errors } : { path: r.path, sideEffects: r.sideEffects };
      });
    },
  };
  const dir = `${out}grafana-${name}/`;
  await bundlePage(dir, {
    plugins: [versionOf],
    define: { __VIGIL_GRAFANA_SHARED__: JSON.stringify(vigilGrafana.shared) },
  });
  // That release's bundle (and its stylesheet, when its packages import CSS; else none).
  let html = readFileSync(new URL('../host/index.html', import.meta.url), 'utf8');
  if (!existsSync(`${dir}main.css`)) html = html.replace(/\s*<link rel="stylesheet" href="\/host\/main\.css" \/>/, '');
  writeFileSync(`${dir}index.html`, html.replaceAll('/host/main.', `/host/grafana-${name}/main.`));
  writeFileSync(`${dir}grafana.json`, `${JSON.stringify({ version: vigilGrafana.version, react: vigilGrafana.react })}\n`);
  console.log(`plugin host for Grafana ${vigilGrafana.version} (React ${vigilGrafana.react}) bundled into ${dir}`);
}
