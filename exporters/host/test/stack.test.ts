// The local-stack declaration (package.json "vigilStack"): the command the stack runner starts, with its
// placeholders filled in, serves the health path it names and stops cleanly on SIGTERM. Runs the built program
// (turbo builds before testing; alone: npm run build -w @vigil/host-exporter).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { freePort, startServer } from '@vigil/test-support';

const WORKSPACE = new URL('..', import.meta.url).pathname;

interface StackComponent {
  name: string;
  port: number;
  health: string;
  scrapeJob: string;
  command: string[];
}

describe('vigilStack component', () => {
  const pkg = JSON.parse(readFileSync(`${WORKSPACE}package.json`, 'utf8')) as {
    vigilStack: StackComponent[];
  };

  it('declares host-exporter on 9301, scraped as job host, healthy at /ready', () => {
    assert.equal(pkg.vigilStack.length, 1);
    const [c] = pkg.vigilStack;
    assert.deepEqual(
      { name: c.name, port: c.port, health: c.health, scrapeJob: c.scrapeJob },
      { name: 'host-exporter', port: 9301, health: '/ready', scrapeJob: 'host' },
    );
    assert.ok(
      c.command.some((a) => a.includes('{port}')),
      'the port is a placeholder, never hard-coded',
    );
  });

  it('starts with its placeholders filled in, answers its health path and stops on SIGTERM', async () => {
    const [c] = pkg.vigilStack;
    assert.ok(
      existsSync(`${WORKSPACE}dist/bin/host-exporter.js`),
      'build the workspace first: npm run build -w @vigil/host-exporter',
    );
    const port = await freePort();
    const [cmd, ...args] = c.command.map((a) =>
      a.replaceAll('{port}', String(port)).replaceAll('{root}', `${WORKSPACE}../..`),
    );
    const server = await startServer(cmd === 'node' ? process.execPath : cmd, args, {
      cwd: WORKSPACE,
      port,
      readyPath: c.health,
      timeoutMs: 15_000,
    });
    try {
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      assert.match(metrics, /^node_cpu_seconds_total\{/m);
    } finally {
      await server.stop();
    }
    assert.equal(server.proc.exitCode, 0, server.logs());
  });
});
