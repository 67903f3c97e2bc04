// A real Alertmanager for a test: $ALERTMANAGER_BIN or Debian's prometheus-alertmanager on 127.0.0.1, clustering
// off, with a temporary folder for its config and data, removed again by stop().
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { requireBinary } from './binaries.js';
import { freePort } from './ports.js';
import { startServer, type ServerProcess } from './server-process.js';

export interface AlertmanagerOptions {
  /** alertmanager.yml text. */
  config: string;
  /** Files written beside alertmanager.yml (templates, secrets). */
  files?: Record<string, string>;
  args?: string[];
  port?: number;
  timeoutMs?: number;
}

export interface PostedAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
}

export interface RunningAlertmanager extends ServerProcess {
  dir: string;
  /** POSTs alerts to /api/v2/alerts, as Prometheus does; throws unless Alertmanager accepts them. */
  postAlerts(alerts: PostedAlert[]): Promise<void>;
}

export async function startAlertmanager(opts: AlertmanagerOptions): Promise<RunningAlertmanager> {
  const bin = requireBinary('alertmanager');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-alertmanager-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    for (const [name, text] of Object.entries(opts.files ?? {})) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'alertmanager.yml'), opts.config);
    const port = opts.port ?? (await freePort());
    const server = await startServer(
      bin,
      [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // An empty address disables clustering (no gossip port, no wait for peers).
        '--cluster.listen-address=',
        ...(opts.args ?? []),
      ],
      { port, readyPath: '/-/ready', timeoutMs: opts.timeoutMs, cleanup },
    );
    const postAlerts = async (alerts: PostedAlert[]) => {
      const res = await fetch(`${server.url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!res.ok) throw new Error(`Alertmanager refused the alerts: ${res.status} ${await res.text()}`);
    };
    return { ...server, dir, postAlerts };
  } catch (err) {
    cleanup();
    throw err;
  }
}
