// time: the system clock, the local time zone's offset and the kernel clocksources.
import type { Sample } from '@vigil/exporter-kit';
import { gauge, nonEmpty } from '../families.js';
import { zoneAbbreviation } from '../time-zone.js';
import { listOptional, readOptional, sysFile } from '../host-paths.js';
import type { HostCollectorDef } from './types.js';

export interface Clocksource {
  device: string;
  available: string[];
  current: string;
}

export function parseClocksource(device: string, available: string, current: string): Clocksource {
  return { device, available: available.trim().split(/\s+/).filter(Boolean), current: current.trim() };
}

export const timeCollector: HostCollectorDef = {
  name: 'time',
  defaultEnabled: true,
  create:
    ({ paths }) =>
    () => {
      const now = new Date();
      const base = sysFile(paths, 'devices', 'system', 'clocksource');
      const available: Sample[] = [];
      const current: Sample[] = [];
      for (const dir of listOptional(base)) {
        const m = /^clocksource(\d+)$/.exec(dir);
        if (!m) continue;
        const cs = parseClocksource(
          m[1],
          readOptional(`${base}/${dir}/available_clocksource`) ?? '',
          readOptional(`${base}/${dir}/current_clocksource`) ?? '',
        );
        for (const name of cs.available)
          available.push({ labels: { clocksource: name, device: cs.device }, value: 1 });
        if (cs.current) current.push({ labels: { clocksource: cs.current, device: cs.device }, value: 1 });
      }
      return nonEmpty([
        gauge('node_time_seconds', 'System time in seconds since epoch (1970).', [
          { value: now.getTime() / 1000 },
        ]),
        gauge('node_time_zone_offset_seconds', 'System time zone offset in seconds.', [
          { labels: { time_zone: zoneAbbreviation(now) }, value: -now.getTimezoneOffset() * 60 },
        ]),
        gauge(
          'node_time_clocksource_available_info',
          "Available clocksources read from '/sys/devices/system/clocksource'.",
          available,
        ),
        gauge(
          'node_time_clocksource_current_info',
          "Current clocksource read from '/sys/devices/system/clocksource'.",
          current,
        ),
      ]);
    },
};
