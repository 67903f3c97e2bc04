// Collector: model inference latency, outcomes and rolling accuracy.
import type { Collector } from '@vigil/exporter-kit';
import type { TradingState } from '../trading-state.js';

export function modelsCollector(state: TradingState, now: () => number): Collector {
  return { name: 'models', collect: () => state.models.families(now()) };
}
