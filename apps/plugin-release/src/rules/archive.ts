// The layout Grafana's installer and the validator's archive pass expect: one top folder (Grafana renames it to
// the plugin id; the validator wants it to be the id), plugin.json at its root, the built module, readable files.
import { zipName } from '../packagePlugin.js';
import type { Finding, Rule } from './types.js';

const REQUIRED = ['plugin.json', 'module.js', 'README.md', 'CHANGELOG.md', 'LICENSE'];

export const archiveLayout: Rule = (archive) => {
  const findings: Finding[] = [];
  const error = (message: string) => findings.push({ rule: 'archive', severity: 'error', message });
  const tops = new Set(archive.entries.map((e) => e.name.split('/')[0]));
  if (tops.size !== 1 || !tops.has(archive.id)) {
    error(`the archive must hold one folder named ${archive.id}; it holds ${[...tops].join(', ') || 'nothing'}`);
  }
  for (const e of archive.entries) {
    if (e.name.startsWith('/') || e.name.split('/').includes('..')) error(`${e.name}: path leaves the plugin folder`);
    if ((e.mode & 0o444) !== 0o444) error(`${e.name}: mode ${e.mode.toString(8)} is not readable by all (want 644)`);
  }
  for (const f of REQUIRED) if (!archive.files.has(f)) error(`${archive.id}/${f} is missing`);
  const version = archive.pluginJson?.info?.version;
  if (version && archive.zipName !== zipName(archive.id, version)) {
    error(`archive name ${archive.zipName} should be ${zipName(archive.id, version)}`);
  }
  return findings;
};
