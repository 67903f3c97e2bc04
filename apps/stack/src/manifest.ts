// Components of the local stack, declared by each workspace in its package.json under "vigilStack".
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface ComponentSpec {
  name: string;
  /** Default port; omitted for components that serve nothing (e.g. a traffic simulator). */
  port?: number;
  /** Path answering 200 once the component is ready. */
  health?: string;
  /** Prometheus job that scrapes this component. */
  scrapeJob?: string;
  /** Names of components that must be up first. */
  after?: string[];
  /** Pages a user opens in a browser (path on this component's URL, what it shows), printed with the URLs. */
  pages?: Array<{ path: string; what: string }>;
  command: string[];
  env?: Record<string, string>;
}

export interface Component extends ComponentSpec {
  /** Workspace folder the command runs in. */
  cwd: string;
  workspace: string;
}

export class ManifestError extends Error {}

const NAME = /^[a-z][a-z0-9-]*$/;

function validate(spec: unknown, where: string): ComponentSpec {
  const s = spec as Partial<ComponentSpec>;
  if (typeof s !== 'object' || s === null) throw new ManifestError(`${where}: expected an object`);
  if (typeof s.name !== 'string' || !NAME.test(s.name)) throw new ManifestError(`${where}.name: expected a lower-case name such as trading-exporter`);
  if (!Array.isArray(s.command) || s.command.length === 0 || !s.command.every((c) => typeof c === 'string')) {
    throw new ManifestError(`${where}.command: expected a non-empty array of strings`);
  }
  if (s.port !== undefined && (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535)) throw new ManifestError(`${where}.port: expected a TCP port`);
  if (s.health !== undefined && (typeof s.health !== 'string' || !s.health.startsWith('/'))) throw new ManifestError(`${where}.health: expected a path starting with /`);
  if (s.health !== undefined && s.port === undefined) throw new ManifestError(`${where}.health: a health path needs a port`);
  if (s.pages !== undefined) {
    const ok = Array.isArray(s.pages) && s.pages.every((pg) => typeof pg?.path === 'string' && pg.path.startsWith('/') && typeof pg.what === 'string' && pg.what.length > 0);
    if (!ok) throw new ManifestError(`${where}.pages: expected an array of {path starting with /, what}`);
    if (s.port === undefined) throw new ManifestError(`${where}.pages: pages need a port`);
  }
  return s as ComponentSpec;
}

/** Expands the root package.json's workspace patterns ("packages/*", "apps/*", "e2e") into folders. */
export function workspaceDirs(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces?: string[] };
  const dirs: string[] = [];
  for (const pattern of pkg.workspaces ?? []) {
    if (pattern.endsWith('/*')) {
      const parent = join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const name of readdirSync(parent).sort()) {
        const dir = join(parent, name);
        if (statSync(dir).isDirectory() && existsSync(join(dir, 'package.json'))) dirs.push(dir);
      }
    } else if (existsSync(join(root, pattern, 'package.json'))) dirs.push(join(root, pattern));
  }
  return dirs;
}

export function discoverComponents(root: string): Component[] {
  const out: Component[] = [];
  for (const dir of workspaceDirs(root)) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; vigilStack?: unknown };
    if (pkg.vigilStack === undefined) continue;
    if (!Array.isArray(pkg.vigilStack)) throw new ManifestError(`${pkg.name}: vigilStack must be an array`);
    pkg.vigilStack.forEach((spec, i) => out.push({ ...validate(spec, `${pkg.name} vigilStack[${i}]`), cwd: dir, workspace: pkg.name }));
  }
  const names = new Set<string>(['prometheus', 'alertmanager']);
  for (const c of out) {
    if (names.has(c.name)) throw new ManifestError(`component name ${c.name} is used twice`);
    names.add(c.name);
  }
  for (const c of out) {
    for (const dep of c.after ?? []) if (!names.has(dep)) throw new ManifestError(`${c.name}.after: unknown component ${dep}`);
  }
  return orderByDependencies(out);
}

/** Topological order on `after`, stable otherwise. */
export function orderByDependencies(components: Component[]): Component[] {
  const byName = new Map(components.map((c) => [c.name, c]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: Component[] = [];
  const visit = (c: Component) => {
    if (done.has(c.name)) return;
    if (visiting.has(c.name)) throw new ManifestError(`components depend on each other in a cycle through ${c.name}`);
    visiting.add(c.name);
    for (const dep of c.after ?? []) {
      const d = byName.get(dep);
      if (d) visit(d);
    }
    visiting.delete(c.name);
    done.add(c.name);
    out.push(c);
  };
  components.forEach(visit);
  return out;
}
