// Debian's node_exporter ($NODE_EXPORTER_BIN or prometheus-node-exporter) on 127.0.0.1 with a free port: the
// reference the host exporter is compared with.
import { requireBinary } from './binaries.js';
import { freePort } from './ports.js';
import { startServer, type ServerProcess } from './server-process.js';

export interface RunningExporter extends ServerProcess {
  /** GET /metrics as text; throws on a status other than 200. */
  scrape(): Promise<string>;
}

/** Adds scrape() to a server that serves /metrics. */
export function withScrape(server: ServerProcess): RunningExporter {
  return {
    ...server,
    async scrape() {
      const res = await fetch(`${server.url}/metrics`);
      if (res.status !== 200) throw new Error(`GET ${server.url}/metrics: ${res.status} ${await res.text()}`);
      return res.text();
    },
  };
}

/**
 * Starts `command` (the program and any arguments it needs first, e.g. node and a script) with
 * `--web.listen-address=127.0.0.1:<free port>` and `args` (the listen flag every Prometheus exporter takes), and
 * waits until /metrics answers.
 */
export async function startExporterProcess(
  command: readonly string[],
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<RunningExporter> {
  const port = await freePort();
  const server = await startServer(
    command[0]!,
    [...command.slice(1), `--web.listen-address=127.0.0.1:${port}`, ...args],
    {
      port,
      readyPath: '/metrics',
      ...opts,
    },
  );
  return withScrape(server);
}

export function startNodeExporter(
  args: readonly string[] = [],
  env?: NodeJS.ProcessEnv,
): Promise<RunningExporter> {
  return startExporterProcess([requireBinary('node_exporter')], args, { env });
}
