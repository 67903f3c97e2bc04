import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { mkdirSync } from 'node:fs';
import {
  MissingBinaryError,
  expandDirs,
  findBinary,
  promtoolCheckMetrics,
  requireBinary,
  tempDir,
} from '../src/index.js';

test('an override variable naming a missing file fails in one line naming the binary, the package and the variable', () => {
  const started = performance.now();
  assert.throws(
    () => requireBinary('promtool', { PROMTOOL_BIN: '/nonexistent', PATH: process.env.PATH }),
    (err: Error) => {
      assert.ok(err instanceof MissingBinaryError);
      assert.equal(
        err.message,
        'promtool is missing: PROMTOOL_BIN=/nonexistent is not an executable file; install the Debian package prometheus ' +
          '(apt-get install -y --no-install-recommends prometheus) or point PROMTOOL_BIN at promtool',
      );
      assert.ok(!err.message.includes('\n'));
      return true;
    },
  );
  assert.ok(performance.now() - started < 100, 'no process was spawned');
});

test('a binary missing from PATH names its commands, package and variable', () => {
  const err = findBinary('node_exporter', { PATH: tempDir() });
  assert.ok(err instanceof MissingBinaryError);
  assert.match(
    err.message,
    /^node_exporter is missing: prometheus-node-exporter or node_exporter not found on PATH; install the Debian package prometheus-node-exporter .* or set NODE_EXPORTER_BIN to its path$/,
  );
});

test('the override wins over PATH, and PATH is searched in order', () => {
  const dir = tempDir();
  const fake = join(dir, 'amtool');
  writeFileSync(fake, '#!/bin/sh\n');
  chmodSync(fake, 0o755);
  assert.equal(requireBinary('amtool', { PATH: dir }), fake);
  assert.equal(requireBinary('amtool', { PATH: '/nonexistent', AMTOOL_BIN: fake }), fake);
  assert.equal(
    requireBinary('amtool', { PATH: dir, AMTOOL_BIN: 'amtool' }),
    fake,
    'a bare command name is looked up on PATH',
  );
});

test('binaries kept off PATH (Debian PostgreSQL) are found in their folders, highest major version first', () => {
  const root = tempDir();
  for (const v of ['9.6', '15', '13']) mkdirSync(join(root, v, 'bin'), { recursive: true });
  assert.deepEqual(expandDirs([`${root}/*/bin`, '/nonexistent/*/bin', '/fixed']), [
    join(root, '15', 'bin'),
    join(root, '13', 'bin'),
    join(root, '9.6', 'bin'),
    '/fixed',
  ]);
  const missing = findBinary('redis-server', { PATH: tempDir() });
  assert.ok(missing instanceof MissingBinaryError);
  assert.match(missing.message, /^redis-server is missing: redis-server not found on PATH; install the Debian package redis-server /);
});

test('promtool check metrics with PROMTOOL_BIN=/nonexistent throws the one line instead of printing nullnull', () => {
  const saved = process.env.PROMTOOL_BIN;
  process.env.PROMTOOL_BIN = '/nonexistent';
  try {
    assert.throws(() => promtoolCheckMetrics('up 1\n'), {
      name: 'MissingBinaryError',
      message: /^promtool is missing: PROMTOOL_BIN=\/nonexistent/,
    });
  } finally {
    if (saved === undefined) delete process.env.PROMTOOL_BIN;
    else process.env.PROMTOOL_BIN = saved;
  }
});
