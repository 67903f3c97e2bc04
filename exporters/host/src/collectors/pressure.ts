// pressure: Linux pressure stall information (PSI) from /proc/pressure/{cpu,io,memory}, in seconds.
import { counter } from '../families.js';
import { procFile, readOptional } from '../host-paths.js';
import type { MetricFamily } from '@vigil/exporter-kit';
import type { HostCollectorDef } from './types.js';

export interface PsiTotals {
  /** Microseconds during which at least one task was stalled. */
  some?: number;
  /** Microseconds during which all non-idle tasks were stalled. */
  full?: number;
}

export function parsePsi(text: string): PsiTotals {
  const out: PsiTotals = {};
  for (const line of text.split('\n')) {
    const m = /^(some|full)\s.*\btotal=(\d+)/.exec(line.trim());
    if (m) out[m[1] as 'some' | 'full'] = Number(m[2]);
  }
  if (out.some === undefined)
    throw new Error(`no "some" line in pressure data: ${JSON.stringify(text.slice(0, 80))}`);
  return out;
}

const seconds = (us: number | undefined) => (us ?? 0) / 1000 / 1000;

export const pressureCollector: HostCollectorDef = {
  name: 'pressure',
  defaultEnabled: true,
  create:
    ({ paths }) =>
    () => {
      const read = (resource: string): PsiTotals => {
        const text = readOptional(procFile(paths, 'pressure', resource));
        if (text === undefined) {
          throw new Error(
            'pressure information is unavailable, you need a Linux kernel >= 4.20 and/or CONFIG_PSI',
          );
        }
        return parsePsi(text);
      };
      const cpu = read('cpu');
      const io = read('io');
      const memory = read('memory');
      const one = (name: string, help: string, value: number): MetricFamily =>
        counter(name, help, [{ value }]);
      return [
        one(
          'node_pressure_cpu_waiting_seconds_total',
          'Total time in seconds that processes have waited for CPU time',
          seconds(cpu.some),
        ),
        one(
          'node_pressure_io_waiting_seconds_total',
          'Total time in seconds that processes have waited due to IO congestion',
          seconds(io.some),
        ),
        one(
          'node_pressure_io_stalled_seconds_total',
          'Total time in seconds no process could make progress due to IO congestion',
          seconds(io.full),
        ),
        one(
          'node_pressure_memory_waiting_seconds_total',
          'Total time in seconds that processes have waited for memory',
          seconds(memory.some),
        ),
        one(
          'node_pressure_memory_stalled_seconds_total',
          'Total time in seconds no process could make progress due to memory congestion',
          seconds(memory.full),
        ),
      ];
    },
};
