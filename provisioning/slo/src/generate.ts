// Writes (or, with check, compares) the generated rule files of a spec set into an output folder.
import { mkdirSync, readFileSync, readdirSync, writeFileSync, unlinkSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpecs } from './load.js';
import { renderRuleFiles } from './render.js';

export interface GenerateResult {
  /** Files written (or, in check mode, that would be written). */
  files: string[];
  /** In check mode: files whose committed content differs from a fresh generation, or are missing/extra. */
  stale: string[];
}

const GENERATED = /^slo-.+\.yml$/;

export function generateRules(specPaths: readonly string[], outDir: string, opts: { check?: boolean } = {}): GenerateResult {
  const rendered = renderRuleFiles(loadSpecs(specPaths));
  const existing = existsSync(outDir) ? readdirSync(outDir).filter((f) => GENERATED.test(f)) : [];
  const stale: string[] = [];
  for (const [name, content] of rendered) {
    const path = join(outDir, name);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === content) continue;
    stale.push(name);
    if (!opts.check) {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(path, content);
    }
  }
  // A generated file whose spec is gone is stale too; generation removes it.
  for (const name of existing) {
    if (rendered.has(name)) continue;
    stale.push(name);
    if (!opts.check) unlinkSync(join(outDir, name));
  }
  return { files: [...rendered.keys()], stale: stale.sort() };
}
