// The desk's research farm: backtests and parameter optimisations submitted at random, queued for a fixed
// number of workers, reporting progress and the best objective found so far (a Sharpe ratio, rising towards
// its plateau) every 15 s of run time, and now and then failing. A whole job is planned when it is submitted:
// its start is when a worker frees up, so a burst of submissions builds a queue that drains again.
import type { RawEvent, Scheduled } from './order-flow.js';
import type { Random } from './random.js';

interface JobKind {
  kind: string;
  /** Median run time, lognormal with sigma 0.5. */
  medianMs: number;
  /** Share of submissions of this kind. */
  share: number;
}

export const RESEARCH_KINDS: readonly JobKind[] = [
  { kind: 'backtest', medianMs: 40_000, share: 0.5 },
  { kind: 'optimisation', medianMs: 240_000, share: 0.5 },
];
/** Mean time between submissions: with 2 workers the farm is busy about 60% of the time. */
export const RESEARCH_SUBMIT_EVERY_MS = 120_000;
export const RESEARCH_WORKERS = 2;
export const RESEARCH_FAILURE_PROBABILITY = 0.04;
const PROGRESS_EVERY_MS = 15_000;

export class ResearchJobs {
  private seq = 0;
  private readonly workerFreeAt: number[] = new Array(RESEARCH_WORKERS).fill(0);

  constructor(
    private readonly rng: Random,
    private readonly strategies: string[],
    private readonly runId: string,
  ) {}

  plan(now: number, dtSeconds: number): Scheduled[] {
    const out: Scheduled[] = [];
    // The first job at once, so a fresh local stack shows the research farm without waiting minutes for it.
    const n = (this.seq === 0 ? 1 : 0) + this.rng.poisson((dtSeconds * 1000) / RESEARCH_SUBMIT_EVERY_MS);
    for (let i = 0; i < n; i++) out.push(...this.job(now));
    return out;
  }

  private job(now: number): Scheduled[] {
    const rng = this.rng;
    const spec = rng.chance(RESEARCH_KINDS[0].share) ? RESEARCH_KINDS[0] : RESEARCH_KINDS[1];
    const strategy = rng.pick(this.strategies);
    const jobId = `${this.runId}-job-${++this.seq}`;
    const out: Scheduled[] = [];
    const at = (t: number, event: Omit<RawEvent, 'ts'>) => out.push({ at: Math.round(t), event: { ...event, ts: Math.round(t) } as RawEvent });

    at(now, { type: 'job.submitted', jobId, kind: spec.kind, strategy });
    const worker = this.workerFreeAt.indexOf(Math.min(...this.workerFreeAt));
    const start = Math.max(now, this.workerFreeAt[worker]);
    const runMs = rng.lognormal(spec.medianMs, 0.5);
    const fails = rng.chance(RESEARCH_FAILURE_PROBABILITY);
    const end = start + (fails ? runMs * rng.uniform(0.1, 0.9) : runMs);
    this.workerFreeAt[worker] = end;
    at(start, { type: 'job.started', jobId });
    const plateau = rng.normal(1.4, 0.3);
    let best = -Infinity;
    for (let t = start + PROGRESS_EVERY_MS; t < end; t += PROGRESS_EVERY_MS) {
      const progress = (t - start) / runMs;
      best = Math.max(best, plateau * (1 - Math.exp(-4 * progress)) + rng.normal(0, 0.05));
      at(t, { type: 'job.progress', jobId, progress: Number(progress.toFixed(4)), bestObjective: Number(best.toFixed(4)) });
    }
    at(end, { type: 'job.completed', jobId, outcome: fails ? 'failed' : 'succeeded' });
    return out;
  }
}
