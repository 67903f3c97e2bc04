// The test files whose outcome can depend on the peers' reference data or the pinned schemas (../shared, or
// .reference after `npm run reference:fetch`): files that call the helpers that find that data, and every file
// that imports such a file by a relative path, to a fixed point. The fresh-clone check runs `npm test` narrowed to
// these in a clone without the data (VIGIL_TEST_ONLY); every other test behaves the same in both places and runs
// in the outer `npm test` already.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const SOURCE = /\.(ts|tsx|mts|mjs|js|cjs)$/;
const TEST = /\.(test|spec)\.(ts|tsx|mts|mjs|js)$/;
const SKIP = new Set(['node_modules', 'dist', 'reports', 'coverage', '.reference', '.turbo', '.git']);
// The helpers that locate the data (test-support's referenceDir/schemaFile, provisioning's sharedSchema).
const FINDS_DATA = /\b(referenceDir|schemaFile|sharedSchema)\s*\(/;
const RELATIVE_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]*)\1/gm;

function sources(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (SOURCE.test(name)) out.push(p);
  }
  return out;
}

/** The file a relative specifier names (TypeScript's .js-for-.ts convention included), if it exists. */
function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
  const tries = [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    `${base}.js`,
    `${base}.mjs`,
  ];
  return tries.find((f) => existsSync(f) && statSync(f).isFile());
}

/** Absolute paths of the test files under `root` that depend on the reference data, sorted. */
export function referenceTests(root) {
  const files = sources(root).filter((f) => !f.includes(`${join(root, 'packages', 'test-support', 'src')}`));
  const imports = new Map(
    files.map((f) => {
      const text = readFileSync(f, 'utf8');
      const deps = [...text.matchAll(RELATIVE_IMPORT)].map((m) => resolveImport(f, m[2])).filter(Boolean);
      return [f, { deps, finds: FINDS_DATA.test(text) }];
    }),
  );
  const tainted = new Set([...imports].filter(([, v]) => v.finds).map(([f]) => f));
  for (let grew = true; grew;) {
    grew = false;
    for (const [f, { deps }] of imports) {
      if (!tainted.has(f) && deps.some((d) => tainted.has(d))) {
        tainted.add(f);
        grew = true;
      }
    }
  }
  return [...tainted].filter((f) => TEST.test(f) && !f.includes(`${join('scripts', 'checks')}`)).sort();
}
