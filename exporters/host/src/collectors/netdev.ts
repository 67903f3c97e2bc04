// netdev: per-interface receive/transmit counters as node_network_<field>_total, in /proc/net/dev's legacy
// field names. Like Debian's node_exporter 1.5 it exports netlink's set by default (the /proc/net/dev counters
// plus receive_nohandler) and /proc/net/dev's alone with --no-collector.netdev.netlink.
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { MetricFamily, Sample } from '@vigil/exporter-kit';
import { addressScope } from '../address-scope.js';
import { DeviceFilter, validRegex } from '../device-filter.js';
import { counter, gauge, nonEmpty } from '../families.js';
import { procFile, readOptional, readText, sysFile, type HostPaths } from '../host-paths.js';
import type { HostCollectorDef } from './types.js';

export type DeviceStats = Map<string, Record<string, number>>;

const PROC_RECEIVE = ['bytes', 'packets', 'errors', 'dropped', 'fifo', 'frame', 'compressed', 'multicast'];
const PROC_TRANSMIT = ['bytes', 'packets', 'errors', 'dropped', 'fifo', 'colls', 'carrier', 'compressed'];

/** /proc/net/dev: two header lines, then "name: 8 receive and 8 transmit counters". Names may contain ':'. */
export function parseProcNetDev(text: string): DeviceStats {
  const out: DeviceStats = new Map();
  const lines = text.split('\n').slice(2);
  for (const line of lines) {
    if (line.trim() === '') continue;
    const colon = line.lastIndexOf(':');
    if (colon < 0) throw new Error(`invalid /proc/net/dev line: ${JSON.stringify(line)}`);
    const name = line.slice(0, colon).trim();
    const values = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    if (values.length < 16 || values.some((v) => !Number.isFinite(v)))
      throw new Error(`invalid /proc/net/dev line: ${JSON.stringify(line)}`);
    const stats: Record<string, number> = {};
    PROC_RECEIVE.forEach((f, i) => (stats[`receive_${f}`] = values[i]));
    PROC_TRANSMIT.forEach((f, i) => (stats[`transmit_${f}`] = values[8 + i]));
    out.set(name, stats);
  }
  return out;
}

/**
 * What netlink gives node_exporter, read cheaply: /proc/net/dev already prints the kernel's rtnl_link_stats64
 * folded into the legacy columns (drop includes missed errors, frame the length/over/crc errors, carrier the
 * aborted/window/heartbeat errors), which is exactly what node_exporter's legacy() folds netlink's into; the one
 * counter netlink adds is rx_nohandler, read from /sys/class/net/<dev>/statistics (0 where the kernel lacks it).
 */
function readNetlinkEquivalent(paths: HostPaths, filter: DeviceFilter): DeviceStats {
  const stats = parseProcNetDev(readText(procFile(paths, 'net', 'dev')));
  for (const [dev, s] of stats) {
    if (filter.ignored(dev)) continue;
    const raw = readOptional(sysFile(paths, 'class', 'net', dev, 'statistics', 'rx_nohandler'))?.trim();
    s.receive_nohandler = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : 0;
  }
  return stats;
}

/** rtnl_link_stats64 member names (the sysfs statistics file names) → node_exporter's netlink field names. */
const LINK_STATS: Record<string, string> = {
  rx_packets: 'receive_packets',
  tx_packets: 'transmit_packets',
  rx_bytes: 'receive_bytes',
  tx_bytes: 'transmit_bytes',
  rx_errors: 'receive_errors',
  tx_errors: 'transmit_errors',
  rx_dropped: 'receive_dropped',
  tx_dropped: 'transmit_dropped',
  multicast: 'multicast',
  collisions: 'collisions',
  rx_length_errors: 'receive_length_errors',
  rx_over_errors: 'receive_over_errors',
  rx_crc_errors: 'receive_crc_errors',
  rx_frame_errors: 'receive_frame_errors',
  rx_fifo_errors: 'receive_fifo_errors',
  rx_missed_errors: 'receive_missed_errors',
  tx_aborted_errors: 'transmit_aborted_errors',
  tx_carrier_errors: 'transmit_carrier_errors',
  tx_fifo_errors: 'transmit_fifo_errors',
  tx_heartbeat_errors: 'transmit_heartbeat_errors',
  tx_window_errors: 'transmit_window_errors',
  rx_compressed: 'receive_compressed',
  tx_compressed: 'transmit_compressed',
  rx_nohandler: 'receive_nohandler',
};

/** One interface's statistics files (name → text) in netlink's field names; missing files are left out. */
export function linkStatistics(files: Record<string, string | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [file, field] of Object.entries(LINK_STATS)) {
    const raw = files[file]?.trim();
    if (raw !== undefined && /^\d+$/.test(raw)) out[field] = Number(raw);
  }
  return out;
}

/**
 * --collector.netdev.enable-detailed-metrics with netlink: every rtnl_link_stats64 counter unfolded, read from
 * /sys/class/net/<dev>/statistics for the devices /proc/net/dev lists (the same links netlink would).
 */
