// Research and optimisation jobs: job.* events over real HTTP → queued/running/stalled gauges, progress and
// best objective of running jobs, durations and queue waits, completions by outcome; the simulator's research
// farm through the real validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertMetricsClean } from '@vigil/test-support';
import { renderText } from '@vigil/exporter-kit';
import { Simulator } from '../src/sim/simulator.js';
import { TradingState } from '../src/trading-state.js';
import { Clock, T0, applyRaw, parseSamples, post, sample, scrape, startExporter } from './helpers.js';

const job = (type: string, ts: number, jobId: string, extra: Record<string, unknown> = {}) => ({ type, ts, jobId, ...extra });

test('a job lifecycle over HTTP: queued, running with progress and best objective, stalled, then done', async (t) => {
  const clock = new Clock();
  const ex = await startExporter(['--jobs.stall-after=5m'], clock);
  t.after(() => ex.stop());
  const t0 = clock.now();
  const ok = async (events: unknown[]) => {
    const r = await post(ex.url, events);
    assert.equal(r.status, 202, JSON.stringify(r.json));
  };
  await ok([
    job('job.submitted', t0, 'opt-1', { kind: 'optimisation', strategy: 'momentum' }),
    job('job.submitted', t0, 'opt-2', { kind: 'optimisation', strategy: 'momentum' }),
    job('job.submitted', t0, 'bt-1', { kind: 'backtest', strategy: 'stat-arb' }),
  ]);
  let m = parseSamples(await scrape(ex.url));
  assert.equal(sample(m, 'trading_jobs', { kind: 'optimisation', strategy: 'momentum', state: 'queued' }), 2);
  assert.equal(sample(m, 'trading_jobs', { kind: 'optimisation', strategy: 'momentum', state: 'running' }), 0);
  assert.equal(sample(m, 'trading_jobs_submitted_total', { kind: 'optimisation', strategy: 'momentum' }), 2);

  // opt-1 starts after 90 s in the queue and reports progress; opt-2 starts and goes further; bt-1 starts.
  await ok([
    job('job.started', t0 + 90_000, 'opt-1'),
    job('job.progress', t0 + 120_000, 'opt-1', { progress: 0.25, bestObjective: 1.1 }),
    job('job.progress', t0 + 100_000, 'opt-2', { progress: 0.6, bestObjective: 1.7 }),
    job('job.started', t0 + 60_000, 'bt-1'),
    // A duplicate submit and a progress report older than the job's latest change nothing.
    job('job.submitted', t0, 'opt-1', { kind: 'optimisation', strategy: 'momentum' }),
    job('job.progress', t0 + 110_000, 'opt-1', { progress: 0.9, bestObjective: 9 }),
  ]);
  clock.t = t0 + 130_000;
  m = parseSamples(await scrape(ex.url));
  assert.equal(sample(m, 'trading_jobs', { kind: 'optimisation', strategy: 'momentum', state: 'running' }), 2);
  assert.equal(sample(m, 'trading_jobs', { kind: 'optimisation', strategy: 'momentum', state: 'queued' }), 0);
  assert.equal(sample(m, 'trading_job_progress_ratio', { kind: 'optimisation', strategy: 'momentum' }), 0.25, 'the least advanced');
  assert.equal(sample(m, 'trading_job_best_objective', { kind: 'optimisation', strategy: 'momentum' }), 1.7, 'the best among running jobs');
  assert.equal(sample(m, 'trading_job_events_ignored_total', { reason: 'duplicate_submit' }), 1);
  assert.equal(sample(m, 'trading_job_events_ignored_total', { reason: 'stale' }), 1);
  // opt-1 waited 90 s, opt-2 100 s (its first progress report started it): both in the 120 s bucket, not 60 s.
  assert.equal(sample(m, 'trading_job_queue_wait_seconds_bucket', { kind: 'optimisation', strategy: 'momentum', le: '60' }), 0);
  assert.equal(sample(m, 'trading_job_queue_wait_seconds_bucket', { kind: 'optimisation', strategy: 'momentum', le: '120' }), 2);
  assert.equal(sample(m, 'trading_job_queue_wait_seconds_count', { kind: 'optimisation', strategy: 'momentum' }), 2);
  assert.equal(sample(m, 'trading_jobs_stalled', { kind: 'backtest', strategy: 'stat-arb' }), 0);

  // 6 minutes later with no event from bt-1 (last at +60 s) and opt-1 (last at +120 s): both stalled (5 m).
  clock.t = t0 + 60_000 + 5 * 60_000 + 1;
  m = parseSamples(await scrape(ex.url));
  assert.equal(sample(m, 'trading_jobs_stalled', { kind: 'backtest', strategy: 'stat-arb' }), 1);
  assert.equal(sample(m, 'trading_jobs_stalled', { kind: 'optimisation', strategy: 'momentum' }), 0, 'opt-1 and opt-2 reported later');
  assert.equal(sample(m, 'trading_jobs_stall_threshold_seconds'), 300);

  // Endings: opt-1 succeeds after 30 min of run time, opt-2 fails, bt-1 is canceled.
  clock.t = t0 + 1_900_000;
  await ok([
    job('job.completed', t0 + 90_000 + 1_800_000, 'opt-1', { outcome: 'succeeded' }),
    job('job.completed', t0 + 400_000, 'opt-2', { outcome: 'failed' }),
    job('job.completed', t0 + 400_000, 'bt-1', { outcome: 'canceled' }),
  ]);
  const text = await scrape(ex.url);
  m = parseSamples(text);
  assert.equal(sample(m, 'trading_jobs_completed_total', { kind: 'optimisation', strategy: 'momentum', outcome: 'succeeded' }), 1);
  assert.equal(sample(m, 'trading_jobs_completed_total', { kind: 'optimisation', strategy: 'momentum', outcome: 'failed' }), 1);
  assert.equal(sample(m, 'trading_jobs_completed_total', { kind: 'backtest', strategy: 'stat-arb', outcome: 'canceled' }), 1);
  assert.equal(sample(m, 'trading_jobs_completed_total', { kind: 'backtest', strategy: 'stat-arb', outcome: 'failed' }), 0, 'defined from the first job');
  // 1,800 s of run time: above 600, within 1,800.
  assert.equal(sample(m, 'trading_job_duration_seconds_bucket', { kind: 'optimisation', outcome: 'succeeded', le: '600' }), 0);
  assert.equal(sample(m, 'trading_job_duration_seconds_bucket', { kind: 'optimisation', outcome: 'succeeded', le: '1800' }), 1);
  assert.equal(sample(m, 'trading_job_duration_seconds_sum', { kind: 'optimisation', outcome: 'succeeded' }), 1800);
  assert.equal(sample(m, 'trading_jobs', { kind: 'optimisation', strategy: 'momentum', state: 'running' }), 0, 'zero, not absent, once done');
  assert.equal(sample(m, 'trading_job_progress_ratio'), undefined, 'no running job: no progress series');
  assert.equal(sample(m, 'trading_jobs_tracked'), 0);
  assertMetricsClean(text, 'the job metrics');
});

