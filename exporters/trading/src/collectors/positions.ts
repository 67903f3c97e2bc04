// Collector: positions, P&L and balances from snapshots.
import type { Collector } from '@vigil/exporter-kit';
import type { TradingState } from '../trading-state.js';

export function positionsCollector(state: TradingState): Collector {
  return { name: 'positions', collect: () => state.positions.families() };
}
