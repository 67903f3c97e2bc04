// diskstats: per-device I/O counters from /proc/diskstats in node_exporter's names and base units (sectors
// of 512 bytes → bytes, milliseconds → seconds), plus what udev knows about each device: node_disk_info
// (path/wwn/model/serial/revision), the filesystem signature, device-mapper names and ATA properties.
import type { MetricFamily, Sample } from '@vigil/exporter-kit';
import { aliasFlags, resolveAlias } from '../deprecated-flags.js';
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

/** ATA properties udev records (only for disks with ID_ATA), as node_exporter exports them. */
const ATA_FAMILIES = [
  {
    prop: 'ID_ATA_ROTATION_RATE_RPM',
    name: 'node_disk_ata_rotation_rate_rpm',
    help: 'ATA disk rotation rate in RPMs (0 for SSDs).',
  },
  { prop: 'ID_ATA_WRITE_CACHE', name: 'node_disk_ata_write_cache', help: 'ATA disk has a write cache.' },
  {
    prop: 'ID_ATA_WRITE_CACHE_ENABLED',
    name: 'node_disk_ata_write_cache_enabled',
    help: 'ATA disk has its write cache enabled.',
  },
];

/** The udev-only families: filesystem signature, device-mapper names and ATA properties of one device. */
function udevSamples(device: string, props: Record<string, string>, out: Map<string, Sample[]>): void {
  const push = (family: string, s: Sample) => {
    let list = out.get(family);
    if (!list) out.set(family, (list = []));
    list.push(s);
  };
  if (props['ID_FS_TYPE']) {
    push('node_disk_filesystem_info', {
      labels: {
        device,
        type: props['ID_FS_TYPE'],
        usage: props['ID_FS_USAGE'] ?? '',
        uuid: props['ID_FS_UUID'] ?? '',
        version: props['ID_FS_VERSION'] ?? '',
      },
      value: 1,
    });
  }
  if (props['DM_NAME']) {
    push('node_disk_device_mapper_info', {
      labels: {
        device,
        lv_layer: props['DM_LV_LAYER'] ?? '',
        lv_name: props['DM_LV_NAME'] ?? '',
        name: props['DM_NAME'],
        uuid: props['DM_UUID'] ?? '',
        vg_name: props['DM_VG_NAME'] ?? '',
      },
      value: 1,
    });
  }
  if (props['ID_ATA']) {
    for (const f of ATA_FAMILIES) {
      const raw = props[f.prop];
      if (raw !== undefined && raw.trim() !== '' && Number.isFinite(Number(raw)))
        push(f.name, { labels: { device }, value: Number(raw) });
    }
  }
}

export function diskFamilies(
  lines: DiskStatsLine[],
  filter: DeviceFilter,
  udev: (major: string, minor: string) => Record<string, string>,
): MetricFamily[] {
  const perField: Sample[][] = DISK_FIELDS.map(() => []);
  const info: Sample[] = [];
  const fromUdev = new Map<string, Sample[]>();
  for (const l of lines) {
    if (filter.ignored(l.device)) continue;
    const props = udev(l.major, l.minor);
    udevSamples(l.device, props, fromUdev);
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
    gauge(
      'node_disk_filesystem_info',
      'Info about disk filesystem.',
      fromUdev.get('node_disk_filesystem_info'),
    ),
    gauge(
      'node_disk_device_mapper_info',
      'Info about disk device mapper.',
      fromUdev.get('node_disk_device_mapper_info'),
    ),
    ...ATA_FAMILIES.map((f) => gauge(f.name, f.help, fromUdev.get(f.name))),
    ...DISK_FIELDS.map((f, i) =>
      f.type === 'counter' ? counter(f.name, f.help, perField[i]) : gauge(f.name, f.help, perField[i]),
    ),
  ]);
}

export const DISKSTATS_DEFAULT_EXCLUDE = '^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$';

const IGNORED_DEVICES = {
  old: 'collector.diskstats.ignored-devices',
  current: 'collector.diskstats.device-exclude',
};

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
    ...aliasFlags([IGNORED_DEVICES]),
  ],
  create: ({ paths, flags, logger }) => {
    const exclude = resolveAlias(flags, IGNORED_DEVICES, DISKSTATS_DEFAULT_EXCLUDE, logger);
    const filter = DeviceFilter.fromFlags(flags, 'collector.diskstats', DISKSTATS_DEFAULT_EXCLUDE, exclude);
    const udev = (major: string, minor: string) => {
      const text = readOptional(`${paths.udevData}/b${major}:${minor}`);
      return text === undefined ? {} : parseUdevProperties(text);
    };
    return () => diskFamilies(parseDiskstats(readText(procFile(paths, 'diskstats'))), filter, udev);
  },
};
