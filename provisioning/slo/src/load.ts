// Reads spec files (YAML, several documents allowed) and returns validated SLO models.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseSpecDocument } from './spec.js';
import { SpecError, type SloModel } from './types.js';

/** Expands directories to their *.yml / *.yaml files, sorted, so generation is deterministic. */
export function expandSpecPaths(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new SpecError(p, undefined, '(file)', 'does not exist');
    }
    if (st.isDirectory()) {
      files.push(...readdirSync(p).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(p, f)));
    } else files.push(p);
  }
  return files;
}

/** Parses one file's text; documents after the first are named `file#2`, `file#3`, ... */
export function parseSpecText(text: string, file: string): SloModel[] {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) throw new SpecError(file, undefined, '(yaml)', 'is empty');
  const models: SloModel[] = [];
  const nonEmpty = docs.filter((d) => d.contents !== null);
  nonEmpty.forEach((doc, i) => {
    const name = nonEmpty.length > 1 ? `${file}#${i + 1}` : file;
    if (doc.errors.length > 0) throw new SpecError(name, undefined, '(yaml)', doc.errors[0]!.message);
    models.push(...parseSpecDocument(doc.toJS(), name));
  });
  if (models.length === 0) throw new SpecError(file, undefined, '(document)', 'contains no spec');
  return models;
}

/** Loads every spec under `paths` and checks that SLO ids (`<service>-<name>`) are unique across them. */
export function loadSpecs(paths: readonly string[]): SloModel[] {
  const models: SloModel[] = [];
  const byId = new Map<string, string>();
  for (const file of expandSpecPaths(paths)) {
    for (const m of parseSpecText(readFileSync(file, 'utf8'), file)) {
      const other = byId.get(m.id);
      if (other) throw new SpecError(m.source, m.name, 'name', `SLO id "${m.id}" is also defined in ${other}`);
      byId.set(m.id, m.source);
      models.push(m);
    }
  }
  return models;
}
