// A server process for a test: spawned with its output kept, ready once an HTTP path answers 200, stopped with
// SIGTERM (SIGKILL after a grace period). A process that cannot start or exits early fails the wait at once
// with its output, instead of the test waiting out its deadline.
import { spawn, type ChildProcess } from 'node:child_process';

import { waitFor } from './wait.js';

export interface ServerProcess {
  url: string;
  port: number;
  proc: ChildProcess;
  /** The process's stdout and stderr so far (the last 20,000 characters). */
  logs(): string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** The port the arguments make it listen on, on 127.0.0.1. */
  port: number;
  /** Path that answers 200 once it is ready, e.g. /-/ready. */
  readyPath?: string;
  /** For servers that do not speak HTTP: true once ready (given the output so far); used instead of readyPath. */
  ready?: (logs: string) => boolean | Promise<boolean>;
  /** Run as this user and group (a root test starting a server that refuses root, e.g. PostgreSQL). */
  uid?: number;
  gid?: number;
  /** Default 30 s. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Signal that stops it (default SIGTERM; PostgreSQL's fast shutdown is SIGINT). */
  stopSignal?: NodeJS.Signals;
  /** Run after the process has exited on stop() (e.g. removing its temporary folder). */
  cleanup?: () => void;
}

const LOG_LIMIT = 20_000;
const KILL_AFTER_MS = 5_000;

export async function startServer(
  command: string,
  args: readonly string[],
  opts: StartServerOptions,
): Promise<ServerProcess> {
  const proc = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env ? { ...process.env, ...opts.env } : process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid } : {}),
  });
  let log = '';
  const keep = (d: Buffer) => (log = (log + d.toString()).slice(-LOG_LIMIT));
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let spawnError: string | undefined;
  let exit: string | undefined;
  proc.once('error', (err) => (spawnError = `cannot run ${command}: ${err.message}`));
  const exited = new Promise<void>((resolve) => proc.once('close', () => resolve()));
  proc.once('exit', (code, signal) => (exit = signal ?? `code ${code}`));
  // Read when the wait polls, so the output that came with the exit is in the message.
  const failure = () =>
    spawnError ??
    (exit === undefined ? undefined : `${command} exited (${exit}) before it was ready:\n${log}`);

  const url = `http://127.0.0.1:${opts.port}`;
  let stopped = false;
  const stop = async () => {
    if (!stopped) {
      stopped = true;
      if (proc.exitCode === null && proc.signalCode === null && proc.pid !== undefined) {
        proc.kill(opts.stopSignal ?? 'SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), KILL_AFTER_MS);
        await exited;
        clearTimeout(timer);
      }
      opts.cleanup?.();
    }
  };
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const { ready, readyPath = '/' } = opts;
  try {
    const check = ready
      ? () => ready(log)
      : async () => (await fetch(url + readyPath, { signal: AbortSignal.timeout(2000) })).ok;
    await waitFor(check, {
      what: ready ? `${command} on port ${opts.port} to be ready` : `${command} to answer ${url}${readyPath}`,
      timeoutMs,
      giveUp: failure,
    });
  } catch (err) {
    const failed = failure();
    await stop();
    throw new Error(`${(err as Error).message}${failed ? '' : `\n${log}`}`);
  }
  return { url, port: opts.port, proc, logs: () => log, stop };
}
