// Runs promtool on files written to a temporary folder, and splits multi-document YAML for it
// (promtool 2.42 reads only the first document of a file).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { bins } from './paths.js';

export interface ToolResult {
  status: number | null;
  output: string;
}

export function run(bin: string, args: readonly string[], cwd?: string): ToolResult {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

export function promtool(args: readonly string[], cwd?: string): ToolResult {
  return run(bins.promtool, args, cwd);
}

/** Non-empty documents of a YAML text, each as its parsed value. */
export function yamlDocuments(text: string): unknown[] {
  return parseAllDocuments(text)
    .filter((d) => d.contents !== null)
    .map((d) => d.toJS());
}

/** Writes `files` (name → text or value to stringify) into a fresh temp folder; returns it and a cleanup. */
export function tempFiles(files: Record<string, string | unknown>): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-prov-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : stringify(content, { lineWidth: 0 }));
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `promtool test rules` on a test document whose rule_files are names inside `files`. */
export function promtoolTestRules(files: Record<string, string | unknown>, testDoc: unknown): ToolResult {
  const t = tempFiles({ ...files, 'scenario.test.yml': testDoc });
  try {
    return promtool(['test', 'rules', 'scenario.test.yml'], t.dir);
  } finally {
    t.cleanup();
  }
}

/** promtool series notation for explicit per-step values. */
export function seriesValues(values: readonly number[]): string {
  return values.join(' ');
}

/** Cumulative counter values, one per minute, from per-minute increments. */
export function cumulative(increments: readonly number[]): number[] {
  const out = [0];
  for (const inc of increments) out.push(out[out.length - 1]! + inc);
  return out;
}
