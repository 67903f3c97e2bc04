// The CHANGELOG has an entry for the version released (Grafana's catalog shows it beside the version).
import { text, type Rule } from './types.js';

export const changelog: Rule = (archive) => {
  const log = text(archive, 'CHANGELOG.md');
  const version = archive.pluginJson?.info?.version;
  if (log === undefined || !version) return [];
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const heading = new RegExp(`^#{1,3}\\s+\\[?v?${escaped}\\]?(\\s|$)`, 'm');
  return heading.test(log)
    ? []
    : [{ rule: 'changelog', severity: 'error', message: `CHANGELOG.md has no heading for version ${version} (e.g. "## ${version}")` }];
};
