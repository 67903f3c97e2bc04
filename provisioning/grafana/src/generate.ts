// Renders every dashboard to JSON and writes or checks the committed files.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DASHBOARDS } from './dashboards/index.js';

export const DASHBOARDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dashboards');

/** File name → JSON text (2-space indent, trailing newline), deterministic for the same source. */
export function renderDashboards(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, make] of Object.entries(DASHBOARDS)) {
    out.set(file, `${JSON.stringify(make().build(), null, 2)}\n`);
  }
  return out;
}

export async function writeDashboards(dir = DASHBOARDS_DIR): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [file, text] of renderDashboards()) {
    await writeFile(path.join(dir, file), text);
    written.push(file);
  }
  return written;
}

/** What differs between a fresh generation and `dir`: missing, stale and unexpected files. */
export async function checkDashboards(dir = DASHBOARDS_DIR): Promise<string[]> {
  const fresh = renderDashboards();
  const problems: string[] = [];
  const present = new Set((await readdir(dir)).filter((f) => f.endsWith('.json')));
  for (const [file, text] of fresh) {
    if (!present.has(file)) {
      problems.push(`${file}: missing`);
    } else if ((await readFile(path.join(dir, file), 'utf8')) !== text) {
      problems.push(`${file}: differs from a fresh generation`);
    }
  }
  for (const file of present) {
    if (!fresh.has(file)) problems.push(`${file}: not produced by the generator`);
  }
  return problems;
}
