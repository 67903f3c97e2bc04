// Runs `promtool test rules` on files written to a temporary folder, and splits multi-document YAML for it
// (promtool 2.42 reads only the first document of a file).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promtool, type ToolResult } from '@vigil/test-support';
import { parseAllDocuments, stringify } from 'yaml';

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
    return promtool(['test', 'rules', 'scenario.test.yml'], { cwd: t.dir });
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
