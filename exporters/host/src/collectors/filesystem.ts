// filesystem: size, free, available and inode counts of mounted filesystems from statfs(2), with
// node_exporter's default excluded mount points and filesystem types. A mount whose statfs does not answer
// within the mount timeout (a dead NFS server) gets device_error=1 and is skipped until it answers again,
// so it never stalls a scrape.
import type { StatsFs } from 'node:fs';
import { statfs } from 'node:fs/promises';
import type { MetricFamily, Sample } from '@vigil/exporter-kit';
import { aliasFlags, resolveAlias } from '../deprecated-flags.js';
import { validRegex } from '../device-filter.js';
import { gauge } from '../families.js';
import { procFile, readOptional, rootfsFile, stripRootfs, type HostPaths } from '../host-paths.js';
import type { HostCollectorDef } from './types.js';

export const MOUNT_POINTS_EXCLUDE =
  '^/(dev|proc|run|sys|mnt|media|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)';
export const FS_TYPES_EXCLUDE =
  '^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$';

export interface Mount {
  device: string;
  mountPoint: string;
  fsType: string;
  options: string;
}

/** /proc/<pid>/mounts lines; mount points have fstab(5) escapes for space and tab. */
export function parseMounts(text: string, paths: Pick<HostPaths, 'rootfs'>): Mount[] {
  const out: Mount[] = [];
  for (const line of text.split('\n')) {
    const parts = line.split(' ');
    if (parts.length < 4) continue;
    const mountPoint = parts[1].replaceAll('\\040', ' ').replaceAll('\\011', '\t');
    out.push({
      device: parts[0],
      mountPoint: stripRootfs(paths as HostPaths, mountPoint),
      fsType: parts[2],
      options: parts[3],
    });
  }
  return out;
}

export interface FsStats {
  mount: Mount;
  deviceError: boolean;
  size?: number;
  free?: number;
  avail?: number;
  files?: number;
  filesFree?: number;
  readonly?: boolean;
}

export function filesystemFamilies(stats: FsStats[]): MetricFamily[] {
  const names = [
    'avail_bytes',
    'device_error',
    'files',
    'files_free',
    'free_bytes',
    'readonly',
    'size_bytes',
  ] as const;
  const samples: Record<(typeof names)[number], Sample[]> = {
    avail_bytes: [],
    device_error: [],
    files: [],
    files_free: [],
    free_bytes: [],
    readonly: [],
    size_bytes: [],
  };
  const seen = new Set<string>();
  for (const s of stats) {
    const labels = { device: s.mount.device, fstype: s.mount.fsType, mountpoint: s.mount.mountPoint };
    const key = `${labels.device}\0${labels.fstype}\0${labels.mountpoint}`;
    if (seen.has(key)) continue;
    seen.add(key);
    samples.device_error.push({ labels, value: s.deviceError ? 1 : 0 });
    if (s.deviceError) continue;
    samples.size_bytes.push({ labels, value: s.size! });
    samples.free_bytes.push({ labels, value: s.free! });
    samples.avail_bytes.push({ labels, value: s.avail! });
    samples.files.push({ labels, value: s.files! });
    samples.files_free.push({ labels, value: s.filesFree! });
    samples.readonly.push({ labels, value: s.readonly ? 1 : 0 });
  }
  const help: Record<(typeof names)[number], string> = {
    avail_bytes: 'Filesystem space available to non-root users in bytes.',
    device_error: 'Whether an error occurred while getting statistics for the given device.',
    files: 'Filesystem total file nodes.',
    files_free: 'Filesystem total free file nodes.',
    free_bytes: 'Filesystem free space in bytes.',
    readonly: 'Filesystem read-only status.',
    size_bytes: 'Filesystem size in bytes.',
  };
  return names
    .filter((n) => samples[n].length > 0)
    .map((n) => gauge(`node_filesystem_${n}`, help[n], samples[n]));
}

export type StatfsFn = (path: string) => Promise<StatsFs>;

/**
 * statfs with node_exporter's stuck-mount handling: a call that has not answered within timeoutMs yields
 * 'stale', and that path yields 'stale' at once until the outstanding call finally returns.
 */
