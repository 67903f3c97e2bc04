// CPU time per thread of a process, from /proc/<pid>/task/<tid>/stat (Linux): where a server's time goes,
// measured from outside it. Empty where /proc is not there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of utime/stime in /proc (USER_HZ: 100 on Linux, whatever the kernel's HZ). */
const TICKS_PER_SECOND = 100;

/** CPU ms (user + system) per thread id; the main thread's id is the pid. */
export function threadCpuMs(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  const dir = `/proc/${pid}/task`;
  if (!existsSync(dir)) return out;
  for (const tid of readdirSync(dir)) {
    try {
      const stat = readFileSync(`${dir}/${tid}/stat`, 'utf8');
      // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

/**
 * CPU ms spent between two snapshots by the main thread, by the busiest other thread (a server's one
 * worker thread, when it has one) and by all the rest together (V8's GC helpers, libuv's pool).
 */
export function cpuSplit(pid: number, before: Map<number, number>, after: Map<number, number>): { main: number; busiest: number; rest: number } {
  const spent = [...after].map(([tid, ms]) => ({ tid, ms: ms - (before.get(tid) ?? 0) }));
  const main = spent.find((t) => t.tid === pid)?.ms ?? 0;
  const others = spent.filter((t) => t.tid !== pid).sort((a, b) => b.ms - a.ms);
  const busiest = others[0]?.ms ?? 0;
  const rest = others.slice(1).reduce((s, t) => s + t.ms, 0);
  return { main, busiest, rest };
}

const HAS_SCHEDSTAT = existsSync('/proc/self/schedstat');

/**
 * CPU ms per thread id from /proc/<pid>/task/<tid>/schedstat (nanoseconds on the CPU), fine enough to compare
 * blocks of a few tens of ms where utime/stime tick by 10 ms; threadCpuMs' ticks where the kernel keeps no
 * schedstat.
 */
export function threadSchedMs(pid: number): Map<number, number> {
  if (!HAS_SCHEDSTAT) return threadCpuMs(pid);
  const out = new Map<number, number>();
  const dir = `/proc/${pid}/task`;
  if (!existsSync(dir)) return out;
  for (const tid of readdirSync(dir)) {
    try {
      out.set(Number(tid), Number(readFileSync(`${dir}/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

/** CPU ms of all of a process' threads (threadSchedMs summed). Time of threads that ended is lost from the sum (a server's threads live long). */
export function processCpuMs(pid: number): number {
  let ms = 0;
  for (const v of threadSchedMs(pid).values()) ms += v;
  return ms;
}
