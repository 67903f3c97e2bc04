import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { MissingReferenceError, referenceDir, repoRoot, tempDir } from '../src/index.js';

function fakeCheckout(): { root: string; shared: string } {
  const parent = tempDir('vigil-ref-');
  const root = join(parent, 'repo');
  mkdirSync(root);
  return { root, shared: join(parent, 'shared', 'reference') };
}

test('repoRoot is the folder whose package.json declares the workspaces', () => {
  assert.ok(existsSync(join(repoRoot(), 'packages', 'test-support', 'package.json')));
});

test('VIGIL_REFERENCE_DIR comes first', () => {
  const { root, shared } = fakeCheckout();
  const custom = tempDir();
  mkdirSync(join(custom, 'sloth'));
  mkdirSync(join(shared, 'sloth'), { recursive: true });
  assert.equal(referenceDir('sloth', { VIGIL_REFERENCE_DIR: custom }, root), join(custom, 'sloth'));
});

test('then ../shared/reference beside the checkout, then .reference inside it', () => {
  const { root, shared } = fakeCheckout();
  mkdirSync(join(root, '.reference', 'ccxt'), { recursive: true });
  assert.equal(referenceDir('ccxt', {}, root), join(root, '.reference', 'ccxt'));
  mkdirSync(join(shared, 'ccxt'), { recursive: true });
  assert.equal(referenceDir('ccxt', {}, root), resolve(shared, 'ccxt'));
});

test('missing everywhere: one line naming the data and the command that fetches it', () => {
  const { root } = fakeCheckout();
  assert.throws(
    () => referenceDir('node-exporter', {}, root),
    (err: Error) => {
      assert.ok(err instanceof MissingReferenceError);
      assert.equal(err.message, 'reference data "node-exporter" is missing: run `npm run reference:fetch`');
      return true;
    },
  );
  assert.throws(
    () => referenceDir('node-exporter', { VIGIL_REFERENCE_DIR: tempDir() }, root),
    MissingReferenceError,
  );
});

test('schemas: ../shared/schemas beside the checkout, then .reference/schemas, else one line naming the command', async () => {
  const { schemaFile } = await import('../src/schemas.js');
  const { root, shared } = fakeCheckout();
  assert.throws(
    () => schemaFile('plugin.schema.json', root),
    (err: Error) =>
      err instanceof MissingReferenceError &&
      err.message === 'reference data "schemas/plugin.schema.json" is missing: run `npm run reference:fetch`',
  );
  mkdirSync(join(root, '.reference', 'schemas'), { recursive: true });
  writeFileSync(join(root, '.reference', 'schemas', 'plugin.schema.json'), '{}');
  assert.equal(schemaFile('plugin.schema.json', root), join(root, '.reference', 'schemas', 'plugin.schema.json'));
  const sharedSchemas = join(shared, '..', 'schemas');
  mkdirSync(sharedSchemas, { recursive: true });
  writeFileSync(join(sharedSchemas, 'plugin.schema.json'), '{}');
  assert.equal(schemaFile('plugin.schema.json', root), resolve(sharedSchemas, 'plugin.schema.json'));
});
