// stat: boot time, context switches, interrupts, forks and runnable/blocked processes from /proc/stat, and
// with --collector.stat.softirq the softirq calls per vector.
import { counter, gauge } from '../families.js';
import { procFile, readText } from '../host-paths.js';
import type { HostCollectorDef } from './types.js';

export interface ProcStat {
  bootTime: number;
  contextSwitches: number;
  interrupts: number;
  forks: number;
  procsRunning: number;
  procsBlocked: number;
  /** The "softirq" line's per-vector counts, in kernel order (the total is left out). */
  softirqs: number[];
}

/** The kernel's softirq vectors in /proc/stat order. */
export const SOFTIRQ_VECTORS = [
  'hi',
  'timer',
  'net_tx',
  'net_rx',
  'block',
  'block_iopoll',
  'tasklet',
  'sched',
  'hrtimer',
  'rcu',
];

export function parseProcStat(text: string): ProcStat {
  const stat: ProcStat = {
    bootTime: 0,
    contextSwitches: 0,
    interrupts: 0,
    forks: 0,
    procsRunning: 0,
    procsBlocked: 0,
    softirqs: [],
  };
  const keys: Record<string, Exclude<keyof ProcStat, 'softirqs'>> = {
    btime: 'bootTime',
    ctxt: 'contextSwitches',
    intr: 'interrupts',
    processes: 'forks',
    procs_running: 'procsRunning',
    procs_blocked: 'procsBlocked',
  };
  for (const line of text.split('\n')) {
    const sp = line.indexOf(' ');
    if (line.startsWith('softirq ')) {
      const counts = line
        .slice(sp + 1)
        .trim()
        .split(/\s+/)
        .slice(1);
      if (counts.some((c) => !/^\d+$/.test(c)))
        throw new Error(`invalid /proc/stat line: ${JSON.stringify(line.slice(0, 80))}`);
      stat.softirqs = counts.map(Number);
      continue;
    }
    const key = keys[line.slice(0, sp)];
    if (!key) continue;
    const first = line
      .slice(sp + 1)
      .trim()
      .split(/\s+/)[0];
    const value = Number(first);
    if (!/^\d+$/.test(first))
      throw new Error(`invalid /proc/stat line: ${JSON.stringify(line.slice(0, 80))}`);
    stat[key] = value;
  }
  return stat;
}

export const statCollector: HostCollectorDef = {
  name: 'stat',
  defaultEnabled: true,
  flags: [
    { name: 'collector.stat.softirq', type: 'bool', default: false, help: 'Export softirq calls per vector' },
  ],
  create:
    ({ paths, flags }) =>
    () => {
      const s = parseProcStat(readText(procFile(paths, 'stat')));
      const softirqs = flags['collector.stat.softirq']
        ? [
            counter(
              'node_softirqs_total',
              'Number of softirq calls.',
              SOFTIRQ_VECTORS.map((vector, i) => ({ labels: { vector }, value: s.softirqs[i] ?? 0 })),
            ),
          ]
        : [];
      return [
        ...softirqs,
        gauge('node_boot_time_seconds', 'Node boot time, in unixtime.', [{ value: s.bootTime }]),
        counter('node_context_switches_total', 'Total number of context switches.', [
          { value: s.contextSwitches },
        ]),
        counter('node_forks_total', 'Total number of forks.', [{ value: s.forks }]),
        counter('node_intr_total', 'Total number of interrupts serviced.', [{ value: s.interrupts }]),
        gauge('node_procs_blocked', 'Number of processes blocked waiting for I/O to complete.', [
          { value: s.procsBlocked },
        ]),
        gauge('node_procs_running', 'Number of processes in runnable state.', [{ value: s.procsRunning }]),
      ];
    },
};
