// Zip archives as Grafana's installer reads them (archive/zip in Go): every entry carries a Unix mode, because
// Grafana extracts each file with the mode stored in the archive (an entry without one would be unreadable).
import { unzipSync, zipSync, type Zippable } from 'fflate';

export const FILE_MODE = 0o644;

export interface ZipEntry {
  name: string;
  /** Unix permission bits (0 when the archive was not written on Unix). */
  mode: number;
  data: Uint8Array;
}

/** Writes files (path → bytes, '/'-separated) with mode 0644 and a fixed time, so equal inputs give equal zips. */
export function writeZip(files: Map<string, Uint8Array>, mtime: Date): Uint8Array {
  const tree: Zippable = {};
  const attrs = ((0o100000 | FILE_MODE) << 16) >>> 0;
  for (const [name, data] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    tree[name] = [data, { os: 3, attrs, mtime, level: 9 }];
  }
  return zipSync(tree);
}

/** Reads every file entry with its Unix mode from the central directory. */
export function readZip(buf: Uint8Array): ZipEntry[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory record');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const modes = new Map<string, number>();
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`zip central directory entry ${n} is damaged`);
    const madeBy = view.getUint16(at + 4, true) >> 8;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const external = view.getUint32(at + 38, true);
    const name = new TextDecoder().decode(buf.subarray(at + 46, at + 46 + nameLength));
    modes.set(name, madeBy === 3 ? (external >>> 16) & 0o7777 : 0);
    at += 46 + nameLength + extraLength + commentLength;
  }
  const contents = unzipSync(buf);
  return Object.entries(contents)
    .filter(([name]) => !name.endsWith('/'))
    .map(([name, data]) => ({ name, mode: modes.get(name) ?? 0, data }));
}