export function staleAwareStatfs(
  fn: StatfsFn,
  timeoutMs: number,
  onStale: (path: string) => void,
): (path: string) => Promise<StatsFs | 'stale'> {
  const stuck = new Set<string>();
  return async (path) => {
    if (stuck.has(path)) return 'stale';
    let timer: NodeJS.Timeout | undefined;
    const pending = fn(path);
    const timedOut = new Promise<'stale'>(
      (resolve) => (timer = setTimeout(() => resolve('stale'), timeoutMs)),
    );
    try {
      const result = await Promise.race([pending, timedOut]);
      if (result === 'stale') {
        stuck.add(path);
        onStale(path);
        const release = () => stuck.delete(path);
        pending.then(release, release);
      }
      return result;
    } finally {
      clearTimeout(timer);
    }
  };
}

const IGNORED_MOUNT_POINTS = {
  old: 'collector.filesystem.ignored-mount-points',
  current: 'collector.filesystem.mount-points-exclude',
};
const IGNORED_FS_TYPES = {
  old: 'collector.filesystem.ignored-fs-types',
  current: 'collector.filesystem.fs-types-exclude',
};

export const filesystemCollector: HostCollectorDef = {
  name: 'filesystem',
  defaultEnabled: true,
  flags: [
    {
      name: 'collector.filesystem.mount-points-exclude',
      type: 'string',
      default: MOUNT_POINTS_EXCLUDE,
      help: 'Regexp of mount points to exclude for filesystem collector.',
      validate: validRegex,
    },
    {
      name: 'collector.filesystem.fs-types-exclude',
      type: 'string',
      default: FS_TYPES_EXCLUDE,
      help: 'Regexp of filesystem types to exclude for filesystem collector.',
      validate: validRegex,
    },
    {
      name: 'collector.filesystem.mount-timeout',
      type: 'duration',
      default: '5s',
      help: 'How long to wait for a mount to respond before marking it as stale.',
    },
    ...aliasFlags([IGNORED_MOUNT_POINTS, IGNORED_FS_TYPES]),
  ],
  create: ({ paths, flags, logger }) => {
    const mountExclude = new RegExp(resolveAlias(flags, IGNORED_MOUNT_POINTS, MOUNT_POINTS_EXCLUDE, logger));
    const typeExclude = new RegExp(resolveAlias(flags, IGNORED_FS_TYPES, FS_TYPES_EXCLUDE, logger));
    // Stay inside the collector's scrape budget, so a dead mount marks itself stale instead of failing the collector.
    const timeoutMs = Math.min(
      Number(flags['collector.filesystem.mount-timeout']),
      Number(flags['scrape.collector-timeout'] ?? 5000) / 2,
    );
    const statOne = staleAwareStatfs(statfs, timeoutMs, (mountPoint) =>
      logger.warn(
        { mountpoint: mountPoint, timeoutMs },
        'mount point timed out, it is being labeled as stale and will not be queried until it responds',
      ),
    );
    const statMount = async (mount: Mount): Promise<FsStats> => {
      try {
        const s = await statOne(rootfsFile(paths, mount.mountPoint));
        if (s === 'stale') return { mount, deviceError: true };
        return {
          mount,
          deviceError: false,
          size: s.blocks * s.bsize,
          free: s.bfree * s.bsize,
          avail: s.bavail * s.bsize,
          files: s.files,
          filesFree: s.ffree,
          readonly: mount.options.split(',').includes('ro'),
        };
      } catch (err) {
        logger.debug({ mountpoint: mount.mountPoint, err: (err as Error).message }, 'statfs failed');
        return { mount, deviceError: true };
      }
    };
    return async () => {
      const text = readOptional(procFile(paths, '1', 'mounts')) ?? readOptional(procFile(paths, 'mounts'));
      if (text === undefined)
        throw new Error(`cannot read ${procFile(paths, '1', 'mounts')} nor ${procFile(paths, 'mounts')}`);
      const mounts = parseMounts(text, paths).filter(
        (m) => !mountExclude.test(m.mountPoint) && !typeExclude.test(m.fsType),
      );
      return filesystemFamilies(await Promise.all(mounts.map(statMount)));
    };
  },
};
