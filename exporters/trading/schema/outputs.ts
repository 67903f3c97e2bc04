// Everything generated from the event schema, where it goes, and the check that the committed files are
// exactly a fresh generation (run by test/event-schema.test.ts, so CI fails on any drift).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderLayoutSource, renderSchemaHeader } from './render-cpp.js';
import { spliceReadme } from './render-readme.js';
import { renderBatchLayout, renderEvents, renderValidateFields } from './render-ts.js';
import { eventList, type EventSchema } from './spec.js';

/** The trading exporter's folder; output paths are relative to it. */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const NATIVE_SRC = '../../packages/trading-native-scanner/src';

export interface Output {
  path: string;
  content: string;
}

/** Every output for `schema`; `readFile` gives a current file (the README is spliced, not replaced). */
export function generate(schema: EventSchema, readFile: (path: string) => string): Output[] {
  const entries = eventList(schema);
  return [
    { path: 'src/generated/events.ts', content: renderEvents(entries) },
    { path: 'src/generated/validate-fields.ts', content: renderValidateFields(entries) },
    { path: 'src/generated/batch-layout.ts', content: renderBatchLayout(entries) },
    { path: `${NATIVE_SRC}/event-schema.generated.h`, content: renderSchemaHeader(entries) },
    { path: `${NATIVE_SRC}/event-layout.generated.cc`, content: renderLayoutSource(entries) },
    { path: 'README.md', content: spliceReadme(readFile('README.md'), entries) },
  ];
}

const readIn = (root: string) => (path: string) => readFileSync(join(root, path), 'utf8');

/** The outputs under `root` that differ from a fresh generation, as "path: why". */
export function stale(schema: EventSchema, root = PACKAGE_ROOT): string[] {
  const read = readIn(root);
  return generate(schema, read).flatMap(({ path, content }) => {
    let current: string;
    try {
      current = read(path);
    } catch {
      return [`${path}: missing`];
    }
    return current === content ? [] : [`${path}: differs from a fresh generation`];
  });
}

/** Writes every output under `root`; returns the paths that changed. */
export function write(schema: EventSchema, root = PACKAGE_ROOT): string[] {
  const outputs = generate(schema, readIn(root));
  const changed = stale(schema, root).map((p) => p.slice(0, p.indexOf(":")));
  for (const { path, content } of outputs) writeFileSync(join(root, path), content);
  return changed;
}
