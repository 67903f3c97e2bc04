// One stack per data folder. A second stack on the same folder (e.g. `--ports=free` beside a running one) would
// rewrite the first one's generated configs and open the same Prometheus TSDB, Alertmanager state, journal database
// and trading state file: it is refused, naming the running stack's pid and the way out.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUse extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<dir>/stack.pid` for this process (a stale one, of a pid no longer running, is taken over); returns its release. */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, 'stack.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
      throw new DataDirInUse(
        `${dir} is in use by another local stack (pid ${pid}): stop that one (Ctrl-C in its terminal, or kill ${pid}), ` +
          `or give this one its own data folder and free ports: npm start -- --ports=free --data-dir=/tmp/vigil-2 ` +
          `(if no stack runs, delete ${file})`,
      );
    }
    unlinkSync(file);
  }
  throw new DataDirInUse(`${file}: could not take the data folder's lock`);
}
