// Research and optimisation jobs from job.* events: a bounded table of queued and running jobs (by job id),
// the lifecycle counters and histograms, and at scrape time per (kind, strategy): jobs queued, running and
// stalled (running with no event for the stall threshold), the progress of the least advanced running job
// and the best objective among running jobs. A job ends on job.completed, or is evicted (TTL, capacity).
import type { MetricFamily, Sample } from '@vigil/exporter-kit';
import type { JobCompleted, JobProgress, JobStarted, JobSubmitted } from '../events.js';
import type { LabelGuards } from '../labels/label-guard.js';
import { CounterVec, observe } from '../metrics/series.js';
import { JobMetrics } from './job-metrics.js';

export interface JobTableOptions {
  /** A running job with no event for this long is stalled (ms). */
  stallAfterMs: number;
  /** Longest a job stays queued or running without an event before it is dropped (ms). */
  ttlMs: number;
  /** Most jobs tracked; past it the one idle longest is dropped. */
  maxJobs: number;
}

export const DEFAULT_JOB_TABLE: JobTableOptions = { stallAfterMs: 10 * 60_000, ttlMs: 7 * 86_400_000, maxJobs: 10_000 };

interface Job {
  kind: string;
  strategy: string;
  state: 'queued' | 'running';
  submittedAt?: number;
  startedAt?: number;
  /** Event time of the job's latest event. */
  lastEvent: number;
  progress: number;
  best?: number;
}

type JobEvent = JobSubmitted | JobStarted | JobProgress | JobCompleted;

const pairKey = (kind: string, strategy: string) => `${kind}\u0000${strategy}`;

export class JobTracker {
  readonly metrics = new JobMetrics();
  private readonly jobs = new Map<string, Job>();
  /** Every (kind, strategy) seen, so queued/running/stalled read 0 after the last job ends (bounded by the guards). */
  private readonly pairs = new Map<string, { kind: string; strategy: string }>();

  constructor(
    private readonly opts: JobTableOptions,
    private readonly guards: LabelGuards,
    /** trading_jobs_completed_total, shared with backtest.completed. */
    private readonly completed: CounterVec,
  ) {}

  get size(): number {
    return this.jobs.size;
  }

  apply(e: JobEvent, now: number): void {
    if (e.type === 'job.submitted') {
      if (this.jobs.has(e.jobId)) {
        this.metrics.ignored.child(['duplicate_submit']).value++;
        return;
      }
      const job = this.track(e.jobId, e.kind, e.strategy, e.ts, now);
      job.submittedAt = e.ts;
      this.metrics.submitted.child([job.kind, job.strategy]).value++;
      return;
    }
    const job = this.jobs.get(e.jobId) ?? (e.kind !== undefined && e.strategy !== undefined ? this.track(e.jobId, e.kind, e.strategy, e.ts, now) : undefined);
    if (!job) {
      this.metrics.orphaned.child([]).value++;
      return;
    }
    if (e.type === 'job.completed') {
      this.jobs.delete(e.jobId);
      this.completed.child([job.kind, job.strategy, e.outcome]).value++;
      const from = job.startedAt ?? job.submittedAt;
      if (from !== undefined) observe(this.metrics.duration.child([job.kind, job.strategy, e.outcome]), Math.max(0, (e.ts - from) / 1000));
      return;
    }
    if (e.ts < job.lastEvent) {
      // A late start or progress report does not move a job back.
      this.metrics.ignored.child(['stale']).value++;
      return;
    }
    job.lastEvent = e.ts;
    if (job.state === 'queued') {
      job.state = 'running';
      job.startedAt = e.ts;
      if (job.submittedAt !== undefined) observe(this.metrics.queueWait.child([job.kind, job.strategy]), Math.max(0, (e.ts - job.submittedAt) / 1000));
    }
    if (e.type === 'job.progress') {
      job.progress = e.progress;
      if (e.bestObjective !== undefined) job.best = e.bestObjective;
    }
  }

