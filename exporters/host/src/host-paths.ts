// Where the host's filesystems are: node_exporter's --path.procfs/--path.sysfs/--path.rootfs, so the exporter
// can run in a container with the host's /proc, /sys and / mounted elsewhere, and tests can point it at a tree.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface HostPaths {
  procfs: string;
  sysfs: string;
  rootfs: string;
  udevData: string;
}

export const DEFAULT_PATHS: HostPaths = {
  procfs: '/proc',
  sysfs: '/sys',
  rootfs: '/',
  udevData: '/run/udev/data',
};

export function procFile(paths: HostPaths, ...parts: string[]): string {
  return join(paths.procfs, ...parts);
}

export function sysFile(paths: HostPaths, ...parts: string[]): string {
  return join(paths.sysfs, ...parts);
}

/** A mount point as seen from inside --path.rootfs. */
export function rootfsFile(paths: HostPaths, mountPoint: string): string {
  return paths.rootfs === '/' ? mountPoint : join(paths.rootfs, mountPoint);
}

/** node_exporter's rootfsStripPrefix: /host/var → /var when --path.rootfs=/host. */
export function stripRootfs(paths: HostPaths, mountPoint: string): string {
  if (paths.rootfs === '/') return mountPoint;
  const prefix = paths.rootfs.replace(/\/+$/, '');
  if (!mountPoint.startsWith(prefix)) return mountPoint;
  const stripped = mountPoint.slice(prefix.length);
  return stripped === '' ? '/' : stripped;
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The file's text, or undefined when it does not exist (other errors propagate). */
export function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
}

/** Reads a whole /proc or /sys file; its name is in the error so a failed collector says what it could not read. */
export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

export function listOptional(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (err) {
    if (isMissing(err)) return [];
    throw err;
  }
}

/** An unsigned integer file such as topology/core_id; undefined when absent or not a number. */
export function readUint(path: string): number | undefined {
  const text = readOptional(path)?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}
