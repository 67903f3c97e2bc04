// A real Prometheus for the Grafana tests (@vigil/test-support's launcher: Debian's binary on 127.0.0.1 with a free
// port and a temporary folder), with the query helpers these tests use: a POST query that returns the HTTP status
// with the body (to test errors), and GET of an API path. Stop it with `stop()`.
import { startPrometheus as startRealPrometheus, waitFor } from '@vigil/test-support';

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
  /** Polls `expr` until it returns at least `count` series (scrapes and rule evaluations have happened). */
  waitForSeries(expr: string, what: string, opts?: { count?: number; timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/** Starts Prometheus with `config` (written as YAML); a function may write files into the folder first. */
export async function startPrometheus(
  config: object | ((dir: string) => Promise<object>),
): Promise<TestPrometheus> {
  const server = await startRealPrometheus({ config });
  return {
    url: server.url,
    dir: server.dir,
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
    get: (apiPath, params) => server.api(apiPath, params),
    async waitForSeries(expr, what, opts = {}) {
      await waitFor(async () => (await server.query(expr)).length >= (opts.count ?? 1), {
        what,
        timeoutMs: opts.timeoutMs ?? 30_000,
        intervalMs: 250,
      });
    },
    stop: () => server.stop(),
  };
}
