// One stack per data folder. A second stack on the same folder (e.g. `--ports=free` beside a running one) would
// rewrite the first one's generated configs and open the same Prometheus TSDB, Alertmanager state, journal database
// and trading state file: it is refused, naming the running stack's pid and the way out.
//
// `<dir>/stack.pid` names the stack's process and every component it started, each with its start time
// (/proc/<pid>/stat): a pid alone is not enough, since a pid is reused (a container restarted gives its stack the
// same small pid). A lock whose stack no longer runs is taken over, and the components that stack left running (it
// was killed: SIGKILL, an out-of-memory kill; they run in their own process groups) are stopped first, so the new
// stack does not share the folder with them.
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUse extends Error {}

/** A process as the lock names it: its pid and, where /proc has it, its start time (clock ticks since boot). */
interface Proc {
  pid: number;
  start?: string;
  name?: string;
}

/** The start time of a process (field 22 of /proc/<pid>/stat), undefined when it does not run or there is no /proc. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or ')': fields are counted after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** The process the lock names still runs: its pid is alive and, when both start times are known, is the same one. */
function running(p: Proc): boolean {
  // This process, named without a start time (a lock written before start times were kept): a stack before this
  // one that had the same pid (a restarted container), since this process has taken no lock without one.
  if (p.pid === process.pid && p.start === undefined) return false;
  try {
    process.kill(p.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = p.start === undefined ? undefined : processStart(p.pid);
  return now === undefined || now === p.start;
}

function line(p: Proc): string {
  return [p.pid, p.start ?? '-', ...(p.name ? [p.name] : [])].join(' ');
}

function parse(text: string): { stack?: Proc; children: Proc[] } {
  const procs = text
    .split('\n')
    .map((l) => l.trim().split(' '))
    .filter((f) => f[0] !== '')
    .map(([pid, start, name]): Proc => ({ pid: Number(pid), start: start && start !== '-' ? start : undefined, name }));
  const valid = (p: Proc | undefined) => p !== undefined && Number.isInteger(p.pid) && p.pid > 0;
  return { stack: valid(procs[0]) ? procs[0] : undefined, children: procs.slice(1).filter(valid) };
}

export interface DataDirLock {
  /** Names a component's process (the leader of its process group) in the lock, to be stopped if this stack is killed. */
  addChild(pid: number, name: string): void;
  /** Removes the lock, if it is still this process's. */
  release(): void;
}

export interface LockOptions {
  log: (line: string) => void;
  /** How long a left-over component gets between SIGTERM and SIGKILL. */
  graceMs?: number;
}

async function stopLeftovers(children: Proc[], o: LockOptions): Promise<void> {
  const alive = children.filter(running);
  // Only a process known to be the one the lock names (same start time) is signalled: without /proc (not Linux) a
  // pid may have been reused by anything since, and is only named.
  const unsure = alive.filter((p) => p.start === undefined);
  if (unsure.length) o.log(`a stack killed earlier may have left these running (stop them if they are its components): ${unsure.map((p) => `${p.name ?? 'component'} (pid ${p.pid})`).join(', ')}`);
  const left = alive.filter((p) => p.start !== undefined);
  if (left.length === 0) return;
  o.log(`stopping what a stack killed earlier left running: ${left.map((p) => `${p.name ?? 'component'} (pid ${p.pid})`).join(', ')}`);
  const signal = (p: Proc, s: NodeJS.Signals) => {
    try {
      process.kill(-p.pid, s);
    } catch {
      try {
        process.kill(p.pid, s);
      } catch {
        // gone
      }
    }
  };
  for (const p of left) signal(p, 'SIGTERM');
  const deadline = Date.now() + (o.graceMs ?? 10_000);
  while (left.some(running) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const p of left.filter(running)) signal(p, 'SIGKILL');
  while (left.some(running) && Date.now() < deadline + 5000) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Takes `<dir>/stack.pid` for this process. A stale one (its stack no longer runs, or its pid is now another
 * process) is taken over, after stopping the components it names that still run.
 */
export async function lockDataDir(dir: string, o: LockOptions): Promise<DataDirLock> {
  const file = join(dir, 'stack.pid');
  const self: Proc = { pid: process.pid, start: processStart(process.pid) };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${line(self)}\n`);
      closeSync(fd);
      return held(file, self);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const { stack, children } = parse(readFileSync(file, 'utf8'));
    if (stack && running(stack)) {
      throw new DataDirInUse(
        `${dir} is in use by another local stack (pid ${stack.pid}): stop that one (Ctrl-C in its terminal, or kill ${stack.pid}), ` +
          `or give this one its own data folder and free ports: npm start -- --ports=free --data-dir=/tmp/vigil-2 ` +
          `(if no stack runs, delete ${file})`,
      );
    }
    await stopLeftovers(children, o);
    unlinkSync(file);
  }
  throw new DataDirInUse(`${file}: could not take the data folder's lock`);
}

function held(file: string, self: Proc): DataDirLock {
  const children: Proc[] = [];
  const mine = () => {
    try {
      return parse(readFileSync(file, 'utf8')).stack?.pid === self.pid;
    } catch {
      return false;
    }
  };
  return {
    addChild(pid, name) {
      children.push({ pid, start: processStart(pid), name });
      if (!mine()) return;
      // Written whole and renamed over: a reader never sees half a file.
      const tmp = `${file}.${self.pid}.tmp`;
      writeFileSync(tmp, [self, ...children].map((p) => `${line(p)}\n`).join(''));
      renameSync(tmp, file);
    },
    release() {
      if (mine()) {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      }
    },
  };
}
