// The local-stack declaration (package.json "vigilStack"): the command the stack runner starts, with its
// placeholders filled in, serves the health path it names and stops cleanly on SIGTERM. Runs the built program
// (turbo builds before testing; alone: npm run build -w @vigil/host-exporter).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { freePort } from './helpers.js';

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
    const child = spawn(cmd === 'node' ? process.execPath : cmd, args, {
      cwd: WORKSPACE,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 15_000;
      let status = 0;
      while (Date.now() < deadline && child.exitCode === null) {
        status = await fetch(`http://127.0.0.1:${port}${c.health}`).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(status, 200, `health never answered 200: ${stderr}`);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      assert.match(metrics, /^node_cpu_seconds_total\{/m);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, stderr);
  });
});