  private track(jobId: string, rawKind: string, rawStrategy: string, ts: number, now: number): Job {
    if (this.jobs.size >= this.opts.maxJobs) this.evictOldest();
    const kind = this.guards.jobKind.map(rawKind);
    const strategy = this.guards.strategy.map(rawStrategy);
    const key = pairKey(kind, strategy);
    if (!this.pairs.has(key)) {
      this.pairs.set(key, { kind, strategy });
      this.metrics.submitted.child([kind, strategy]);
      // Both outcomes exist from the first job so increase() of failures is defined.
      for (const outcome of ['succeeded', 'failed']) this.completed.child([kind, strategy, outcome]);
    }
    const job: Job = { kind, strategy, state: 'queued', lastEvent: Math.min(ts, now), progress: 0 };
    this.jobs.set(jobId, job);
    return job;
  }

  private evictOldest(): void {
    let oldestId: string | undefined;
    let oldest = Infinity;
    for (const [id, j] of this.jobs) {
      if (j.lastEvent < oldest) {
        oldest = j.lastEvent;
        oldestId = id;
      }
    }
    if (oldestId !== undefined) {
      this.jobs.delete(oldestId);
      this.metrics.evicted.child(['capacity']).value++;
    }
  }

  /** Drops jobs with no event for the TTL. */
  sweep(now: number): void {
    for (const [id, j] of this.jobs) {
      if (now - j.lastEvent > this.opts.ttlMs) {
        this.jobs.delete(id);
        this.metrics.evicted.child(['ttl']).value++;
      }
    }
  }

  families(now: number): MetricFamily[] {
    this.sweep(now);
    const summary = new Map<string, { queued: number; running: number; stalled: number; minProgress?: number; best?: number }>();
    for (const key of this.pairs.keys()) summary.set(key, { queued: 0, running: 0, stalled: 0 });
    for (const j of this.jobs.values()) {
      const s = summary.get(pairKey(j.kind, j.strategy))!;
      if (j.state === 'queued') {
        s.queued++;
        continue;
      }
      s.running++;
      if (now - j.lastEvent > this.opts.stallAfterMs) s.stalled++;
      s.minProgress = Math.min(s.minProgress ?? 1, j.progress);
      if (j.best !== undefined) s.best = Math.max(s.best ?? -Infinity, j.best);
    }
    const jobs: Sample[] = [];
    const stalled: Sample[] = [];
    const progress: Sample[] = [];
    const best: Sample[] = [];
    for (const [key, s] of summary) {
      const { kind, strategy } = this.pairs.get(key)!;
      jobs.push({ labels: { kind, strategy, state: 'queued' }, value: s.queued }, { labels: { kind, strategy, state: 'running' }, value: s.running });
      stalled.push({ labels: { kind, strategy }, value: s.stalled });
      if (s.minProgress !== undefined) progress.push({ labels: { kind, strategy }, value: s.minProgress });
      if (s.best !== undefined) best.push({ labels: { kind, strategy }, value: s.best });
    }
    const m = this.metrics;
    return [
      m.submitted.family(),
      { name: 'trading_jobs', help: 'Research jobs queued or running now, by kind and strategy.', type: 'gauge', samples: jobs },
      {
        name: 'trading_jobs_stalled',
        help: 'Running research jobs with no event (start, progress) for the stall threshold (--jobs.stall-after).',
        type: 'gauge',
        samples: stalled,
      },
      { name: 'trading_job_progress_ratio', help: 'Progress (0..1) of the least advanced running job of the kind and strategy.', type: 'gauge', samples: progress },
      {
        name: 'trading_job_best_objective',
        help: 'Best objective so far (higher is better) among the running jobs of the kind and strategy, as the jobs report it.',
        type: 'gauge',
        samples: best,
      },
      {
        name: 'trading_jobs_stall_threshold_seconds',
        help: 'How long a running job may go without an event before it counts as stalled.',
        type: 'gauge',
        samples: [{ value: this.opts.stallAfterMs / 1000 }],
      },
      m.duration.family(),
      m.queueWait.family(),
      m.orphaned.family(),
      m.ignored.family(),
      m.evicted.family(),
      { name: 'trading_jobs_tracked', help: 'Jobs in the job table (queued and running).', type: 'gauge', samples: [{ value: this.jobs.size }] },
    ];
  }
}
