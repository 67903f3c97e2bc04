// cpu: per-CPU seconds by mode and guest seconds from /proc/stat, thermal throttles and isolated CPUs from
// /sys, and (with --collector.cpu.info) node_cpu_info and the first core's flags/bugs from /proc/cpuinfo.
import type { Sample } from '@vigil/exporter-kit';
import { validRegex } from '../device-filter.js';
import { counter, gauge, nonEmpty } from '../families.js';
import {
  listOptional,
  procFile,
  readOptional,
  readText,
  readUint,
  sysFile,
  type HostPaths,
} from '../host-paths.js';
import type { HostCollectorDef } from './types.js';

/** USER_HZ: /proc/stat counts in 1/100 s on every Linux architecture node_exporter supports. */
const USER_HZ = 100;
/** An idle counter that drops by this much means the CPU was hot-plugged: start it over (as node_exporter). */
const JUMP_BACK_SECONDS = 3;

export const CPU_MODES = [
  'user',
  'nice',
  'system',
  'idle',
  'iowait',
  'irq',
  'softirq',
  'steal',
  'guest',
  'guest_nice',
] as const;
export type CpuMode = (typeof CPU_MODES)[number];
export type CpuTimes = Record<CpuMode, number>;

/** Per-CPU lines of /proc/stat (not the aggregate "cpu" line), in seconds, keyed by CPU number. */
export function parseCpuTimes(text: string): Map<string, CpuTimes> {
  const out = new Map<string, CpuTimes>();
  for (const line of text.split('\n')) {
    const m = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const fields = m[2].trim().split(/\s+/);
    const times = {} as CpuTimes;
    CPU_MODES.forEach((mode, i) => {
      const raw = fields[i] ?? '0';
      if (!/^\d+$/.test(raw)) throw new Error(`invalid /proc/stat cpu line: ${JSON.stringify(line)}`);
      times[mode] = Number(raw) / USER_HZ;
    });
    out.set(m[1], times);
  }
  return out;
}

/** Keeps counters from going backwards when the kernel's per-CPU figures wobble (node_exporter's cpu cache). */
export class CpuTimesCache {
  private readonly last = new Map<string, CpuTimes>();

  update(current: Map<string, CpuTimes>): Map<string, CpuTimes> {
    for (const cpu of [...this.last.keys()]) if (!current.has(cpu)) this.last.delete(cpu);
    for (const [cpu, now] of current) {
      let prev = this.last.get(cpu);
      if (!prev || prev.idle - now.idle >= JUMP_BACK_SECONDS) {
        this.last.set(cpu, { ...now });
        continue;
      }
      prev = { ...prev };
      for (const mode of CPU_MODES) if (now[mode] >= prev[mode]) prev[mode] = now[mode];
      this.last.set(cpu, prev);
    }
    return this.last;
  }
}

export interface CpuInfo {
  processor: string;
  vendor: string;
  family: string;
  model: string;
  modelName: string;
  stepping: string;
  microcode: string;
  cacheSize: string;
  physicalId: string;
  coreId: string;
  flags: string[];
  bugs: string[];
}

/** /proc/cpuinfo as x86 prints it: one "key : value" block per logical CPU. */
export function parseCpuinfo(text: string): CpuInfo[] {
  const out: CpuInfo[] = [];
  let cur: Record<string, string> | undefined;
  const flush = () => {
    if (!cur) return;
    out.push({
      processor: cur['processor'] ?? '',
      vendor: cur['vendor_id'] ?? '',
      family: cur['cpu family'] ?? '',
      model: cur['model'] ?? '',
      modelName: cur['model name'] ?? '',
      stepping: cur['stepping'] ?? '',
      microcode: cur['microcode'] ?? '',
      cacheSize: cur['cache size'] ?? '',
      physicalId: cur['physical id'] ?? '',
      coreId: cur['core id'] ?? '',
      flags: (cur['flags'] ?? '').split(/\s+/).filter(Boolean),
      bugs: (cur['bugs'] ?? '').split(/\s+/).filter(Boolean),
    });
    cur = undefined;
  };
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key === 'processor') {
      flush();
      cur = {};
    }
    if (cur) cur[key] = value;
  }
  flush();
  return out;
}

/** A kernel CPU list such as "1,3-5,9" (sysfs isolated, online, ...). */
export function parseCpuList(text: string): number[] {
  const out: number[] = [];
  for (const part of text.trim().split(',')) {
    if (part === '') continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) throw new Error(`invalid CPU list ${JSON.stringify(text.trim())}`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw new Error(`invalid CPU range ${JSON.stringify(part)}`);
    for (let c = from; c <= to; c++) out.push(c);
  }
  return out;
}

interface Throttles {
  packages: Sample[];
  cores: Sample[];
}

