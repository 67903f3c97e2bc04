// Collector: research and optimisation jobs (queued, running, stalled, progress, durations).
import type { Collector } from '@vigil/exporter-kit';
import type { TradingState } from '../trading-state.js';

export function jobsCollector(state: TradingState, now: () => number): Collector {
  return { name: 'jobs', collect: () => state.jobs.families(now()) };
}
