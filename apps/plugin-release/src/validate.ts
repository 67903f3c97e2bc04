// The plugin validator's rules that can be checked offline, over a release archive.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

import { repositoryLinks } from './packagePlugin.js';
import { readPluginSource, type PluginJson } from './pluginSource.js';
import { archiveLayout } from './rules/archive.js';
import { changelog } from './rules/changelog.js';
import { consoleLog } from './rules/consoleLog.js';
import { logos } from './rules/logos.js';
import { metadata } from './rules/metadata.js';
import { readmeLinks } from './rules/readmeLinks.js';
import { sharedModules } from './rules/sharedModules.js';
import { sourceMaps } from './rules/sourceMaps.js';
import type { ArchiveUnderCheck, Finding, Rule } from './rules/types.js';
import { readZip } from './zip.js';

export type { ArchiveUnderCheck, Finding } from './rules/types.js';

export const RULES: Record<string, Rule> = {
  archive: archiveLayout,
  metadata,
  logos,
  readme: readmeLinks,
  changelog,
  'console-log': consoleLog,
  'source-maps': sourceMaps,
  'shared-modules': sharedModules,
};

/** Opens a release zip of the plugin whose source is `pluginDir`. */
export function openArchive(zip: Uint8Array, zipName: string, pluginDir: string): ArchiveUnderCheck {
  const source = readPluginSource(pluginDir);
  const entries = readZip(zip);
  const files = new Map<string, Uint8Array>();
  for (const e of entries) files.set(e.name.split('/').slice(1).join('/'), e.data);
  let pluginJson: PluginJson | undefined;
  try {
    const raw = files.get('plugin.json');
    pluginJson = raw ? (JSON.parse(new TextDecoder().decode(raw)) as PluginJson) : undefined;
  } catch {
    pluginJson = undefined;
  }
  return {
    zipName,
    entries,
    id: source.id,
    files,
    pluginJson,
    packageJson: source.packageJson,
    repo: repositoryLinks(source),
    sourceDir: source.dir,
  };
}

export function checkArchive(archive: ArchiveUnderCheck): Finding[] {
  return Object.values(RULES).flatMap((rule) => rule(archive));
}

export function checkZipFile(zipPath: string, pluginDir: string): Finding[] {
  return checkArchive(openArchive(readFileSync(zipPath), basename(zipPath), pluginDir));
}
