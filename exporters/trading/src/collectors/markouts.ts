// Collector: fill markouts and the quotes they read. Measures the horizons that came due before rendering.
import type { Collector } from '@vigil/exporter-kit';
import type { TradingState } from '../trading-state.js';

export function markoutsCollector(state: TradingState, now: () => number): Collector {
  return {
    name: 'markouts',
    collect: () => {
      state.markouts.sweep(now());
      return state.markoutMetrics.families(state.markouts.pending);
    },
  };
}
