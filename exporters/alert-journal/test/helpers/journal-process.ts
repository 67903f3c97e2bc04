// The journal as its real bin (src/bin/vigil-alert-journal.ts) in its own process on 127.0.0.1, for the fault
// tests: killed, limited (`ulimit -f`) or restarted on the same database and port as an operator would.
import { spawn, type ChildProcess } from 'node:child_process';
import { waitFor } from '@vigil/test-support';
import { API_KEY } from './journal.js';

const BIN = 'src/bin/vigil-alert-journal.ts';

export interface JournalProcess {
  url: string;
  child: ChildProcess;
  /** stderr so far (the last 50,000 characters). */
  log(): string;
  stop(): Promise<void>;
}

export interface JournalProcessOptions {
  port: number;
  db: string;
  args?: string[];
  /** Upstreams default to a closed port. */
  env?: NodeJS.ProcessEnv;
  /** `ulimit -f` in KiB: writes past it fail with EFBIG, as on a full disk. */
  fileLimitKiB?: number;
  logLevel?: string;
}

/** Starts the bin and waits until /ready answers 200 (or the process exits, with its output). */
export async function spawnJournal(o: JournalProcessOptions): Promise<JournalProcess> {
  const args = [`--web.listen-address=127.0.0.1:${o.port}`, `--storage.path=${o.db}`, `--log.level=${o.logLevel ?? 'warn'}`, ...(o.args ?? [])];
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const cmd = `${o.fileLimitKiB ? `ulimit -f ${o.fileLimitKiB}; ` : ''}exec "${process.execPath}" --import tsx ${BIN} ${quoted}`;
  const child = spawn('bash', ['-c', cmd], {
    cwd: new URL('../..', import.meta.url),
    env: { ...process.env, API_KEY, ALERTMANAGER_URL: 'http://127.0.0.1:9', PROMETHEUS_URL: 'http://127.0.0.1:9', ...o.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-50_000)));
  const url = `http://127.0.0.1:${o.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitFor(() => fetch(`${url}/ready`).then((r) => r.ok, () => false), {
      what: 'journal ready',
      timeoutMs: 30_000,
      giveUp: () => (child.exitCode !== null ? `the journal exited with ${child.exitCode}: ${log.slice(-2000)}` : undefined),
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, child, log: () => log, stop };
}

/** One sample of the journal's /metrics (NaN when absent). */
export async function metric(url: string, series: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : NaN;
}
