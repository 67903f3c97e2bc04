// One supervised child process: its output goes to a log file, it is stopped with SIGTERM and, past a
// grace period, SIGKILL (its whole process group, so nothing it started is left behind).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
  /** Set once the process has exited. */
  exitCode?: number | null;
}

export function startProcess(
  name: string,
  command: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): ManagedProcess {
  const log: WriteStream = createWriteStream(opts.logFile, { flags: 'a' });
  const child = spawn(command[0], command.slice(1), {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const managed: ManagedProcess = {
    name,
    child,
    logFile: opts.logFile,
    exited: new Promise((resolve) => {
      child.on('error', (err) => {
        log.write(`failed to start ${command[0]}: ${err.message}\n`);
        managed.exitCode = -1;
        resolve(-1);
      });
      child.on('exit', (code, signal) => {
        managed.exitCode = code ?? (signal ? 128 : null);
        resolve(code);
      });
    }),
  };
  managed.exited.then(() => setTimeout(() => log.end(), 50));
  return managed;
}

function signalGroup(p: ManagedProcess, signal: NodeJS.Signals): void {
  if (p.child.pid === undefined) return;
  try {
    process.kill(-p.child.pid, signal);
  } catch {
    try {
      p.child.kill(signal);
    } catch {
      // already gone
    }
  }
}

export async function stopProcess(p: ManagedProcess, graceMs: number): Promise<void> {
  if (p.exitCode !== undefined) return;
  signalGroup(p, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      signalGroup(p, 'SIGKILL');
      resolve();
    }, graceMs);
  });
  await Promise.race([p.exited.then(() => undefined), killed]);
  clearTimeout(timer);
  await p.exited;
}
