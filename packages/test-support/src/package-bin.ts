// The file behind a package's command, found through the package as npm installed it (its entry point, then its
// package.json's "bin"), never through a path into another workspace's folders.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { repoRoot } from './reference.js';

const require = createRequire(import.meta.url);

/** The command `bin` of package `pkg`, resolved from the repository root's node_modules. */
export function packageBin(pkg: string, bin: string): string {
  let dir = dirname(require.resolve(pkg, { paths: [repoRoot()] }));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; bin?: Record<string, string> };
      if (json.name === pkg) {
        const rel = json.bin?.[bin];
        if (!rel) throw new Error(`${pkg} has no bin ${bin}`);
        const path = join(dir, rel);
        if (!existsSync(path)) throw new Error(`${path} is missing: build it first (npm run build -w ${pkg})`);
        return path;
      }
    }
    if (dirname(dir) === dir) throw new Error(`no package.json of ${pkg} above ${require.resolve(pkg)}`);
    dir = dirname(dir);
  }
}
