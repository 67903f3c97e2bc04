// processes: groups of processes selected by name or regex (--process.group name=regex): count, CPU seconds
// by mode, memory, file descriptors and their limit, threads and the oldest start time. The regex is tried on
// the process name (comm) and on the full command line; a process counts in the first group (in flag order)
// that matches either.
// CPU seconds are kept monotonic per group: a process that exits leaves its CPU time in the total.
import { FlagError, type MetricFamily, type Sample } from '@vigil/exporter-kit';
import type { HostCollectorDef } from '../collectors/types.js';
import { counter, gauge, nonEmpty, samplesBy } from '../families.js';
import { listOptional, procFile, readOptional, readText, type HostPaths } from '../host-paths.js';
import { parseProcStat } from '../collectors/stat.js';
import { parseNamed, validateEach } from './flag-values.js';

const USER_HZ = 100;

export interface PidStat {
  pid: string;
  comm: string;
  userSeconds: number;
  systemSeconds: number;
  threads: number;
  /** Seconds after boot. */
  startSeconds: number;
}

/** /proc/<pid>/stat; comm is in parentheses and may itself contain spaces and parentheses. */
export function parsePidStat(pid: string, text: string): PidStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open)
    throw new Error(`invalid /proc/${pid}/stat: ${JSON.stringify(text.slice(0, 80))}`);
  const rest = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // rest[0] is field 3 (state); utime is field 14, stime 15, num_threads 20, starttime 22.
  const field = (n: number) => Number(rest[n - 3]);
  return {
    pid,
    comm: text.slice(open + 1, close),
    userSeconds: field(14) / USER_HZ,
    systemSeconds: field(15) / USER_HZ,
    threads: field(20),
    startSeconds: field(22) / USER_HZ,
  };
}

/** VmRSS and VmSize from /proc/<pid>/status in bytes (kernel threads have neither). */
export function parsePidStatus(text: string): { residentBytes: number; virtualBytes: number } {
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : 0;
  };
  return { residentBytes: kb('VmRSS'), virtualBytes: kb('VmSize') };
}

/** The soft "Max open files" limit from /proc/<pid>/limits; Infinity for unlimited. */
export function parseMaxOpenFiles(text: string): number | undefined {
  const m = /^Max open files\s+(\S+)/m.exec(text);
  if (!m) return undefined;
  return m[1] === 'unlimited' ? Infinity : Number(m[1]);
}

export interface ProcessGroup {
  name: string;
  pattern: RegExp;
}

export function parseGroup(entry: string): ProcessGroup {
  const { name, value } = parseNamed('process.group', entry);
  try {
    return { name, pattern: new RegExp(value) };
  } catch (err) {
    throw new Error(
      `--process.group: ${JSON.stringify(value)} is not a regular expression: ${(err as Error).message}`,
    );
  }
}

export function groupFor(
  groups: ProcessGroup[],
  comm: string,
  cmdline: () => string,
): ProcessGroup | undefined {
  let line: string | undefined;
  return groups.find((g) => g.pattern.test(comm) || g.pattern.test((line ??= cmdline())));
}

interface GroupSnapshot {
  count: number;
  residentBytes: number;
  virtualBytes: number;
  openFds: number;
  maxFds: number;
  fdUsage: number;
  threads: number;
  oldestStart: number;
}

const emptySnapshot = (): GroupSnapshot => ({
  count: 0,
  residentBytes: 0,
  virtualBytes: 0,
  openFds: 0,
  maxFds: Infinity,
  fdUsage: 0,
  threads: 0,
  oldestStart: Infinity,
});

/** Per-group CPU totals that only grow: each process contributes its increase since the last scrape. */
export class CpuAccumulator {
  private readonly seen = new Map<string, { user: number; system: number }>();
  readonly totals = new Map<string, { user: number; system: number }>();

  add(group: string, key: string, user: number, system: number): void {
    const prev = this.seen.get(key) ?? { user: 0, system: 0 };
    const t = this.totals.get(group) ?? { user: 0, system: 0 };
    t.user += Math.max(0, user - prev.user);
    t.system += Math.max(0, system - prev.system);
    this.totals.set(group, t);
    this.seen.set(key, { user, system });
  }

  /** Forgets processes that exited (their time stays in the totals). */
  prune(live: Set<string>): void {
    for (const key of this.seen.keys()) if (!live.has(key)) this.seen.delete(key);
  }
}

