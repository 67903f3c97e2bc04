// Which test files the fresh-clone check runs without the reference data: those that find the data themselves,
// and those that reach such a file through relative imports, at any depth.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { referenceTests } from '../checks/reference-tests.mjs';

test('finds direct and transitive users of the reference helpers, and nothing else', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'vigil-reftests-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const write = (file, text) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  write(
    'a/test/direct.test.ts',
    "import { referenceDir } from '@vigil/test-support';\nconst d = referenceDir('ccxt');\n",
  );
  write('a/test/helpers/fixture.ts', "export const f = () => schemaFile('plugin.schema.json', root);\n");
  write('a/test/helpers/wrap.ts', "export { f } from './fixture.js';\n");
  write('a/test/deep.test.ts', "import { f } from './helpers/wrap.js';\n");
  write('b/src/plugin.json.test.tsx', "const { f } = require('../../a/test/helpers/fixture');\n");
  write('b/src/plain.test.ts', "import { x } from './x.js';\n// mentions referenceDir but never calls it\n");
  write('b/src/x.ts', 'export const x = 1;\n');
  write('b/node_modules/dep/t.test.ts', "referenceDir('x')\n");
  write('scripts/checks/fresh-clone.test.mjs', "referenceTests(clone); referenceDir('y')\n");
  const found = referenceTests(root).map((f) => relative(root, f));
  assert.deepEqual(found, ['a/test/deep.test.ts', 'a/test/direct.test.ts', 'b/src/plugin.json.test.tsx']);
});

test('on this repository it includes the tests known to read reference data', () => {
  const root = new URL('../..', import.meta.url).pathname;
  const found = referenceTests(root).map((f) => relative(root, f));
  for (const known of [
    'exporters/host/test/e2e-reference.test.ts',
    'provisioning/test/slo-sloth-compat.test.ts',
    'plugins/slo-burnrate-panel/src/plugin.json.test.ts',
  ]) {
    assert.ok(found.includes(known), `${known} missing from ${found.join(', ')}`);
  }
});
