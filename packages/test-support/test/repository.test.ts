// Rules of the repository's layout, checked on the real tree: workspaces import each other by package name only
// (never a relative path into another workspace's folders), packages/ holds libraries only, and the root
// README's layout table names every workspace folder and nothing that is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

import { repoRoot, tempDir } from '../src/index.js';

const root = repoRoot();

/** Workspace folders relative to the root, as npm sees them. */
function workspaces(): string[] {
  const r = spawnSync('npm', ['query', '.workspace'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as Array<{ location: string }>).map((w) => w.location).sort();
}

const SKIP = new Set(['node_modules', 'dist', 'reports', 'coverage', 'test-results', 'playwright-report', '.config']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('.') || SKIP.has(e.name)) return [];
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

// import/export ... from '…', import '…', import('…'), require('…'), typeof import('…')
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]*)\1/gm;

/** Relative imports in `files` that resolve outside the workspace folder `home`, as "file: specifier". */
function crossWorkspaceImports(home: string, files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const target = resolve(dirname(file), m[2]!);
      if (target !== home && !target.startsWith(home + sep)) found.push(`${relative(root, file)}: ${m[2]}`);
    }
  }
  return found;
}

test('no workspace imports another workspace by a relative path (packages import each other by name)', () => {
  const offences = workspaces().flatMap((ws) => {
    const home = join(root, ws);
    return crossWorkspaceImports(home, sourceFiles(home));
  });
  assert.deepEqual(offences, [], 'use the package name and its public entry point (add an export where needed)');
});

test('the import check is not a rubber stamp: it catches every form of a relative import out of a workspace', () => {
  const dir = tempDir('vigil-imports-');
  const home = join(dir, 'bench');
  const file = join(home, 'src', 'a.ts');
  // Quotes spliced in, so these lines do not count as imports of this file itself.
  const q = "'";
  const text = [
    `import { x } from ${q}../../exporters/trading/src/x.js${q};`,
    `export { y } from ${q}../../e2e/tests/support/y.js${q};`,
    `const z = await import(${q}../../provisioning/test/helpers/z.js${q});`,
    `const w = require(${q}../../plugins/p/src/testIds.ts${q}) as typeof import(${q}../../plugins/p/src/testIds.js${q});`,
    `import ${q}../../packages/kit/src/side-effect.js${q};`,
    `import { fine } from ${q}./stats.js${q};`,
    `import { alsoFine } from ${q}../src/other.js${q};`,
  ].join('\n');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  assert.deepEqual(
    crossWorkspaceImports(home, [file]).map((o) => o.slice(o.indexOf(': ') + 2)),
    [
      '../../exporters/trading/src/x.js',
      '../../e2e/tests/support/y.js',
      '../../provisioning/test/helpers/z.js',
      '../../plugins/p/src/testIds.ts',
      '../../plugins/p/src/testIds.js',
      '../../packages/kit/src/side-effect.js',
    ],
  );
});

test('packages/ holds libraries only: no bin and no local-stack component there (those are apps/)', () => {
  for (const ws of workspaces().filter((w) => w.startsWith('packages/'))) {
    const pkg = JSON.parse(readFileSync(join(root, ws, 'package.json'), 'utf8')) as { bin?: unknown; vigilStack?: unknown };
    assert.equal(pkg.bin, undefined, `${ws} declares a bin: what is run belongs in apps/`);
    assert.equal(pkg.vigilStack, undefined, `${ws} declares a stack component: what is run belongs in apps/`);
  }
});

/** The paths named in the first column of the root README's "## Layout" table. */
function layoutTablePaths(readme: string): string[] {
  const lines = readme.slice(readme.indexOf('## Layout')).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  // The rows after the header and its |---| separator.
  return lines.slice(start + 2, end).flatMap((row) => {
    const cell = row.split('|')[1]!;
    return [...cell.matchAll(/\[([^\]]+)\]\(|`([^`]+)`/g)].map((m) => (m[1] ?? m[2])!.replace(/\/$/, ''));
  });
}

test("the root README's layout table lists every workspace folder, and every path it lists exists", () => {
  const listed = layoutTablePaths(readFileSync(join(root, 'README.md'), 'utf8'));
  assert.ok(listed.length > 5, `parsed ${listed.join(', ')}`);
  for (const ws of workspaces()) assert.ok(listed.includes(ws), `the layout table does not list the workspace ${ws}`);
  for (const p of listed) assert.ok(existsSync(join(root, p)), `the layout table lists ${p}, which does not exist`);
});