export function processFamilies(
  groups: ProcessGroup[],
  snaps: Map<string, GroupSnapshot>,
  cpu: CpuAccumulator,
  readErrors: number,
): MetricFamily[] {
  const per = (fn: (s: GroupSnapshot) => number | undefined): Sample[] =>
    samplesBy(
      groups,
      'group',
      (g) => g.name,
      (g) => fn(snaps.get(g.name) ?? emptySnapshot()),
    );
  const finite = (v: number) => (Number.isFinite(v) ? v : undefined);
  return nonEmpty([
    gauge(
      'vigil_host_process_group_processes',
      'Number of processes in the group.',
      per((s) => s.count),
    ),
    counter(
      'vigil_host_process_cpu_seconds_total',
      'CPU seconds used by the processes of the group, by mode (user, system); exited processes keep their share.',
      groups.flatMap((g) => {
        const t = cpu.totals.get(g.name) ?? { user: 0, system: 0 };
        return [
          { labels: { group: g.name, mode: 'system' }, value: t.system },
          { labels: { group: g.name, mode: 'user' }, value: t.user },
        ];
      }),
    ),
    gauge(
      'vigil_host_process_resident_memory_bytes',
      'Resident memory of the processes of the group in bytes.',
      per((s) => s.residentBytes),
    ),
    gauge(
      'vigil_host_process_virtual_memory_bytes',
      'Virtual memory of the processes of the group in bytes.',
      per((s) => s.virtualBytes),
    ),
    gauge(
      'vigil_host_process_open_fds',
      'Open file descriptors of the processes of the group.',
      per((s) => s.openFds),
    ),
    gauge(
      'vigil_host_process_max_fds',
      'The lowest soft open-files limit among the processes of the group.',
      per((s) => finite(s.maxFds)),
    ),
    gauge(
      'vigil_host_process_fd_usage_ratio',
      'The highest ratio of open file descriptors to the open-files limit among the processes of the group.',
      per((s) => s.fdUsage),
    ),
    gauge(
      'vigil_host_process_threads',
      'Threads of the processes of the group.',
      per((s) => s.threads),
    ),
    gauge(
      'vigil_host_process_oldest_start_time_seconds',
      'Start time of the oldest process of the group in seconds since the epoch.',
      per((s) => finite(s.oldestStart)),
    ),
    counter(
      'vigil_host_process_read_errors_total',
      'Process files that could not be read (other than processes that exited meanwhile), e.g. for lack of permission.',
      [{ value: readErrors }],
    ),
  ]);
}

/** Reads every /proc/<pid> once and sums each matching process into its group. */
export function scanProcesses(
  paths: HostPaths,
  groups: ProcessGroup[],
  cpu: CpuAccumulator,
  onReadError: (err: unknown) => void,
  membership: Map<string, ProcessGroup | null> = new Map(),
): Map<string, GroupSnapshot> {
  const bootTime = parseProcStat(readText(procFile(paths, 'stat'))).bootTime;
  const snaps = new Map<string, GroupSnapshot>();
  const live = new Set<string>();
  for (const pid of listOptional(paths.procfs)) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const statText = readOptional(procFile(paths, pid, 'stat'));
      if (statText === undefined) continue;
      const st = parsePidStat(pid, statText);
      // pid + start time identifies a process even when the pid is reused; comm changes on exec.
      const identity = `${pid}/${st.startSeconds}/${st.comm}`;
      live.add(identity);
      let group = membership.get(identity);
      if (group === undefined) {
        // The command line is read once per process, not on every scrape.
        group =
          groupFor(groups, st.comm, () =>
            (readOptional(procFile(paths, pid, 'cmdline')) ?? '').replaceAll('\0', ' ').trim(),
          ) ?? null;
        membership.set(identity, group);
      }
      if (!group) continue;
      const status = parsePidStatus(readOptional(procFile(paths, pid, 'status')) ?? '');
      const limit = parseMaxOpenFiles(readOptional(procFile(paths, pid, 'limits')) ?? '');
      let fds = 0;
      try {
        fds = listOptional(procFile(paths, pid, 'fd')).length;
      } catch (err) {
        onReadError(err);
      }
      const s = snaps.get(group.name) ?? emptySnapshot();
      s.count++;
      s.residentBytes += status.residentBytes;
      s.virtualBytes += status.virtualBytes;
      s.openFds += fds;
      s.threads += st.threads;
      if (limit !== undefined) {
        s.maxFds = Math.min(s.maxFds, limit);
        if (limit > 0 && Number.isFinite(limit)) s.fdUsage = Math.max(s.fdUsage, fds / limit);
      }
      s.oldestStart = Math.min(s.oldestStart, bootTime + st.startSeconds);
      snaps.set(group.name, s);
      cpu.add(group.name, identity, st.userSeconds, st.systemSeconds);
    } catch (err) {
      // A process that exits while it is being read is not an error.
      const code = (err as NodeJS.ErrnoException)?.code;
      if (code !== 'ESRCH' && code !== 'ENOENT') onReadError(err);
    }
  }
  cpu.prune(live);
  for (const identity of membership.keys()) if (!live.has(identity)) membership.delete(identity);
  return snaps;
}

export const processesCollector: HostCollectorDef = {
  name: 'process_groups',
  defaultEnabled: false,
  configured: (flags) => (flags['process.group'] as string[]).length > 0,
  flags: [
    {
      name: 'process.group',
      type: 'strings',
      placeholder: 'NAME=REGEX',
      help: 'A group of processes whose name or command line matches REGEX (repeatable; first match wins).',
      validate: validateEach(parseGroup),
    },
  ],
  create: ({ paths, flags, logger }) => {
    const groups = (flags['process.group'] as string[]).map(parseGroup);
    const names = new Set<string>();
    for (const g of groups) {
      if (names.has(g.name))
        throw new FlagError(
          `--process.group: group ${JSON.stringify(g.name)} is configured twice`,
          'process.group',
        );
      names.add(g.name);
    }
    const cpu = new CpuAccumulator();
    const membership = new Map<string, ProcessGroup | null>();
    let readErrors = 0;
    return () => {
      const snaps = scanProcesses(
        paths,
        groups,
        cpu,
        (err) => {
          readErrors++;
          logger.debug({ err: (err as Error).message }, 'cannot read process file');
        },
        membership,
      );
      return processFamilies(groups, snaps, cpu, readErrors);
    };
  },
};
