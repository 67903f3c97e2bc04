// The core collectors, by name, as node_exporter 1.5 names them (--collector.<name> / --no-collector.<name>).
import type { FlagSpec, FlagValues } from '@vigil/exporter-kit';
import { cpuCollector } from './cpu.js';
import { diskstatsCollector } from './diskstats.js';
import { filesystemCollector } from './filesystem.js';
import { loadavgCollector } from './loadavg.js';
import { meminfoCollector } from './meminfo.js';
import { netdevCollector } from './netdev.js';
import { pressureCollector } from './pressure.js';
import { statCollector } from './stat.js';
import { timeCollector } from './time.js';
import type { HostCollectorDef } from './types.js';
import { unameCollector } from './uname.js';

export const CORE_COLLECTORS: HostCollectorDef[] = [
  cpuCollector,
  diskstatsCollector,
  filesystemCollector,
  loadavgCollector,
  meminfoCollector,
  netdevCollector,
  pressureCollector,
  statCollector,
  timeCollector,
  unameCollector,
];

/** --collector.<name> for every collector, --collector.disable-defaults, and each collector's own flags. */
export function collectorFlags(defs: HostCollectorDef[]): FlagSpec[] {
  const specs: FlagSpec[] = [
    {
      name: 'collector.disable-defaults',
      type: 'bool',
      default: false,
      help: 'Set all collectors to disabled by default.',
    },
  ];
  for (const d of defs) {
    specs.push({
      name: `collector.${d.name}`,
      type: 'bool',
      help: `Enable the ${d.name} collector (default: ${d.defaultEnabled ? 'enabled' : d.configured ? 'enabled when configured' : 'disabled'}).`,
    });
  }
  for (const d of defs) specs.push(...(d.flags ?? []));
  return specs;
}

/**
 * Which collectors run: an explicit --collector.<name> / --no-collector.<name> wins, otherwise the default,
 * which --collector.disable-defaults turns off. Bool flags without an explicit value are parsed as false, so
 * "explicit" is read from argv/env by the caller.
 */
export function enabledCollectors(
  defs: HostCollectorDef[],
  explicit: Map<string, boolean>,
  disableDefaults: boolean,
  flags: FlagValues,
): HostCollectorDef[] {
  return defs.filter(
    (d) => explicit.get(d.name) ?? (d.configured?.(flags) || (disableDefaults ? false : d.defaultEnabled)),
  );
}
