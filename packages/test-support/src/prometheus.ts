// A real Prometheus for a test: $PROMETHEUS_BIN or Debian's prometheus on 127.0.0.1 with a free port and a
// temporary folder holding its config, extra files and data; removed again by stop().
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

import { requireBinary } from './binaries.js';
import { freePort } from './ports.js';
import { promtool } from './promtool.js';
import { startServer, type ServerProcess } from './server-process.js';

export interface PrometheusOptions {
  /** prometheus.yml, as YAML text or a value to stringify; or a function that builds it once the folder exists. */
  config: string | object | ((dir: string) => string | object | Promise<string | object>);
  /** Files written beside prometheus.yml (e.g. rule files named by a relative path). */
  files?: Record<string, string>;
  /** TSDB folder (e.g. one filled by `promtool tsdb create-blocks-from`); default `<dir>/data`. */
  dataDir?: string;
  /**
   * History to hold before start: OpenMetrics text (ending in `# EOF`) written into the TSDB folder by
   * `promtool tsdb create-blocks-from openmetrics` as blocks of up to 32 days (promtool's default 2-hour blocks
   * make a month of data hundreds of blocks, minutes of work on 2 cores). Its samples must be older than the
   * head block Prometheus starts with, i.e. in the past.
   */
  backfill?: string;
  /** Extra flags, e.g. --storage.tsdb.retention.time=60d. */
  args?: string[];
  port?: number;
  timeoutMs?: number;
}

export type InstantVector = Array<{ metric: Record<string, string>; value: [number, string] }>;

export interface RunningPrometheus extends ServerProcess {
  /** The temporary folder with prometheus.yml (and the data, unless dataDir was given). */
  dir: string;
  /** GET /api/v1/query (at `timeSeconds`, if given); throws unless Prometheus answers success. */
  query(expr: string, timeSeconds?: number): Promise<InstantVector>;
  /** GET an API path with query parameters; throws unless Prometheus answers success. */
  api<T>(path: string, params?: Record<string, string>): Promise<T>;
}

export async function startPrometheus(opts: PrometheusOptions): Promise<RunningPrometheus> {
  const bin = requireBinary('prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-prometheus-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  let server: ServerProcess;
  try {
    for (const [name, text] of Object.entries(opts.files ?? {})) writeFileSync(join(dir, name), text);
    const cfg = typeof opts.config === 'function' ? await opts.config(dir) : opts.config;
    writeFileSync(join(dir, 'prometheus.yml'), typeof cfg === 'string' ? cfg : stringify(cfg));
    const dataDir = opts.dataDir ?? join(dir, 'data');
    if (opts.backfill !== undefined) backfill(opts.backfill, dir, dataDir);
    const port = opts.port ?? (await freePort());
    server = await startServer(
      bin,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${dataDir}`,
        `--web.listen-address=127.0.0.1:${port}`,
        ...(opts.args ?? []),
      ],
      { port, readyPath: '/-/ready', timeoutMs: opts.timeoutMs, cleanup },
    );
  } catch (err) {
    cleanup();
    throw err;
  }
  const api = async <T>(path: string, params: Record<string, string> = {}): Promise<T> => {
    const res = await fetch(`${server.url}${path}?${new URLSearchParams(params)}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success')
      throw new Error(`prometheus ${path} ${JSON.stringify(params)}: ${body.error ?? res.status}`);
    return body.data;
  };
  const query = async (expr: string, timeSeconds?: number) =>
    (
      await api<{ result: InstantVector }>('/api/v1/query', {
        query: expr,
        ...(timeSeconds ? { time: String(timeSeconds) } : {}),
      })
    ).result;
  return { ...server, dir, query, api };
}

function backfill(openMetrics: string, dir: string, dataDir: string): void {
  const file = join(dir, 'backfill.om');
  writeFileSync(file, openMetrics);
  const r = promtool(['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=768h', file, dataDir], {
    timeoutMs: 90_000,
  });
  if (r.status !== 0) throw new Error(`promtool tsdb create-blocks-from openmetrics: ${r.output}`);
}
