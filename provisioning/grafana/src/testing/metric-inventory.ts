// Which metric names Vigil actually produces, gathered from the places that define them: the exporters' and
// the instrumentation library's sources and READMEs, the recording rules, and (for node_exporter-compatible
// names, some of which are built from /proc at run time) a real node_exporter scrape.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { listFiles, readYaml, repoRoot, workspaceDir } from './repo.js';

const TOKEN = /[a-zA-Z_:][a-zA-Z0-9_:]*/g;

/** Workspaces whose metric names are built as `${namespace}_<suffix>` in source. */
const NAMESPACED: Record<string, string> = { 'exporters/alert-journal': 'vigil_alert_journal' };

/** Metric names Prometheus itself creates. */
export const PROMETHEUS_BUILTINS = [
  'ALERTS',
  'ALERTS_FOR_STATE',
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
];

export function sourceMetricNames(): Set<string> {
  const names = new Set<string>();
  const roots = ['exporters/trading', 'exporters/exchange', 'exporters/host', 'exporters/alert-journal', 'packages/instrument'];
  for (const rel of roots) {
    const dir = path.join(repoRoot, rel);
    const files = [
      ...listFiles(path.join(dir, 'src'), (f) => f.endsWith('.ts')),
      path.join(dir, 'README.md'),
    ];
    for (const f of files) {
      for (const [tok] of readFileSync(f, 'utf8').matchAll(TOKEN)) {
        names.add(tok);
        if (NAMESPACED[rel]) names.add(`${NAMESPACED[rel]}_${tok}`);
      }
    }
  }
  return names;
}

export function recordedMetricNames(): Set<string> {
  const files = [
    ...listFiles(path.join(workspaceDir, 'prometheus', 'rules'), (f) => f.endsWith('.yml')),
    ...listFiles(path.join(workspaceDir, 'slo', 'rules'), (f) => f.endsWith('.yml')),
  ];
  const names = new Set<string>();
  for (const f of files) {
    const doc = readYaml<{ groups: { rules: { record?: string }[] }[] }>(f);
    for (const r of doc.groups.flatMap((g) => g.rules)) if (r.record) names.add(r.record);
  }
  return names;
}

/** The host exporter's core collectors (one file each under exporters/host/src/collectors). */
export function hostCollectors(): string[] {
  return listFiles(path.join(repoRoot, 'exporters', 'host', 'src', 'collectors'), (f) => f.endsWith('.ts'))
    .map((f) => path.basename(f, '.ts'))
    .filter((n) => n !== 'index' && n !== 'types')
    .sort();
}

/** Metric family names in a text exposition. */
export function exposedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^# TYPE (\S+) /.exec(line) ?? /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (m) names.add(m[1]);
  }
  return names;
}

/** Families of a text exposition that have at least one sample (a declared family may have none yet). */
export function sampledNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (m) names.add(m[1]);
  }
  return names;
}

/** `name` is known directly, or is a histogram/summary series (`_bucket`, `_sum`, `_count`) of a known family. */
export function isKnown(name: string, known: Set<string>): boolean {
  if (known.has(name)) return true;
  const m = /^(.+)_(bucket|sum|count)$/.exec(name);
  return m !== null && known.has(m[1]);
}
