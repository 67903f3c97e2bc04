// Collector: the exporter's ingest bookkeeping, the open-order table's size, the ingest workers in use and
// the label-set budgets.
import type { Collector } from '@vigil/exporter-kit';
import type { TradingState } from '../trading-state.js';

export function ingestCollector(state: TradingState, workersInUse: () => number = () => 0): Collector {
  return { name: 'ingest', collect: () => [...state.ingest.families(state.orders.openOrders, state.orders.pendingEvents, workersInUse()), ...state.budgetMetrics.families()] };
}
