// Collector: strategy signals and backtest results.
import type { Collector } from '@vigil/exporter-kit';
import type { TradingState } from '../trading-state.js';

export function strategiesCollector(state: TradingState): Collector {
  return { name: 'strategies', collect: () => state.strategies.families() };
}
