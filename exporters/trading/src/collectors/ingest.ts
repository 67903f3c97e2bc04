// Collector: the exporter's ingest bookkeeping, the open-order table's size, the ingest workers in use, the
// label-set budgets and the requests and bytes in flight.
import type { Collector } from '@vigil/exporter-kit';
import type { InFlight } from '../ingest/in-flight.js';
import type { TradingState } from '../trading-state.js';

export function ingestCollector(state: TradingState, workersInUse: () => number = () => 0, inFlight?: InFlight): Collector {
  return {
    name: 'ingest',
    collect: () => [
      ...state.ingest.families(state.orders.openOrders, state.orders.pendingEvents, workersInUse()),
      ...state.budgetMetrics.families(),
      ...(inFlight?.families() ?? []),
    ],
  };
}
