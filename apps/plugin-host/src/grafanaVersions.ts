// The host page as older Grafana releases provide it to plugins: `npm run build` also bundles the page against
// each grafana-versions/<v> package set (dist/host/grafana-<v>/, with that release's shared-module list). A request
// chooses one with ?grafana=<v> or the cookie vigil-grafana=<v> (what the Playwright matrix projects set);
// without either, the page is the default build (the packages the plugins build against).
import type { Request } from 'express';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const GRAFANA_COOKIE = 'vigil-grafana';

export interface VersionedPage {
  /** major.minor, e.g. 10.4 */
  name: string;
  /** the exact release whose packages the page bundles, e.g. 10.4.19 */
  version: string;
  template: string;
}

/**
 * dist/host/grafana-<v>/{index.html, grafana.json} written by scripts/build-host.mjs, and the default page under
 * its own version's name (dist/host/grafana.json).
 */
export function versionedPages(hostDir: string): Map<string, VersionedPage> {
  const pages = new Map<string, VersionedPage>();
  const defaultMeta = join(hostDir, 'grafana.json');
  if (existsSync(defaultMeta)) {
    const { version } = JSON.parse(readFileSync(defaultMeta, 'utf8')) as { version: string };
    const name = version.split('.').slice(0, 2).join('.');
    pages.set(name, { name, version, template: readFileSync(join(hostDir, 'index.html'), 'utf8') });
  }
  for (const entry of existsSync(hostDir) ? readdirSync(hostDir) : []) {
    const m = /^grafana-(\d+\.\d+)$/.exec(entry);
    const meta = join(hostDir, entry, 'grafana.json');
    if (!m || !existsSync(meta)) continue;
    const { version } = JSON.parse(readFileSync(meta, 'utf8')) as { version: string };
    pages.set(m[1], { name: m[1], version, template: readFileSync(join(hostDir, entry, 'index.html'), 'utf8') });
  }
  return pages;
}

/** The Grafana version a request asks for (query first, then cookie), if any. */
export function requestedGrafana(req: Request): string | undefined {
  const q = req.query.grafana;
  if (typeof q === 'string' && q) return q;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === GRAFANA_COOKIE && v) return decodeURIComponent(v);
  }
  return undefined;
}

/** The versions pages exist for, oldest first. */
export function builtVersions(pages: Map<string, VersionedPage>): string[] {
  const num = (n: string) => n.split('.').map(Number);
  return [...pages.keys()].sort((a, b) => num(a)[0] - num(b)[0] || num(a)[1] - num(b)[1]);
}
