import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './freePort.js';

type InstantResult = Array<{ metric: Record<string, string>; value: [number, string] }>;

export interface RunningPrometheus {
  url: string;
  query(expr: string, timeSeconds?: number): Promise<InstantResult>;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** Series to backfill (OpenMetrics text, through `promtool tsdb create-blocks-from openmetrics`). */
  openMetrics: string;
  ruleFiles: string[];
}

const PROMETHEUS = process.env.PROMETHEUS_BIN ?? 'prometheus';
const PROMTOOL = process.env.PROMTOOL_BIN ?? 'promtool';

function promtool(args: string[]): void {
  const r = spawnSync(PROMTOOL, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`promtool ${args.slice(0, 3).join(' ')} failed: ${r.stderr || r.error?.message}`);
  }
}

async function waitFor(
  check: () => Promise<boolean>,
  proc: ChildProcess,
  what: string,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) {
      throw new Error(`prometheus exited with ${proc.exitCode} while waiting for ${what}:\n${log()}`);
    }
    try {
      if (await check()) {
        return;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`prometheus: no ${what} within 90 s:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * A real Prometheus on a free loopback port with a temporary data dir, holding backfilled series and evaluating
 * the given rule files (groups without their own interval every 5 s). Resolves once the SLO rules have produced
 * `slo:sli_error:ratio_rate5m` and, after this Prometheus started, `slo:period_error_budget_remaining:ratio`.
 */
export async function startPrometheus(opts: PrometheusOptions): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-prom-'));
  const data = join(dir, 'data');
  writeFileSync(join(dir, 'series.om'), opts.openMetrics);
  promtool(['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'series.om'), data]);
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  evaluation_interval: 5s\nrule_files:\n${opts.ruleFiles.map((f) => `  - ${JSON.stringify(f)}`).join('\n')}\n`,
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  let proc: ChildProcess;
  const launch = () => {
    proc = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${data}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=60d',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    proc.stderr?.on('data', (d) => (log = (log + d).slice(-20_000)));
  };
  const halt = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
  };
  const query = async (expr: string, timeSeconds?: number): Promise<InstantResult> => {
    const params = new URLSearchParams({
      query: expr,
      ...(timeSeconds ? { time: String(timeSeconds) } : {}),
    });
    const res = await fetch(`${url}/api/v1/query?${params}`);
    const body = (await res.json()) as { status: string; error?: string; data: { result: InstantResult } };
    if (body.status !== 'success') {
      throw new Error(`query ${expr}: ${body.error}`);
    }
    return body.data.result;
  };
  const ready = async () => (await fetch(`${url}/-/ready`)).ok;
  const stop = async () => {
    await halt();
    rmSync(dir, { recursive: true, force: true });
  };
  // Backfilled samples all end before this.
  const startedAt = Math.floor(Date.now() / 1000);
  try {
    launch();
    await waitFor(ready, proc!, 'ready', () => log);
    // The generator puts each SLO's period rules in its own group evaluated once a minute: wait until every SLO
    // with a recorded error ratio also has a budget sample newer than this start. The budget is the group's
    // last rule (its objective comes before it), and older budget samples may be backfilled history.
    await waitFor(
      async () =>
        (await query('slo:sli_error:ratio_rate5m')).length > 0 &&
        (
          await query(
            `slo:sli_error:ratio_rate5m unless on(slo) (timestamp(slo:period_error_budget_remaining:ratio) >= ${startedAt})`,
          )
        ).length === 0,
      proc!,
      'recorded SLO series',
      () => log,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, query, stop };
}
