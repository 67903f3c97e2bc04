import type { PackageJson, PluginJson } from '../pluginSource.js';
import type { RepositoryLinks } from '../readme.js';
import type { ZipEntry } from '../zip.js';

/** One release archive opened for the checks. */
export interface ArchiveUnderCheck {
  zipName: string;
  entries: ZipEntry[];
  /** The plugin id the archive must carry (from the plugin's source plugin.json). */
  id: string;
  /** Files of the plugin folder, by path inside it (plugin.json, module.js, img/logo.svg, ...). */
  files: Map<string, Uint8Array>;
  /** The archive's plugin.json, parsed (undefined when missing or not JSON). */
  pluginJson?: PluginJson;
  packageJson: PackageJson;
  repo: RepositoryLinks;
  /** The plugin's source folder, for the rules that read src/ as the validator reads the source code. */
  sourceDir?: string;
}

export interface Finding {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
}

export type Rule = (archive: ArchiveUnderCheck) => Finding[];

export function text(archive: ArchiveUnderCheck, path: string): string | undefined {
  const data = archive.files.get(path);
  return data ? new TextDecoder().decode(data) : undefined;
}
