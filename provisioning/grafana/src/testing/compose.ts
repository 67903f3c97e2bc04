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
}

export interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

export const composeFile = path.join(repoRoot, 'docker-compose.yml');

export function loadCompose(): Compose {
  return readYaml<Compose>(composeFile);
}

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
