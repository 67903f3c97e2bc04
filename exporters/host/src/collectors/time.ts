// time: the system clock, the local time zone's offset and the kernel clocksources.
import type { Sample } from '@vigil/exporter-kit';
import { gauge, nonEmpty } from '../families.js';
import { listOptional, readOptional, sysFile } from '../host-paths.js';
import type { HostCollectorDef } from './types.js';

let format: Intl.DateTimeFormat | undefined;
/** Building a DateTimeFormat costs more than the rest of the collector: keep one. */
function zoneFormat(): Intl.DateTimeFormat {
  return (format ??= new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }));
}

/** The zone's abbreviation as Go's time.Zone() gives it (UTC, CET, ...), falling back to Intl's short name. */
export function zoneName(date: Date): string {
  const name = zoneFormat()
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  const tz = process.env.TZ ?? '';
  // Intl calls UTC "GMT" in some builds; Go says UTC unless the zone really is GMT (e.g. Europe/London).
  if (!name || name === 'UTC' || (name === 'GMT' && (tz === '' || /UTC/i.test(tz)))) return 'UTC';
  return name;
}

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
          { labels: { time_zone: zoneName(now) }, value: -now.getTimezoneOffset() * 60 },
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
