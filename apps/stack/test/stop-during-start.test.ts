// Ctrl-C while the stack is still starting: what started is stopped, and nothing starts after it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, waitFor } from '@vigil/test-support';
import { fakeRoot, processesOf, spawnStack, TINY_EXPORTER } from './helpers.js';

/** A component slow to come up that, told to stop, finishes what it does for 2.5 s, still answering meanwhile. */
const SLOW = `
import { createServer } from 'node:http';
const server = createServer((req, res) => res.end('ok'));
setTimeout(() => server.listen(Number(process.argv[2]), '127.0.0.1'), 1200);
process.on('SIGTERM', () => setTimeout(() => process.exit(0), 2500));
console.log('slow: starting');
`;

test('Ctrl-C during start-up: every component started is stopped and none is started after it; exit 0', async () => {
  const tiny = (name: string, after?: string[]) => ({ vigilStack: [{ name, port: 9561, health: '/ready', ...(after ? { after } : {}), command: ['node', 'tiny.mjs', '{port}'] }], files: { 'tiny.mjs': TINY_EXPORTER } });
  const root = fakeRoot({
    a: tiny('a'),
    b: { vigilStack: [{ name: 'b', port: 9562, health: '/ready', after: ['a'], command: ['node', 'slow.mjs', '{port}'] }], files: { 'slow.mjs': SLOW } },
    c: tiny('c', ['b']),
  });
  const dataDir = tempDir('vigil-early-stop-');
  const s = spawnStack([`--root=${root}`, '--ports=free', `--data-dir=${dataDir}`]);
  after(() => {
    for (const pid of processesOf(root, dataDir)) process.kill(-pid, 'SIGKILL');
  });
  // b running (its log says so), not yet healthy.
  await waitFor(
    async () => {
      try {
        return readFileSync(join(dataDir, 'logs/b.log'), 'utf8').includes('slow: starting') ? true : undefined;
      } catch {
        return undefined;
      }
    },
    { what: 'component b started', timeoutMs: 60_000 },
  );
  s.child.kill('SIGINT');
  assert.equal(await s.exited, 0, s.output());
  assert.deepEqual(processesOf(root, dataDir), [], 'nothing of the stack left running (c not started after b came up)');
  assert.doesNotMatch(s.output(), /The Vigil local stack is up/);
});
