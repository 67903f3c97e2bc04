// Collector: portfolio value, peak and drawdown per account.
import type { Collector } from '@vigil/exporter-kit';
import type { TradingState } from '../trading-state.js';

export function portfolioCollector(state: TradingState): Collector {
  return { name: 'portfolio', collect: () => state.portfolio.families() };
}
