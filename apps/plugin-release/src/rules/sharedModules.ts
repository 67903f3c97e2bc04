// No bundled copy of a module Grafana shares with plugins: a second React (or @grafana/ui, rxjs, ...) inside
// module.js breaks hooks, contexts and theming at run time, and a bundled react/jsx-runtime breaks on the other
// React major (the reason Grafana 13 fails plugins built for 12). Read from the source maps (which name every
// bundled file) and from React's internals markers in the code itself.
import { text, type Finding, type Rule } from './types.js';

/** The packages every supported Grafana (10.4 to 13.x) hands plugins through SystemJS (sharedDependencies.ts). */
export const GRAFANA_SHARED_PACKAGES = [
  '@emotion/css',
  '@emotion/react',
  '@grafana/data',
  '@grafana/runtime',
  '@grafana/slate-react',
  '@grafana/ui',
  'd3',
  'emotion',
  'i18next',
  'jquery',
  'lodash',
  'moment',
  'prismjs',
  'react',
  'react-dom',
  'react-redux',
  'react-router',
  'redux',
  'rxjs',
  'slate',
  'slate-plain-serializer',
  'slate-react',
];

const REACT_INTERNALS = [
  '__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED',
  '__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE',
];

/** The package a bundled file belongs to: the last node_modules/<name> (or @scope/name) of its path. */
export function packageOfSource(source: string): string | undefined {
  const m = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
  return m?.[1];
}

export const sharedModules: Rule = (archive) => {
  const findings: Finding[] = [];
  for (const path of archive.files.keys()) {
    if (!path.endsWith('.js')) continue;
    const code = text(archive, path) ?? '';
    for (const marker of REACT_INTERNALS) {
      if (code.includes(marker)) {
        findings.push({ rule: 'shared-modules', severity: 'error', message: `${path} bundles React (it reads ${marker})` });
      }
    }
    const mapText = text(archive, `${path}.map`);
    if (!mapText) continue;
    let sources: string[] = [];
    try {
      sources = (JSON.parse(mapText) as { sources?: string[] }).sources ?? [];
    } catch {
      continue; // reported by the source-maps rule
    }
    const bundled = new Set(sources.map(packageOfSource).filter((p): p is string => !!p));
    for (const pkg of GRAFANA_SHARED_PACKAGES) {
      if (bundled.has(pkg)) {
        findings.push({
          rule: 'shared-modules',
          severity: 'error',
          message: `${path} bundles ${pkg}, which Grafana shares with plugins (add it to the webpack externals)`,
        });
      }
    }
  }
  return findings;
};
