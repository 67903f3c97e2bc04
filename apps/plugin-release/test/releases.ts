// Shared by the tests: the repository's plugins packaged once per test file into a temporary folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tempDir } from '@vigil/test-support';

import { openArchive, packagePlugin, type ArchiveUnderCheck, type PackagedPlugin } from '../src/index.js';

export const PLUGIN_DIRS = ['slo-burnrate-panel', 'tradeflow-panel', 'alerts-app'].map((d) =>
  join(repoRoot(), 'plugins', d),
);

export interface Release {
  dir: string;
  packaged: PackagedPlugin;
  archive: ArchiveUnderCheck;
}

export function packageAll(): Release[] {
  const out = tempDir('vigil-releases-');
  return PLUGIN_DIRS.map((dir) => {
    const packaged = packagePlugin(dir, { outDir: out });
    const archive = openArchive(readFileSync(packaged.zipPath), `${packaged.id}-${packaged.version}.zip`, dir);
    return { dir, packaged, archive };
  });
}
