// Reading docker-compose.yml for the compose tests: services, their mounts mapped back to repo paths, and the
// Vigil commands.
import path from 'node:path';

import { readYaml, repoRoot } from './repo.js';

export interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string>;
  volumes?: string[];
  networks?: Record<string, { aliases?: string[] } | null>;
  network_mode?: string;
  ports?: string[];
  user?: string;
  depends_on?: unknown;
  extra_hosts?: string[];
  pid?: string;
  logging?: { driver?: string; options?: Record<string, string> };
}

export interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

export const composeFile = path.join(repoRoot, 'docker-compose.yml');
/** The Linux host override (host namespaces and paths): `-f docker-compose.yml -f docker-compose.linux.yml`. */
export const linuxComposeFile = path.join(repoRoot, 'docker-compose.linux.yml');

/** docker-compose.yml alone (what Docker Desktop runs), or merged with the Linux override as Compose merges it. */
export function loadCompose(variant: 'base' | 'linux' = 'base'): Compose {
  const base = readYaml<Compose>(composeFile);
  return variant === 'linux' ? mergeCompose(base, readYaml<Compose>(linuxComposeFile)) : base;
}

const targetOf = (volume: string) => volume.split(':')[1];

/**
 * Compose's merge of an override file (compose-spec "merge"): `command` and `entrypoint` are replaced,
 * `volumes` merged by target (the override's mount wins), other sequences concatenated without duplicates,
 * mappings merged key by key, scalars replaced.
 */
export function mergeCompose(base: Compose, override: Compose): Compose {
  const services: Record<string, Service> = { ...base.services };
  for (const [name, o] of Object.entries(override.services)) {
    const merged: Record<string, unknown> = { ...(services[name] ?? {}) };
    for (const [key, value] of Object.entries(o)) {
      const prev = merged[key];
      if (key === 'volumes' && Array.isArray(prev) && Array.isArray(value)) {
        const byTarget = new Map((prev as string[]).map((v) => [targetOf(v), v]));
        for (const v of value as string[]) byTarget.set(targetOf(v), v);
        merged[key] = [...byTarget.values()];
      } else if (key !== 'command' && key !== 'entrypoint' && Array.isArray(prev) && Array.isArray(value)) {
        merged[key] = [...new Set([...prev, ...value])];
      } else if (isMapping(prev) && isMapping(value)) {
        merged[key] = { ...prev, ...value };
      } else {
        merged[key] = value;
      }
    }
    services[name] = merged as Service;
  }
  return { ...base, services, volumes: { ...base.volumes, ...override.volumes } };
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Mount {
  source: string;
  target: string;
  /** A path in the repository (source starts with ./ or ../). */
  repoPath?: string;
  /** A named volume. */
  volume?: string;
  readOnly: boolean;
}

export function mountsOf(s: Service): Mount[] {
  return (s.volumes ?? []).map((v) => {
    const [source, target, mode = ''] = v.split(':');
    const m: Mount = { source, target, readOnly: mode.split(',').includes('ro') };
    if (source.startsWith('.')) m.repoPath = path.resolve(repoRoot, source);
    else if (!source.startsWith('/')) m.volume = source;
    return m;
  });
}

/** Maps a path inside the container back to the repository through the service's bind mounts. */
export function repoPathOf(s: Service, containerPath: string): string | undefined {
  const best = mountsOf(s)
    .filter((m) => m.repoPath && (containerPath === m.target || containerPath.startsWith(`${m.target}/`)))
    .sort((a, b) => b.target.length - a.target.length)[0];
  return best ? path.join(best.repoPath!, path.relative(best.target, containerPath)) : undefined;
}

/** `--name=value` flags of a command list. */
export function flagsOf(command: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (const a of command) {
    const m = /^--?([\w.-]+)(?:=(.*))?$/.exec(a);
    if (m) flags.set(m[1], m[2] ?? '');
  }
  return flags;
}

export function commandList(s: Service): string[] {
  if (Array.isArray(s.command)) return s.command;
  return s.command ? [s.command] : [];
}

/**
 * Host names a service (`from`, if given) can use → the service answering: service names, network aliases, and
 * `from`'s `extra_hosts` entries `<name>:host-gateway` naming a service in the host's network namespace.
 */
export function hostNames(c: Compose, from?: string): Map<string, string> {
  const hosts = new Map<string, string>();
  for (const [name, s] of Object.entries(c.services)) {
    if (s.network_mode === 'host') continue; // not on the compose network under its name
    hosts.set(name, name);
    for (const n of Object.values(s.networks ?? {})) for (const a of n?.aliases ?? []) hosts.set(a, name);
  }
  for (const entry of (from && c.services[from]?.extra_hosts) || []) {
    const [name, addr] = entry.split(':');
    if (addr === 'host-gateway' && c.services[name]?.network_mode === 'host') hosts.set(name, name);
  }
  return hosts;
}
