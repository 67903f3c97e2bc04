// Collector: exposure, limit utilisation and value at risk from position snapshots.
import type { Collector } from '@vigil/exporter-kit';
import type { TradingState } from '../trading-state.js';

export function riskCollector(state: TradingState): Collector {
  return { name: 'risk', collect: () => state.risk.families() };
}
