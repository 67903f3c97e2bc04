// stat: boot time, context switches, interrupts, forks and runnable/blocked processes from /proc/stat.
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
}

export function parseProcStat(text: string): ProcStat {
  const stat: ProcStat = {
    bootTime: 0,
    contextSwitches: 0,
    interrupts: 0,
    forks: 0,
    procsRunning: 0,
    procsBlocked: 0,
  };
  const keys: Record<string, keyof ProcStat> = {
    btime: 'bootTime',
    ctxt: 'contextSwitches',
    intr: 'interrupts',
    processes: 'forks',
    procs_running: 'procsRunning',
    procs_blocked: 'procsBlocked',
  };
  for (const line of text.split('\n')) {
    const sp = line.indexOf(' ');
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
  create:
    ({ paths }) =>
    () => {
      const s = parseProcStat(readText(procFile(paths, 'stat')));
      return [
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
