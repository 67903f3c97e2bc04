// diskstats: per-device I/O counters from /proc/diskstats in node_exporter's names and base units (sectors
// of 512 bytes → bytes, milliseconds → seconds), and node_disk_info with udev's path/wwn/model/serial/revision.
import type { MetricFamily, Sample } from '@vigil/exporter-kit';
import { DeviceFilter, validRegex } from '../device-filter.js';
import { counter, gauge, nonEmpty } from '../families.js';
import { procFile, readOptional, readText } from '../host-paths.js';
import type { HostCollectorDef } from './types.js';

const SECTOR_BYTES = 512;
/** Multiplied, not divided, so values print exactly as node_exporter's (e.g. 0.10400000000000001). */
const MS = 0.001;

interface DiskField {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  factor: number;
}

/** The statistics after major, minor and name, in /proc/diskstats order (kernel Documentation/admin-guide/iostats). */
export const DISK_FIELDS: DiskField[] = [
  {
    name: 'node_disk_reads_completed_total',
    help: 'The total number of reads completed successfully.',
    type: 'counter',
    factor: 1,
  },
  {
    name: 'node_disk_reads_merged_total',
    help: 'The total number of reads merged.',
    type: 'counter',
    factor: 1,
  },
  {
    name: 'node_disk_read_bytes_total',
    help: 'The total number of bytes read successfully.',
    type: 'counter',
    factor: SECTOR_BYTES,
  },
  {
    name: 'node_disk_read_time_seconds_total',
    help: 'The total number of seconds spent by all reads.',
    type: 'counter',
    factor: MS,
  },
  {
    name: 'node_disk_writes_completed_total',
    help: 'The total number of writes completed successfully.',
    type: 'counter',
    factor: 1,
  },
  { name: 'node_disk_writes_merged_total', help: 'The number of writes merged.', type: 'counter', factor: 1 },
  {
    name: 'node_disk_written_bytes_total',
    help: 'The total number of bytes written successfully.',
    type: 'counter',
    factor: SECTOR_BYTES,
  },
  {
    name: 'node_disk_write_time_seconds_total',
    help: 'This is the total number of seconds spent by all writes.',
    type: 'counter',
    factor: MS,
  },
  { name: 'node_disk_io_now', help: 'The number of I/Os currently in progress.', type: 'gauge', factor: 1 },
  {
    name: 'node_disk_io_time_seconds_total',
    help: 'Total seconds spent doing I/Os.',
    type: 'counter',
    factor: MS,
  },
  {
    name: 'node_disk_io_time_weighted_seconds_total',
    help: 'The weighted # of seconds spent doing I/Os.',
    type: 'counter',
    factor: MS,
  },
  {
    name: 'node_disk_discards_completed_total',
    help: 'The total number of discards completed successfully.',
    type: 'counter',
    factor: 1,
  },
  {
    name: 'node_disk_discards_merged_total',
    help: 'The total number of discards merged.',
    type: 'counter',
    factor: 1,
  },
  {
    name: 'node_disk_discarded_sectors_total',
    help: 'The total number of sectors discarded successfully.',
    type: 'counter',
    factor: 1,
  },
  {
    name: 'node_disk_discard_time_seconds_total',
    help: 'This is the total number of seconds spent by all discards.',
    type: 'counter',
    factor: MS,
  },
  {
    name: 'node_disk_flush_requests_total',
    help: 'The total number of flush requests completed successfully',
    type: 'counter',
    factor: 1,
  },
  {
    name: 'node_disk_flush_requests_time_seconds_total',
    help: 'This is the total number of seconds spent by all flush requests.',
    type: 'counter',
    factor: MS,
  },
];

export interface DiskStatsLine {
  major: string;
  minor: string;
  device: string;
  /** Raw kernel counters (11, 15 or 17 of them depending on the kernel). */
  stats: number[];
}

export function parseDiskstats(text: string): DiskStatsLine[] {
  const out: DiskStatsLine[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 4) continue;
    const stats = parts.slice(3).map(Number);
    if (stats.some((v) => !Number.isFinite(v)))
      throw new Error(`invalid /proc/diskstats line: ${JSON.stringify(line)}`);
    out.push({ major: parts[0], minor: parts[1], device: parts[2], stats });
  }
  return out;
}

/** udev's database entry for a block device: the E:KEY=value properties. */
export function parseUdevProperties(text: string): Record<string, string> {
  const props: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('E:')) continue;
    const eq = line.indexOf('=');
    if (eq > 2) props[line.slice(2, eq)] = line.slice(eq + 1);
  }
  return props;
}

export function diskFamilies(
  lines: DiskStatsLine[],
  filter: DeviceFilter,
  udev: (major: string, minor: string) => Record<string, string>,
): MetricFamily[] {
  const perField: Sample[][] = DISK_FIELDS.map(() => []);
  const info: Sample[] = [];
  for (const l of lines) {
    if (filter.ignored(l.device)) continue;
    const props = udev(l.major, l.minor);
    info.push({
      labels: {
        device: l.device,
        major: l.major,
        minor: l.minor,
        model: props['ID_MODEL'] ?? '',
        path: props['ID_PATH'] ?? '',
        revision: props['ID_REVISION'] ?? '',
        serial: props['ID_SERIAL_SHORT'] ?? '',
        wwn: props['ID_WWN'] ?? '',
      },
      value: 1,
    });
    const n = Math.min(l.stats.length, DISK_FIELDS.length);
    for (let i = 0; i < n; i++)
      perField[i].push({ labels: { device: l.device }, value: l.stats[i] * DISK_FIELDS[i].factor });
  }
  return nonEmpty([
    gauge('node_disk_info', 'Info of /sys/block/<block_device>.', info),
    ...DISK_FIELDS.map((f, i) =>
      f.type === 'counter' ? counter(f.name, f.help, perField[i]) : gauge(f.name, f.help, perField[i]),
    ),
  ]);
}

export const DISKSTATS_DEFAULT_EXCLUDE = '^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$';

export const diskstatsCollector: HostCollectorDef = {
  name: 'diskstats',
  defaultEnabled: true,
  flags: [
    {
      name: 'collector.diskstats.device-exclude',
      type: 'string',
      default: DISKSTATS_DEFAULT_EXCLUDE,
      help: 'Regexp of diskstats devices to exclude (mutually exclusive to device-include).',
      validate: validRegex,
    },
    {
      name: 'collector.diskstats.device-include',
      type: 'string',
      help: 'Regexp of diskstats devices to include (mutually exclusive to device-exclude).',
      validate: validRegex,
    },
    { name: 'path.udev.data', type: 'string', default: '/run/udev/data', help: 'udev data path.' },
  ],
  create: ({ paths, flags }) => {
    const filter = DeviceFilter.fromFlags(flags, 'collector.diskstats', DISKSTATS_DEFAULT_EXCLUDE);
    const udev = (major: string, minor: string) => {
      const text = readOptional(`${paths.udevData}/b${major}:${minor}`);
      return text === undefined ? {} : parseUdevProperties(text);
    };
    return () => diskFamilies(parseDiskstats(readText(procFile(paths, 'diskstats'))), filter, udev);
  },
};
