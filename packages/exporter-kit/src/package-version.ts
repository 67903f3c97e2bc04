// The version an exporter reports (--version, build_info): its own package.json's, read once at start.
import { readFileSync } from 'node:fs';

/** The `version` of the package.json at `packageJson` (e.g. `new URL('../package.json', import.meta.url)`), else "unknown". */
export function packageVersion(packageJson: URL): string {
  try {
    const pkg = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
