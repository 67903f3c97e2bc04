// A real Redis for a test: $REDIS_SERVER_BIN or Debian's redis-server on 127.0.0.1, no persistence, its
// working folder temporary and removed again by stop().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { requireBinary } from './binaries.js';
import { freePort } from './ports.js';
import { startServer, type ServerProcess } from './server-process.js';

export interface RedisOptions {
  port?: number;
  /** Extra `--name value` arguments, e.g. ['--requirepass', 'secret']. */
  args?: string[];
  timeoutMs?: number;
}

export interface RunningRedis extends ServerProcess {
  dir: string;
  /** redis://127.0.0.1:port */
  redisUrl: string;
}

export async function startRedis(opts: RedisOptions = {}): Promise<RunningRedis> {
  const bin = requireBinary('redis-server');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-redis-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const port = opts.port ?? (await freePort());
    const server = await startServer(
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...(opts.args ?? [])],
      { port, ready: (log) => log.includes('Ready to accept connections'), timeoutMs: opts.timeoutMs, cleanup },
    );
    return { ...server, dir, redisUrl: `redis://127.0.0.1:${port}` };
  } catch (err) {
    cleanup();
    throw err;
  }
}
