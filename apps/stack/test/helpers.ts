import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import { tempDir, waitFor } from '@vigil/test-support';

/** A throwaway monorepo root whose workspaces declare the given vigilStack entries. */
export function fakeRoot(workspaces: Record<string, { vigilStack?: unknown; files?: Record<string, string> }>, extra: Record<string, string> = {}): string {
  const root = tempDir('vigil-fake-root-');
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'fake', private: true, workspaces: ['apps/*', 'provisioning'] }));
  for (const [name, ws] of Object.entries(workspaces)) {
    const dir = join(root, 'apps', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `@fake/${name}`, vigilStack: ws.vigilStack }));
    for (const [file, text] of Object.entries(ws.files ?? {})) writeFileSync(join(dir, file), text);
  }
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

/** A component program: serves /metrics and /ready with node's http module. */
export const TINY_EXPORTER = `
import { createServer } from 'node:http';
const port = Number(process.argv[2]);
const server = createServer((req, res) => {
  if (req.url === '/metrics') { res.setHeader('content-type', 'text/plain; version=0.0.4'); res.end('# HELP tiny_up Up.\\n# TYPE tiny_up gauge\\ntiny_up{peer="' + (process.env.PEER ?? '') + '"} 1\\n'); return; }
  if (req.url === '/ready') { res.end('ok'); return; }
  res.statusCode = 404; res.end();
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

export interface Target {
  labels: Record<string, string>;
  health: string;
  lastError: string;
}

export async function targets(promUrl: string): Promise<Target[]> {
  const res = await fetch(`${promUrl}/api/v1/targets?state=active`);
  const body = (await res.json()) as { data: { activeTargets: Target[] } };
  return body.data.activeTargets;
}

export function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** vigil-stack (dist/main.js) as a process, as `npm start` runs it; `up()` resolves once it says the stack is up. */
export function spawnStack(args: string[]): { child: ChildProcess; output: () => string; up: () => Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../dist/main.js', import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const up = () => waitFor(async () => (out.includes('Press Ctrl-C to stop.') ? true : undefined), { what: 'the stack to be up', timeoutMs: 60_000 }).then(() => undefined);
  return { child, output: () => out, up, exited };
}

/** Processes started for a stack on `dataDir` from `root` (found in /proc, whatever the lock says): those whose
 * command line names the data folder (Prometheus, Alertmanager) or whose working folder is in the root. */
export function processesOf(root: string, dataDir: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes('dist/main.js')) continue; // the stack itself
      if (cmd.includes(dataDir) || readlinkSync(`/proc/${pid}/cwd`).startsWith(root)) out.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}
