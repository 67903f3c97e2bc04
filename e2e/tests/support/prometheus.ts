// A real Prometheus holding 30 days of backfilled SLO data and evaluating the generated SLO rules, for the SLO
// panel's browser tests. Set-up cost is kept to seconds: the backfill is written as one TSDB block (startPrometheus'
// `backfill`) instead of promtool's default 2-hour blocks, and the generated once-a-minute budget
// groups are evaluated every few seconds (expressions unchanged) so the wait for the live rules is short.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startPrometheus, waitFor, type RunningPrometheus } from '@vigil/test-support';

export interface SloPrometheusOptions {
  /** Series to backfill (OpenMetrics text, through `promtool tsdb create-blocks-from openmetrics`). */
  openMetrics: string;
  /** Generated SLO rule files (provisioning/slo/rules/*.yml). */
  ruleFiles: string[];
}

const EVALUATION_INTERVAL = '5s';

/** The rule file with every group that sets its own interval evaluated at EVALUATION_INTERVAL instead. */
function withShortIntervals(file: string, dir: string): string {
  const doc = parse(readFileSync(file, 'utf8')) as { groups: Array<{ name: string; interval?: string }> };
  const slow = doc.groups.filter((g) => g.interval !== undefined);
  if (slow.length === 0)
    throw new Error(`${file}: no group with its own interval (has the SLO generator changed?)`);
  for (const g of slow) g.interval = EVALUATION_INTERVAL;
  const out = join(dir, basename(file));
  writeFileSync(out, stringify(doc));
  return out;
}

/**
 * Backfills the series into one block, starts Prometheus on them with the rule files, and resolves once the SLO
 * rules have produced `slo:sli_error:ratio_rate5m` and, after this Prometheus started,
 * `slo:period_error_budget_remaining:ratio` for every SLO.
 */
export async function startSloPrometheus(opts: SloPrometheusOptions): Promise<RunningPrometheus> {
  // Backfilled samples all end before this.
  const startedAt = Math.floor(Date.now() / 1000);
  const prom = await startPrometheus({
    config: (dir) => ({
      global: { evaluation_interval: EVALUATION_INTERVAL },
      rule_files: opts.ruleFiles.map((f) => withShortIntervals(f, dir)),
    }),
    backfill: opts.openMetrics,
    args: ['--storage.tsdb.retention.time=60d'],
  });
  try {
    // Every rule group has been evaluated since this start (each window's burn rate is its own group, and a panel
    // reading one not yet evaluated shows no data), and every SLO with a recorded error ratio also has a budget
    // sample newer than this start. The budget is its group's last rule (its objective comes before it), and older
    // budget samples may be backfilled history.
    await waitFor(
      async () =>
        (await prom.api<{ groups: { lastEvaluation: string }[] }>('/api/v1/rules')).groups.every(
          (g) => Date.parse(g.lastEvaluation) / 1000 >= startedAt,
        ) &&
        (await prom.query('slo:sli_error:ratio_rate5m')).length > 0 &&
        (
          await prom.query(
            `slo:sli_error:ratio_rate5m unless on(slo) (timestamp(slo:period_error_budget_remaining:ratio) >= ${startedAt})`,
          )
        ).length === 0,
      {
        what: 'the SLO rules to record the error ratios and a live error budget',
        timeoutMs: 60_000,
        intervalMs: 300,
      },
    );
  } catch (err) {
    await prom.stop();
    throw err;
  }
  return prom;
}
