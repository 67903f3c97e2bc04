// loadavg: node_load1/5/15 from /proc/loadavg, as node_exporter's loadavg collector.
import { gauge } from '../families.js';
import { procFile, readText } from '../host-paths.js';
import type { HostCollectorDef } from './types.js';

export function parseLoadavg(text: string): [number, number, number] {
  const parts = text.trim().split(/\s+/);
  const loads = parts.slice(0, 3).map(Number);
  if (loads.length < 3 || loads.some((v) => !Number.isFinite(v))) {
    throw new Error(`unexpected /proc/loadavg content: ${JSON.stringify(text.slice(0, 80))}`);
  }
  return loads as [number, number, number];
}

export const loadavgCollector: HostCollectorDef = {
  name: 'loadavg',
  defaultEnabled: true,
  create:
    ({ paths }) =>
    () => {
      const [l1, l5, l15] = parseLoadavg(readText(procFile(paths, 'loadavg')));
      return [
        gauge('node_load1', '1m load average.', [{ value: l1 }]),
        gauge('node_load5', '5m load average.', [{ value: l5 }]),
        gauge('node_load15', '15m load average.', [{ value: l15 }]),
      ];
    },
};
