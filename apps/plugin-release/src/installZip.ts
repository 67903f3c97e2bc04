// Installs a release zip the way Grafana's installer does (pkg/plugins/storage FS.Extract): the first path element
// of every member becomes the plugin id, members may not leave the plugin folder, files keep their stored mode.
// Used by the compose stack's grafana-plugins service and by the tests, so both install exactly what ships.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

import { readZip } from './zip.js';

export interface InstalledPlugin {
  id: string;
  version: string;
  dir: string;
}

/** Checks `<zip>.sha256` (sha256sum format) when it is there; throws naming the file on a mismatch. */
export function verifyChecksum(zipPath: string, zip: Uint8Array): boolean {
  const sumFile = `${zipPath}.sha256`;
  if (!existsSync(sumFile)) return false;
  const [want, name] = readFileSync(sumFile, 'utf8').trim().split(/\s+/);
  const have = createHash('sha256').update(zip).digest('hex');
  if (name && name.replace(/^\*/, '') !== basename(zipPath)) throw new Error(`${sumFile} is for ${name}, not ${basename(zipPath)}`);
  if (want !== have) throw new Error(`${zipPath}: sha256 ${have} does not match ${sumFile} (${want})`);
  return true;
}

export function installZip(zipPath: string, pluginsDir: string): InstalledPlugin {
  const zip = readFileSync(zipPath);
  verifyChecksum(zipPath, zip);
  const entries = readZip(zip);
  const meta = entries.find((e) => /^[^/]+\/plugin\.json$/.test(e.name));
  if (!meta) throw new Error(`${zipPath}: no plugin.json in the archive's top folder`);
  const { id, info } = JSON.parse(new TextDecoder().decode(meta.data)) as { id: string; info: { version: string } };
  const root = resolve(pluginsDir);
  const dir = join(root, id);
  // Grafana removes an existing installation first; the folder itself may be a mount point, so only its contents.
  if (existsSync(dir)) for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  for (const e of entries) {
    const dst = resolve(root, e.name.replace(/^[a-zA-Z0-9_.-]*\//, `${id}/`));
    if (!dst.startsWith(dir + sep)) throw new Error(`${zipPath}: member ${e.name} leaves the plugin folder`);
    mkdirSync(dirname(dst), { recursive: true, mode: 0o755 });
    writeFileSync(dst, e.data, { mode: e.mode || 0o644 });
  }
  return { id, version: info.version, dir };
}
