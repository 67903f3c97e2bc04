// Real Debian servers for tests: Alertmanager and Prometheus on 127.0.0.1, free ports, temporary storage.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './ports.js';

export interface RealServer {
  url: string;
  port: number;
  dir: string;
  output: string[];
  stop(): Promise<void>;
}

async function startBinary(bin: string, args: (port: number, dir: string) => string[], config: (dir: string) => void, readyPath: string, port?: number): Promise<RealServer> {
  const dir = mkdtempSync(join(tmpdir(), `${bin}-`));
  config(dir);
  const p = port ?? (await freePort());
  const output: string[] = [];
  const child: ChildProcess = spawn(bin, args(p, dir), { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (c) => output.push(String(c)));
  child.stderr?.on('data', (c) => output.push(String(c)));
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${p}`;
  const stop = async () => {
    if (!exited) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${bin} ready`, async () => {
      if (exited) throw new Error(`${bin} exited: ${output.join('').slice(-500)}`);
      return (await fetch(url + readyPath)).ok || undefined;
    }, 20_000, 100);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port: p, dir, output, stop };
}

export function startAlertmanager(yaml: string, port?: number): Promise<RealServer> {
  return startBinary(
    'prometheus-alertmanager',
    (p, dir) => [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${dir}`,
      `--web.listen-address=127.0.0.1:${p}`,
      // An empty address disables clustering (no gossip port, no peer wait).
      '--cluster.listen-address=',
    ],
    (dir) => writeFileSync(join(dir, 'alertmanager.yml'), yaml),
    '/-/ready',
    port,
  );
}

/** `files` are written beside prometheus.yml (e.g. rule files referenced by a relative path). */
export function startPrometheus(yaml: string, files: Record<string, string> = {}): Promise<RealServer> {
  return startBinary(
    'prometheus',
    (p, dir) => [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${p}`],
    (dir) => {
      writeFileSync(join(dir, 'prometheus.yml'), yaml);
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    },
    '/-/ready',
  );
}

/** Posts alerts to Alertmanager's API v2 (what Prometheus does). */
export async function postAlerts(amUrl: string, alerts: Array<{ labels: Record<string, string>; annotations?: Record<string, string>; startsAt?: string; endsAt?: string }>): Promise<void> {
  const res = await fetch(`${amUrl}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
  if (!res.ok) throw new Error(`Alertmanager refused alerts: ${res.status} ${await res.text()}`);
}
