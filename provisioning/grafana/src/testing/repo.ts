// Paths and file helpers the Grafana/compose tests share.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

import { schemaFile } from '@vigil/test-support';

export const grafanaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const workspaceDir = path.resolve(grafanaDir, '..');
export const repoRoot = path.resolve(workspaceDir, '..');
/** A pinned JSON schema (../shared/schemas on CI, .reference/schemas after `npm run reference:fetch`). */
export const sharedSchema = (name: string): string => schemaFile(name, repoRoot);

/** Parses YAML with `<<` merge keys applied (docker-compose.yml uses them, as Compose does). */
export function readYaml<T = Record<string, unknown>>(file: string): T {
  return parse(readFileSync(file, 'utf8'), { merge: true }) as T;
}

export function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Files under `dir` (recursively) whose name passes `keep`. */
export function listFiles(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'dist') out.push(...listFiles(p, keep));
    } else if (keep(e.name)) {
      out.push(p);
    }
  }
  return out;
}

/** The committed dashboards, file name → parsed JSON. */
export function committedDashboards(): Map<string, Record<string, unknown>> {
  const dir = path.join(grafanaDir, 'dashboards');
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f, readJson(path.join(dir, f))]),
  );
}
