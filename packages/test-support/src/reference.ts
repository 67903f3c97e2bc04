// Where the repository is, and where the peers' public reference data is (node_exporter's fixtures, sloth's
// examples, ccxt's recorded responses). The data is never committed: CI has it beside the checkout in
// ../shared/reference, contributors get it with `npm run reference:fetch` into .reference/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The monorepo root: the nearest folder above this package whose package.json declares workspaces. */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && 'workspaces' in (JSON.parse(readFileSync(pkg, 'utf8')) as object))
      return (cachedRoot = dir);
    const up = dirname(dir);
    if (up === dir)
      throw new Error(
        '@vigil/test-support: no package.json with "workspaces" above it (not inside the Vigil repository?)',
      );
    dir = up;
  }
}

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

/** The folders that may hold reference data, in the order they are tried. */
export function referenceRoots(env: NodeJS.ProcessEnv = process.env, root = repoRoot()): string[] {
  if (env.VIGIL_REFERENCE_DIR) return [resolve(env.VIGIL_REFERENCE_DIR)];
  const shared = resolve(root, '..', 'shared', 'reference');
  return [...(existsSync(shared) ? [shared] : []), join(root, '.reference')];
}

/**
 * The folder of one peer's reference data (e.g. "node-exporter", "sloth", "ccxt"): under $VIGIL_REFERENCE_DIR
 * when set, else `<repo>/../shared/reference` when it exists, else `<repo>/.reference`. Throws a one-line
 * MissingReferenceError naming the command that fetches it when none has it.
 */
export function referenceDir(name: string, env: NodeJS.ProcessEnv = process.env, root?: string): string {
  for (const base of referenceRoots(env, root)) {
    const dir = join(base, name);
    if (existsSync(dir)) return dir;
  }
  throw new MissingReferenceError(name);
}
