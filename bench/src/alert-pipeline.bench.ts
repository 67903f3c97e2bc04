// Breach → webhook latency of Vigil's alert pipeline: real Prometheus with provisioning/prometheus (rules and
// all) and real Alertmanager with provisioning/alertmanager, short intervals, a target whose failed-jobs
// counter is bumped (TradingJobFailed, no `for`), and a local webhook in the alert journal's place.
// Prints the measured times beside the theoretical floor scrape_interval + evaluation_interval + group_wait (the
// sum of the pipeline's own timers). A single breach can beat it: it lands part-way into each interval, and a
// breach that joins an already-notified group waits for the next group_interval tick, not a full group_wait.
// Run: npm run bench -w bench -- alert-pipeline
import { setTimeout as sleep } from 'node:timers/promises';
import { durationMs, startPipeline, waitFor } from '@vigil/test-support';

const RUNS = Number(process.env.VIGIL_BENCH_RUNS ?? 6);
// group_interval = group_wait: later breaches join the TradingJobFailed group that is already notified.
const timings = { scrapeInterval: '1s', evaluationInterval: '1s', groupWait: '1s', groupInterval: '1s', repeatInterval: '1h' };
const strategies = Array.from({ length: RUNS }, (_, i) => `bench-${i}`);

const p = await startPipeline(timings, strategies);
try {
  await waitFor(async () => {
      const r = await fetch(`${p.prometheus.url}/api/v1/query?query=trading_jobs_completed_total`);
      return ((await r.json()) as { data: { result: unknown[] } }).data.result.length > 0 ? true : undefined;
    }, { what: 'the target scraped', timeoutMs: 15_000 });
  await sleep(2500);
  const times: number[] = [];
  for (const strategy of strategies) {
    // Spread breaches over the timers' phases rather than always landing just after a scrape.
    await sleep(300 + Math.random() * 1000);
    const t0 = p.breach(strategy);
    const got = await p.waitForAlert('TradingJobFailed', t0, 30_000, { strategy });
    times.push(got.receivedAt - t0);
  }
  times.sort((a, b) => a - b);
  const floor = durationMs(timings.scrapeInterval) + durationMs(timings.evaluationInterval) + durationMs(timings.groupWait);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`alert_pipeline_runs=${times.length}`);
  console.log(`alert_pipeline_breach_to_webhook_ms_min=${times[0]!.toFixed(0)}`);
  console.log(`alert_pipeline_breach_to_webhook_ms_median=${median.toFixed(0)}`);
  console.log(`alert_pipeline_breach_to_webhook_ms_max=${times[times.length - 1]!.toFixed(0)}`);
  console.log(`alert_pipeline_theoretical_floor_ms=${floor}`);
  console.log(`alert_pipeline_median_over_floor=${(median / floor).toFixed(2)}`);
} finally {
  await p.stop();
}