function readDetailedLinkStats(paths: HostPaths, filter: DeviceFilter): DeviceStats {
  const out: DeviceStats = new Map();
  for (const dev of parseProcNetDev(readText(procFile(paths, 'net', 'dev'))).keys()) {
    if (filter.ignored(dev)) continue;
    const files: Record<string, string | undefined> = {};
    for (const file of Object.keys(LINK_STATS))
      files[file] = readOptional(sysFile(paths, 'class', 'net', dev, 'statistics', file));
    out.set(dev, linkStatistics(files));
  }
  return out;
}

function take(m: Record<string, number>, key: string): number | undefined {
  const v = m[key];
  delete m[key];
  return v;
}

/** node_exporter's legacy(): the names /proc/net/dev has always used, with the detailed errors summed in as the kernel does. */
export function legacyNames(input: Record<string, number>): Record<string, number> {
  const m = { ...input };
  const z = (k: string) => take(m, k) ?? 0;
  const rename = (from: string, to: string, extra: () => number = () => 0) => {
    const v = take(m, from);
    if (v !== undefined) m[to] = v + extra();
  };
  rename('receive_errors', 'receive_errs');
  rename('receive_dropped', 'receive_drop', () => z('receive_missed_errors'));
  rename('receive_fifo_errors', 'receive_fifo');
  rename(
    'receive_frame_errors',
    'receive_frame',
    () => z('receive_length_errors') + z('receive_over_errors') + z('receive_crc_errors'),
  );
  rename('multicast', 'receive_multicast');
  rename('transmit_errors', 'transmit_errs');
  rename('transmit_dropped', 'transmit_drop');
  rename('transmit_fifo_errors', 'transmit_fifo');
  rename('collisions', 'transmit_colls');
  rename(
    'transmit_carrier_errors',
    'transmit_carrier',
    () => z('transmit_aborted_errors') + z('transmit_heartbeat_errors') + z('transmit_window_errors'),
  );
  return m;
}

export function netdevFamilies(stats: DeviceStats, filter: DeviceFilter, detailed = false): MetricFamily[] {
  const byField = new Map<string, Sample[]>();
  for (const [device, raw] of stats) {
    if (filter.ignored(device)) continue;
    for (const [field, value] of Object.entries(detailed ? raw : legacyNames(raw))) {
      let list = byField.get(field);
      if (!list) byField.set(field, (list = []));
      list.push({ labels: { device }, value });
    }
  }
  return [...byField.keys()]
    .sort()
    .map((field) =>
      counter(`node_network_${field}_total`, `Network device statistic ${field}.`, byField.get(field)!),
    );
}

/** Every address of every interface (not filtered by device, as in node_exporter). */
export function addressInfoFamily(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): MetricFamily {
  const samples: Sample[] = [];
  for (const [device, addrs] of Object.entries(interfaces)) {
    for (const a of addrs ?? []) {
      const netmask = a.cidr?.split('/')[1] ?? '';
      samples.push({
        labels: { address: a.address, device, netmask, scope: addressScope(a.address, a.family) },
        value: 1,
      });
    }
  }
  return gauge('node_network_address_info', 'node network address by device', samples);
}

export const NETDEV_DEFAULT_EXCLUDE = '^lo$';

export const netdevCollector: HostCollectorDef = {
  name: 'netdev',
  defaultEnabled: true,
  flags: [
    {
      name: 'collector.netdev.device-include',
      type: 'string',
      help: 'Regexp of net devices to include (mutually exclusive to device-exclude).',
      validate: validRegex,
    },
    {
      name: 'collector.netdev.device-exclude',
      type: 'string',
      default: NETDEV_DEFAULT_EXCLUDE,
      help: 'Regexp of net devices to exclude (mutually exclusive to device-include).',
      validate: validRegex,
    },
    {
      name: 'collector.netdev.address-info',
      type: 'bool',
      default: false,
      help: 'Collect address-info for every device',
    },
    {
      name: 'collector.netdev.enable-detailed-metrics',
      type: 'bool',
      default: false,
      help: 'Use (incompatible) metric names that provide more detailed stats on Linux',
    },
    {
      name: 'collector.netdev.netlink',
      type: 'bool',
      default: true,
      help: "Export netlink's counter set (/proc/net/dev's plus receive_nohandler, as node_exporter's netlink mode) instead of /proc/net/dev's alone.",
    },
  ],
  create: ({ paths, flags }) => {
    const filter = DeviceFilter.fromFlags(flags, 'collector.netdev', NETDEV_DEFAULT_EXCLUDE);
    const netlink = Boolean(flags['collector.netdev.netlink']);
    const addressInfo = Boolean(flags['collector.netdev.address-info']);
    const detailed = Boolean(flags['collector.netdev.enable-detailed-metrics']);
    const read = (): DeviceStats => {
      if (!netlink) return parseProcNetDev(readText(procFile(paths, 'net', 'dev')));
      return detailed ? readDetailedLinkStats(paths, filter) : readNetlinkEquivalent(paths, filter);
    };
    return () => {
      const families = netdevFamilies(read(), filter, detailed);
      if (addressInfo) families.push(...nonEmpty([addressInfoFamily(networkInterfaces())]));
      return families;
    };
  },
};
