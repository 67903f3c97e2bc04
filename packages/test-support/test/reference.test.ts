import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
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
