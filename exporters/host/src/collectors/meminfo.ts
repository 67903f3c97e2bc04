// meminfo: every /proc/meminfo field as node_memory_<field>[_bytes], named as node_exporter names them:
// "Active(anon)" becomes Active_anon, and fields in kB are converted to bytes with a _bytes suffix.
import { gauge } from '../families.js';
import { procFile, readText } from '../host-paths.js';
import type { HostCollectorDef } from './types.js';

export interface MeminfoField {
  name: string;
  value: number;
}

export function parseMeminfo(text: string): MeminfoField[] {
  const out: MeminfoField[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts[0] === '') continue;
    if (parts.length < 2 || parts.length > 3 || !parts[0].endsWith(':')) {
      throw new Error(`invalid /proc/meminfo line: ${JSON.stringify(line)}`);
    }
    let value = Number(parts[1]);
    if (!Number.isFinite(value))
      throw new Error(`invalid value in /proc/meminfo line: ${JSON.stringify(line)}`);
    let name = parts[0].slice(0, -1).replace(/\((.*)\)/, '_$1');
    // The kernel prints sizes in kB (KiB); anything with a unit is a size.
    if (parts.length === 3) {
      value *= 1024;
      name += '_bytes';
    }
    out.push({ name, value });
  }
  return out;
}

export const meminfoCollector: HostCollectorDef = {
  name: 'meminfo',
  defaultEnabled: true,
  create:
    ({ paths }) =>
    () =>
      parseMeminfo(readText(procFile(paths, 'meminfo'))).map((f) =>
        gauge(`node_memory_${f.name}`, `Memory information field ${f.name}.`, [{ value: f.value }]),
      ),
};
