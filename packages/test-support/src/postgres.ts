// A real PostgreSQL for a test: $POSTGRES_BIN/$INITDB_BIN or Debian's (/usr/lib/postgresql/<major>/bin) on
// 127.0.0.1, a fresh cluster in a temporary folder (trust authentication, no fsync), removed again by stop().
// PostgreSQL refuses to run as root: a root test runs initdb and the server as the `postgres` account Debian's
// package creates (else `nobody`), through spawn's uid/gid, with the folder handed to that account.
import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { requireBinary } from './binaries.js';
import { freePort } from './ports.js';
import { startServer, type ServerProcess } from './server-process.js';

export interface PostgresOptions {
  port?: number;
  /** The superuser initdb creates (default vigil). */
  user?: string;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string>;
  timeoutMs?: number;
}

export interface RunningPostgres extends ServerProcess {
  dir: string;
  host: string;
  user: string;
  database: string;
  /** postgres://user@127.0.0.1:port/postgres */
  connectionString: string;
}

/** uid/gid of the first existing account of `names` (from /etc/passwd). */
function account(names: string[]): { uid: number; gid: number; name: string } {
  const lines = readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of names) {
    const f = lines.find((l) => l.startsWith(`${name}:`))?.split(':');
    if (f) return { name, uid: Number(f[2]), gid: Number(f[3]) };
  }
  throw new Error(`PostgreSQL refuses to run as root and none of the accounts ${names.join(', ')} exists to run it as`);
}

export async function startPostgres(opts: PostgresOptions = {}): Promise<RunningPostgres> {
  const postgres = requireBinary('postgres');
  const initdb = requireBinary('initdb');
  const user = opts.user ?? 'vigil';
  const dir = mkdtempSync(join(tmpdir(), 'vigil-postgres-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const as = process.getuid?.() === 0 ? account(['postgres', 'nobody']) : undefined;
    if (as) chownSync(dir, as.uid, as.gid);
    const ids = as ? { uid: as.uid, gid: as.gid } : {};
    const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
    const data = join(dir, 'data');
    const init = spawnSync(initdb, ['-D', data, '-U', user, '--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C'], {
      ...ids,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (init.status !== 0) {
      throw new Error(`initdb failed${as ? ` (as ${as.name})` : ''}: ${init.error?.message ?? ''}${init.stderr ?? ''}${init.stdout ?? ''}`);
    }
    const port = opts.port ?? (await freePort());
    const settings = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '50', ...opts.settings };
    const server = await startServer(
      postgres,
      ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', dir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
      {
        port,
        ...ids,
        env,
        ready: (log) => log.includes('database system is ready to accept connections'),
        stopSignal: 'SIGINT',
        timeoutMs: opts.timeoutMs,
        cleanup,
      },
    );
    const database = 'postgres';
    return { ...server, dir, host: '127.0.0.1', user, database, connectionString: `postgres://${user}@127.0.0.1:${port}/${database}` };
  } catch (err) {
    cleanup();
    throw err;
  }
}
