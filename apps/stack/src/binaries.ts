// Finding the real Prometheus and Alertmanager binaries: $PROMETHEUS_BIN / $ALERTMANAGER_BIN, else PATH.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const INSTALL_HINT =
  'On Debian/Ubuntu install them with:\n' +
  '  sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus prometheus-alertmanager\n' +
  'or point PROMETHEUS_BIN / ALERTMANAGER_BIN at the binaries (https://prometheus.io/download/).';

export function which(names: string[], path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const full = join(dir, name);
      try {
        accessSync(full, constants.X_OK);
        return full;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export interface Binaries {
  prometheus: string;
  alertmanager: string;
}

/** Returns the binaries, or the list of what is missing with how to get it. */
export function findBinaries(env: NodeJS.ProcessEnv = process.env): { found?: Binaries; missing: string[] } {
  const missing: string[] = [];
  const lookup = (envVar: string, names: string[]): string | undefined => {
    const explicit = env[envVar];
    if (explicit) {
      try {
        accessSync(explicit, constants.X_OK);
        return explicit;
      } catch {
        missing.push(`${envVar}=${explicit} is not an executable file`);
        return undefined;
      }
    }
    const hit = which(names, env.PATH);
    if (!hit) missing.push(`${names.join(' or ')} not found on PATH (or set ${envVar})`);
    return hit;
  };
  const prometheus = lookup('PROMETHEUS_BIN', ['prometheus']);
  const alertmanager = lookup('ALERTMANAGER_BIN', ['prometheus-alertmanager', 'alertmanager']);
  return prometheus && alertmanager ? { found: { prometheus, alertmanager }, missing } : { missing };
}