/** Thermal throttle counters: one per package, one per (package, core); hyper-threads share a core's counter. */
function readThrottles(paths: HostPaths): Throttles {
  const base = sysFile(paths, 'devices', 'system', 'cpu');
  const cpus = listOptional(base)
    .filter((d) => /^cpu\d+$/.test(d))
    .sort();
  const packages = new Map<number, number>();
  const cores = new Map<string, Sample>();
  for (const cpu of cpus) {
    const pkg = readUint(`${base}/${cpu}/topology/physical_package_id`);
    const core = readUint(`${base}/${cpu}/topology/core_id`);
    if (pkg === undefined || core === undefined) continue;
    const key = `${pkg}/${core}`;
    if (!cores.has(key)) {
      const n = readUint(`${base}/${cpu}/thermal_throttle/core_throttle_count`);
      if (n !== undefined) cores.set(key, { labels: { core: String(core), package: String(pkg) }, value: n });
    }
    if (!packages.has(pkg)) {
      const n = readUint(`${base}/${cpu}/thermal_throttle/package_throttle_count`);
      if (n !== undefined) packages.set(pkg, n);
    }
  }
  return {
    packages: [...packages].map(([pkg, value]) => ({ labels: { package: String(pkg) }, value })),
    cores: [...cores.values()],
  };
}

function matching(values: string[], pattern: RegExp | undefined, label: string): Sample[] {
  if (!pattern) return [];
  return [...new Set(values)]
    .filter((v) => pattern.test(v))
    .map((v) => ({ labels: { [label]: v }, value: 1 }));
}

export const cpuCollector: HostCollectorDef = {
  name: 'cpu',
  defaultEnabled: true,
  flags: [
    {
      name: 'collector.cpu.guest',
      type: 'bool',
      default: true,
      help: 'Enables metric node_cpu_guest_seconds_total',
    },
    { name: 'collector.cpu.info', type: 'bool', default: false, help: 'Enables metric cpu_info' },
    {
      name: 'collector.cpu.info.flags-include',
      type: 'string',
      help: 'Filter the `flags` field in cpuInfo with a value that must be a regular expression',
      validate: validRegex,
    },
    {
      name: 'collector.cpu.info.bugs-include',
      type: 'string',
      help: 'Filter the `bugs` field in cpuInfo with a value that must be a regular expression',
      validate: validRegex,
    },
  ],
  create: ({ paths, flags, logger }) => {
    const flagsInclude = flags['collector.cpu.info.flags-include']
      ? new RegExp(String(flags['collector.cpu.info.flags-include']))
      : undefined;
    const bugsInclude = flags['collector.cpu.info.bugs-include']
      ? new RegExp(String(flags['collector.cpu.info.bugs-include']))
      : undefined;
    let info = Boolean(flags['collector.cpu.info']);
    if (!info && (flagsInclude || bugsInclude)) {
      logger.info(
        '--collector.cpu.info has been set to true because a flags-include or bugs-include filter was given',
      );
      info = true;
    }
    const guest = Boolean(flags['collector.cpu.guest']);
    const cache = new CpuTimesCache();
    return () => {
      const times = cache.update(parseCpuTimes(readText(procFile(paths, 'stat'))));
      const seconds: Sample[] = [];
      const guestSeconds: Sample[] = [];
      for (const [cpu, t] of times) {
        for (const mode of ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const) {
          seconds.push({ labels: { cpu, mode }, value: t[mode] });
        }
        // Guest time is also counted in user and nice; it is exposed separately, as node_exporter does.
        guestSeconds.push(
          { labels: { cpu, mode: 'user' }, value: t.guest },
          { labels: { cpu, mode: 'nice' }, value: t.guest_nice },
        );
      }
      const throttles = readThrottles(paths);
      const isolatedText = readOptional(sysFile(paths, 'devices', 'system', 'cpu', 'isolated'));
      const isolated = isolatedText === undefined ? [] : parseCpuList(isolatedText);
      const families = [
        counter('node_cpu_seconds_total', 'Seconds the CPUs spent in each mode.', seconds),
        counter(
          'node_cpu_guest_seconds_total',
          'Seconds the CPUs spent in guests (VMs) for each mode.',
          guest ? guestSeconds : [],
        ),
        counter(
          'node_cpu_core_throttles_total',
          'Number of times this CPU core has been throttled.',
          throttles.cores,
        ),
        counter(
          'node_cpu_package_throttles_total',
          'Number of times this CPU package has been throttled.',
          throttles.packages,
        ),
        gauge(
          'node_cpu_isolated',
          'Whether each core is isolated, information from /sys/devices/system/cpu/isolated.',
          isolated.map((c) => ({ labels: { cpu: String(c) }, value: 1 })),
        ),
      ];
      if (info) {
        const cpus = parseCpuinfo(readText(procFile(paths, 'cpuinfo')));
        families.push(
          gauge(
            'node_cpu_info',
            'CPU information from /proc/cpuinfo.',
            cpus.map((c) => ({
              labels: {
                cachesize: c.cacheSize,
                core: c.coreId,
                cpu: c.processor,
                family: c.family,
                microcode: c.microcode,
                model: c.model,
                model_name: c.modelName,
                package: c.physicalId,
                stepping: c.stepping,
                vendor: c.vendor,
              },
              value: 1,
            })),
          ),
          gauge(
            'node_cpu_flag_info',
            'The `flags` field of CPU information from /proc/cpuinfo taken from the first core.',
            matching(cpus[0]?.flags ?? [], flagsInclude, 'flag'),
          ),
          gauge(
            'node_cpu_bug_info',
            'The `bugs` field of CPU information from /proc/cpuinfo taken from the first core.',
            matching(cpus[0]?.bugs ?? [], bugsInclude, 'bug'),
          ),
        );
      }
      return nonEmpty(families);
    };
  },
};
