// Research and optimisation job metrics (kind × strategy, both bounded by label guards). Job ids are never
// labels: running jobs are summarised per (kind, strategy) at scrape time by the tracker.
import { CounterVec, HistogramVec } from '../metrics/series.js';

/** 1 s .. 1 day: backtests take seconds to minutes, optimisations minutes to hours. */
export const JOB_DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800, 86400];

export class JobMetrics {
  readonly submitted = new CounterVec('trading_jobs_submitted_total', 'Research jobs submitted, by kind and strategy.', ['kind', 'strategy']);
  readonly duration = new HistogramVec(
    'trading_job_duration_seconds',
    'Run time of a research job from its start (its submit when it never reported a start) to its end, by outcome.',
    ['kind', 'strategy', 'outcome'],
    JOB_DURATION_BUCKETS,
  );
  readonly queueWait = new HistogramVec('trading_job_queue_wait_seconds', 'Time a research job waited in the queue, from submit to start.', ['kind', 'strategy'], JOB_DURATION_BUCKETS);
  readonly orphaned = new CounterVec(
    'trading_job_events_orphaned_total',
    'Job events for a job the exporter does not know and that name no kind and strategy to track it from.',
    [],
  );
  readonly ignored = new CounterVec('trading_job_events_ignored_total', 'Job events that changed nothing, by reason (duplicate_submit, stale).', ['reason']);
  readonly evicted = new CounterVec('trading_jobs_evicted_total', 'Tracked jobs dropped without an end, by reason (ttl, capacity).', ['reason']);

  constructor() {
    this.orphaned.child([]);
    for (const r of ['duplicate_submit', 'stale']) this.ignored.child([r]);
    for (const r of ['ttl', 'capacity']) this.evicted.child([r]);
  }
}
