// Test helpers: the Prometheus text format parsed into families, and the host exporter started in-process or as
// a process (node_exporter, Prometheus, promtool, ports and waits come from @vigil/test-support).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildExporter, type Exporter } from '@vigil/exporter-kit';
import { TextSink, startExporterProcess, type RunningExporter } from '@vigil/test-support';
import { CORE_COLLECTORS, hostExporterOptions } from '../src/index.js';

export const FIXTURE_TREE = new URL('./fixtures/tree/', import.meta.url).pathname;

export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedFamily {
  name: string;
  help?: string;
  type?: string;
  samples: ParsedSample[];
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** Parses the text exposition format (0.0.4). Sample lines are assigned to the family declared before them. */
export function parseExposition(text: string): Map<string, ParsedFamily> {
  const families = new Map<string, ParsedFamily>();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { name, samples: [] }));
    return f;
  };
  let current: ParsedFamily | undefined;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      current = family(meta[2]);
      if (meta[1] === 'HELP') current.help = unescape(meta[3]);
      else current.type = meta[3];
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`cannot parse sample line ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    for (const lm of (m[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[lm[1]] = unescape(lm[2]);
    const value = m[4] === '+Inf' ? Infinity : m[4] === '-Inf' ? -Infinity : Number(m[4]);
    const owner =
      current && (m[1] === current.name || m[1].startsWith(current.name + '_')) ? current : family(m[1]);
    owner.samples.push({ name: m[1], labels, value });
  }
  return families;
}

/** A stable key for a sample's identity (name + sorted labels). */
export function seriesKey(s: ParsedSample): string {
  return `${s.name}{${Object.keys(s.labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(s.labels[k])}`)
    .join(',')}}`;
}

export function seriesMap(f: ParsedFamily | undefined): Map<string, number> {
  return new Map((f?.samples ?? []).map((s) => [seriesKey(s), s.value]));
}

export interface RunningHost {
  exporter: Exporter;
  url: string;
  logs: TextSink;
  scrape: () => Promise<string>;
  stop: () => Promise<void>;
}

/** Builds and starts the host exporter in this process on a free port. */
export async function startHost(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningHost> {
  const argv = ['--web.listen-address=127.0.0.1:0', ...args];
  const logs = new TextSink();
  const { exporter } = await buildExporter(hostExporterOptions(argv, env), argv, env, logs);
  const { url } = await exporter.start();
  return {
    exporter,
    url,
    logs,
    scrape: async () => {
      const res = await fetch(`${url}/metrics`);
      if (res.status !== 200) throw new Error(`GET /metrics: ${res.status} ${await res.text()}`);
      return res.text();
    },
    stop: () => exporter.shutdown('test'),
  };
}

const HOST_BIN = new URL('../src/bin/host-exporter.ts', import.meta.url).pathname;

/** Starts vigil-host-exporter as its own process (for what must differ per process, such as TZ). */
export function startHostProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningExporter> {
  return startExporterProcess([process.execPath, '--import', 'tsx', HOST_BIN], args, { env });
}

/** Writes `text` to `dir/name` (creating folders) and returns the path. */
export function writeTemp(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

/** The ten core collectors' names, sorted. */
export const CORE_NAMES = CORE_COLLECTORS.map((c) => c.name).sort();

/** The exporter kit's own figures, in the exporter's namespace (slow clients, background tasks, rejections, health). */
const KIT_SELF_METRICS = /^node_(web_|background_task_|unhandled_rejections_|health_)/;

/** Core families only: not the exporters' own process/runtime/build/scrape-duration/kit families. */
export function coreFamilies(text: string): Map<string, ParsedFamily> {
  const all = parseExposition(text);
  for (const name of [...all.keys()]) {
    const own =
      !name.startsWith('node_') ||
      name.endsWith('_build_info') ||
      name === 'node_scrape_collector_duration_seconds' ||
      KIT_SELF_METRICS.test(name);
    if (own) all.delete(name);
  }
  return all;
}

