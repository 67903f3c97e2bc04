// The pinned JSON schemas the tests validate against (Grafana's plugin.json and dashboards, the Compose spec):
// beside the checkout in ../shared/schemas on CI, in .reference/schemas after `npm run reference:fetch`.
// No import.meta here, so the plugins' CommonJS Jest tests can load it too (they pass the repository root).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class MissingReferenceError extends Error {
  declare readonly reference: string;

  constructor(reference: string) {
    super(`reference data "${reference}" is missing: run \`npm run reference:fetch\``);
    this.name = 'MissingReferenceError';
    // One line when a test runner prints it (see MissingBinaryError).
    this.stack = `${this.name}: ${this.message}`;
    Object.defineProperty(this, 'reference', { value: reference, enumerable: false });
  }
}

/** The folders that may hold the schemas, in the order they are tried. */
export function schemaRoots(root: string): string[] {
  return [resolve(root, '..', 'shared', 'schemas'), join(root, '.reference', 'schemas')];
}

/** The path of one pinned schema (e.g. "plugin.schema.json"); throws a one-line MissingReferenceError otherwise. */
export function schemaFile(name: string, root: string): string {
  for (const dir of schemaRoots(root)) {
    const file = join(dir, name);
    if (existsSync(file)) return file;
  }
  throw new MissingReferenceError(`schemas/${name}`);
}
