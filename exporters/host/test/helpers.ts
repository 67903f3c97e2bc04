// Test helpers: the Prometheus text format parsed into families, exporters started in-process or as processes,
// the real node_exporter started on a free port, and the repository's reference data location.
import { freePort } from '@vigil/exporter-kit';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { buildExporter, type Exporter } from '@vigil/exporter-kit';
import { CORE_COLLECTORS, hostExporterOptions } from '../src/index.js';

export const FIXTURE_TREE = new URL('./fixtures/tree/', import.meta.url).pathname;
export const REPO_ROOT = resolve(new URL('.', import.meta.url).pathname, '..', '..', '..');
export const REFERENCE = join(resolve(REPO_ROOT, '..', 'shared', 'reference'), 'node-exporter');

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

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

export interface RunningHost {
  exporter: Exporter;
  url: string;
  logs: Sink;
  scrape: () => Promise<string>;
  stop: () => Promise<void>;
}

/** Builds and starts the host exporter in this process on a free port. */
export async function startHost(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningHost> {
  const argv = ['--web.listen-address=127.0.0.1:0', ...args];
  const logs = new Sink();
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

export const NODE_EXPORTER_BIN = process.env.NODE_EXPORTER_BIN ?? 'prometheus-node-exporter';
export const PROMTOOL_BIN = process.env.PROMTOOL_BIN ?? 'promtool';

export interface RunningNodeExporter {
  url: string;
  child: ChildProcess;
  scrape: () => Promise<string>;
  stop: () => Promise<void>;
}

const HOST_BIN = new URL('../src/bin/host-exporter.ts', import.meta.url).pathname;

/** Starts Debian's node_exporter on 127.0.0.1 with a free port and waits until it answers. */
export function startNodeExporter(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningNodeExporter> {
  return startProcess(NODE_EXPORTER_BIN, [], args, env);
}

/** Starts vigil-host-exporter as its own process (for what must differ per process, such as TZ). */
export function startHostProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningNodeExporter> {
  return startProcess(process.execPath, ['--import', 'tsx', HOST_BIN], args, env);
}

async function startProcess(
  bin: string,
  pre: string[],
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<RunningNodeExporter> {
  const port = await freePort();
  const child = spawn(bin, [...pre, `--web.listen-address=127.0.0.1:${port}`, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (spawnError)
      throw new Error(
        `cannot run ${bin} (node_exporter is Debian's prometheus-node-exporter): ${spawnError.message}`,
      );
    if (child.exitCode !== null) throw new Error(`${bin} exited with ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`${url}/metrics`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${bin} did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    scrape: async () => (await fetch(`${url}/metrics`)).text(),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs `promtool check metrics` on an exposition body; returns its combined output and status. */
export function promtoolCheckMetrics(body: string): { status: number | null; output: string } {
  const r = spawnSync(PROMTOOL_BIN, ['check', 'metrics'], { input: body, encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run ${PROMTOOL_BIN}: ${r.error.message}`);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

export function tempDir(prefix = 'vigil-host-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeTemp(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** The ten core collectors' names, sorted. */
export const CORE_NAMES = CORE_COLLECTORS.map((c) => c.name).sort();

/** Core families only: not the exporters' own process/runtime/build/scrape-duration families. */
export function coreFamilies(text: string): Map<string, ParsedFamily> {
  const all = parseExposition(text);
  for (const name of [...all.keys()]) {
    const own =
      !name.startsWith('node_') ||
      name.endsWith('_build_info') ||
      name === 'node_scrape_collector_duration_seconds';
    if (own) all.delete(name);
  }
  return all;
}

export { freePort };
