// What the API comparison means for one plugin: on every matrix version its grafanaDependency admits, nothing it
// uses may be missing and every changed declaration must be reviewed (acceptedChanges.ts); and the version just
// below its floor must lack something it uses, or the floor could be lower.
import { acceptedChange } from './acceptedChanges.js';
import type { ApiIncompatibility } from './apiCompat.js';
import type { GrafanaVersion } from './versions.js';

/** `>=X.Y.Z` (the form Vigil's plugins use) → [X, Y, Z]. */
export function floorOf(grafanaDependency: string): [number, number, number] {
  const m = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(grafanaDependency.trim());
  if (!m) throw new Error(`grafanaDependency ${grafanaDependency}: expected >=X.Y.Z`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function admits(grafanaDependency: string, version: string): boolean {
  const floor = floorOf(grafanaDependency);
  const v = version.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (v[i] !== floor[i]) return v[i] > floor[i];
  return true;
}

export interface Verdict {
  /** what breaks the plugin on a version its grafanaDependency admits */
  problems: string[];
  /** the matrix version just below the floor, with what it lacks (undefined: the floor is the matrix's lowest) */
  below?: { version: GrafanaVersion; missing: ApiIncompatibility[] };
}

export function verdict(
  grafanaDependency: string,
  versions: GrafanaVersion[],
  incompatibilities: Map<string, ApiIncompatibility[]>,
): Verdict {
  const problems: string[] = [];
  let below: Verdict['below'];
  for (const v of versions) {
    const found = incompatibilities.get(v.name) ?? [];
    if (!admits(grafanaDependency, v.version)) {
      below = { version: v, missing: found.filter((i) => i.kind === 'missing') };
      continue;
    }
    for (const i of found) {
      if (i.kind === 'missing') {
        problems.push(`Grafana ${v.version} has no ${i.package} ${i.name} (used at ${i.usedAt})`);
      } else if (!acceptedChange(i.package, i.name)) {
        problems.push(
          `Grafana ${v.version} declares ${i.package} ${i.name} differently (used at ${i.usedAt}): ${i.target} instead of ${i.built}; review it and add it to acceptedChanges.ts or raise grafanaDependency`,
        );
      }
    }
  }
  if (below && below.missing.length === 0) {
    problems.push(
      `nothing the plugin uses is missing in Grafana ${below.version.version}, below its grafanaDependency ${grafanaDependency}: lower the floor`,
    );
  }
  return { problems, below };
}
