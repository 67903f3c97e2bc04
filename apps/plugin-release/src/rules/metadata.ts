// plugin.json complete and agreeing with package.json (the validator's metadata, metadatavalid, version,
// screenshots and discoverability passes, offline): what Grafana's catalog shows comes from here.
import { authorName, repositoryOf } from '../pluginSource.js';
import type { Finding, Rule } from './types.js';

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

export const metadata: Rule = (archive) => {
  const findings: Finding[] = [];
  const error = (message: string) => findings.push({ rule: 'metadata', severity: 'error', message });
  const p = archive.pluginJson;
  if (!p) return [{ rule: 'metadata', severity: 'error', message: 'plugin.json is missing or not JSON' }];
  const pkg = archive.packageJson;
  if (p.id !== archive.id) error(`plugin.json id ${p.id} is not ${archive.id}`);
  if (!/^[0-9a-z]+-([0-9a-z]+-)?(app|panel|datasource)$/.test(p.id ?? '')) {
    error(`plugin.json id ${p.id} is not <org>-<name>-<type>`);
  }
  if (p.info?.version !== pkg.version) error(`plugin.json version ${p.info?.version} is not package.json's ${pkg.version}`);
  if (!p.info?.updated || p.info.updated.includes('%')) error('plugin.json info.updated is not set (build with create-plugin)');
  if (!p.info?.description?.trim()) error('plugin.json info.description is empty');
  const keywords = p.info?.keywords ?? [];
  if (keywords.length === 0) error('plugin.json info.keywords is empty');
  if (!sameSet(keywords, pkg.keywords ?? [])) {
    error(`plugin.json keywords [${keywords.join(', ')}] differ from package.json's [${(pkg.keywords ?? []).join(', ')}]`);
  }
  const author = authorName(pkg);
  if (!p.info?.author?.name) error('plugin.json info.author.name is empty');
  else if (p.info.author.name !== author) error(`plugin.json author ${p.info.author.name} is not package.json's ${author}`);
  const links = p.info?.links ?? [];
  if (links.length === 0) error('plugin.json info.links is empty (documentation, source, licence)');
  for (const l of links) {
    if (!l.name?.trim() || !/^https?:\/\//.test(l.url ?? '')) error(`plugin.json link ${JSON.stringify(l)} needs a name and an absolute url`);
  }
  const urls = links.map((l) => l.url);
  if (pkg.homepage && !urls.includes(pkg.homepage)) error(`plugin.json links lack package.json's homepage ${pkg.homepage}`);
  const repo = repositoryOf(pkg);
  if (repo && !urls.some((u) => u.startsWith(repo.url))) error(`plugin.json links lack the repository ${repo.url}`);
  const screenshots = p.info?.screenshots ?? [];
  if (screenshots.length === 0) {
    findings.push({ rule: 'metadata', severity: 'warning', message: 'plugin.json has no screenshots' });
  }
  for (const s of screenshots) {
    if (!s.name?.trim()) error(`screenshot ${s.path} has no name`);
    if (!archive.files.has(s.path)) error(`screenshot ${s.path} is not in the archive`);
  }
  if (!p.dependencies?.grafanaDependency) error('plugin.json dependencies.grafanaDependency is missing');
  return findings;
};
