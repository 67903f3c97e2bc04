// A real Prometheus for the Grafana tests: Debian's binary on 127.0.0.1 with a free port, a temporary folder
// holding the given config and its data, and small query helpers. Stop it with `stop()`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

import { bins } from '../../../test/helpers/paths.js';
import { freePort, startServer } from '../../../test/helpers/processes.js';

export interface PromApiResponse<T = unknown> {
  status: string;
  data: T;
  errorType?: string;
  error?: string;
}

export interface TestPrometheus {
  url: string;
  /** Folder for extra files (e.g. rewritten rule files); removed by stop(). */
  dir: string;
  /** POST /api/v1/query with the HTTP status. */
  query(
    expr: string,
  ): Promise<{ code: number; body: PromApiResponse<{ result: { metric: Record<string, string> }[] }> }>;
  /** GET an API path, failing unless Prometheus answers `success`. */
  get<T>(apiPath: string, params: Record<string, string>): Promise<T>;
  stop(): Promise<void>;
}

/** Starts Prometheus with `config` (written as YAML); `prepare` may write files into the folder first. */
export async function startPrometheus(
  config: object | ((dir: string) => Promise<object>),
): Promise<TestPrometheus> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vigil-grafana-prom-'));
  try {
    const cfg = typeof config === 'function' ? await config(dir) : config;
    await writeFile(path.join(dir, 'prometheus.yml'), stringify(cfg));
    const port = await freePort();
    const server = await startServer(
      bins.prometheus,
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      `http://127.0.0.1:${port}`,
      '/-/ready',
    );
    return {
      url: server.url,
      dir,
      async query(expr) {
        const res = await fetch(`${server.url}/api/v1/query`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ query: expr }),
        });
        return {
          code: res.status,
          body: (await res.json()) as PromApiResponse<{ result: { metric: Record<string, string> }[] }>,
        };
      },
      async get<T>(apiPath: string, params: Record<string, string>) {
        const res = await fetch(`${server.url}${apiPath}?${new URLSearchParams(params)}`);
        const body = (await res.json()) as PromApiResponse<T>;
        if (body.status !== 'success') throw new Error(`${apiPath}: ${body.error ?? res.status}`);
        return body.data;
      },
      async stop() {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