test('unknown jobs: tracked from an event naming kind and strategy, else orphaned; bad fields refused by name', async (t) => {
  const clock = new Clock();
  const ex = await startExporter([], clock);
  t.after(() => ex.stop());
  const now = clock.now();
  assert.equal((await post(ex.url, [job('job.progress', now, 'x-1', { progress: 0.5, kind: 'optimisation', strategy: 'mm' })])).status, 202);
  assert.equal((await post(ex.url, [job('job.completed', now, 'nobody-knows')])).status, 202);
  const m = parseSamples(await scrape(ex.url));
  assert.equal(sample(m, 'trading_jobs', { kind: 'optimisation', strategy: 'mm', state: 'running' }), 1);
  assert.equal(sample(m, 'trading_job_events_orphaned_total'), 1);

  const bad = await post(ex.url, [job('job.progress', now, 'x-1', { progress: 1.5 })]);
  assert.equal(bad.status, 400);
  assert.match(String(bad.json.error), /progress/);
  const noKind = await post(ex.url, [job('job.submitted', now, 'x-2', { strategy: 'mm' })]);
  assert.equal(noKind.status, 400);
  assert.match(String(noKind.json.error), /kind/);
  const outcome = await post(ex.url, [job('job.completed', now, 'x-1', { outcome: 'exploded' })]);
  assert.equal(outcome.status, 400);
  assert.match(String(outcome.json.error), /outcome/);
});

test('the job table is bounded: past --jobs.max-tracked the idlest job goes, counted', async (t) => {
  const clock = new Clock();
  const ex = await startExporter(['--jobs.max-tracked=3'], clock);
  t.after(() => ex.stop());
  const now = clock.now();
  const events = [1, 2, 3, 4, 5].map((i) => job('job.submitted', now - 10_000 + i, `j-${i}`, { kind: 'backtest', strategy: 's' }));
  assert.equal((await post(ex.url, events)).status, 202);
  const m = parseSamples(await scrape(ex.url));
  assert.equal(sample(m, 'trading_jobs_tracked'), 3);
  assert.equal(sample(m, 'trading_jobs_evicted_total', { reason: 'capacity' }), 2);
  assert.equal(sample(m, 'trading_jobs', { state: 'queued' }), 3);
});

test("the simulator's research farm: jobs queue, run with progress, finish (some fail), none stall", () => {
  const sim = new Simulator({ seed: 7, ordersPerSecond: 0.5, predictionsPerSecond: 0.1 });
  const state = new TradingState();
  const types = new Map<string, number>();
  let maxQueued = 0;
  const end = T0 + 3 * 3_600_000;
  for (let ts = T0; ts <= end; ts += 5000) {
    const batch = sim.tick(ts);
    for (const e of batch) types.set(e.type, (types.get(e.type) ?? 0) + 1);
    if (batch.length) applyRaw(state, batch, ts);
    if (ts % 60_000 === 0) {
      const m = parseSamples(renderText(state.jobs.families(ts)));
      maxQueued = Math.max(maxQueued, sample(m, 'trading_jobs', { state: 'queued' }) ?? 0);
      assert.equal(sample(m, 'trading_jobs_stalled') ?? 0, 0, `a job stalled at ${new Date(ts).toISOString()}`);
    }
  }
  const m = parseSamples(renderText([...state.jobs.families(end), ...state.strategies.families()]));
  const submitted = sample(m, 'trading_jobs_submitted_total') ?? 0;
  // About one job every 2 minutes: ~90 in 3 hours.
  assert.ok(submitted > 60 && submitted < 130, `submitted ${submitted}`);
  assert.ok((types.get('job.progress') ?? 0) > submitted, 'progress reports');
  assert.ok(maxQueued >= 1, 'a queue forms at times');
  const succeeded = (sample(m, 'trading_jobs_completed_total', { outcome: 'succeeded' }) ?? 0) - (sample(m, 'trading_jobs_completed_total', { kind: 'backtest', outcome: 'succeeded' }) ?? 0);
  assert.ok(succeeded > 10, `optimisations succeeded: ${succeeded}`);
  assert.ok((sample(m, 'trading_job_duration_seconds_count', { kind: 'optimisation' }) ?? 0) > 10);
  for (const kind of ['backtest', 'optimisation']) assert.ok((sample(m, 'trading_jobs_submitted_total', { kind }) ?? 0) > 10, kind);
});
