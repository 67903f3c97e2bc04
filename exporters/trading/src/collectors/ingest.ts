// Collector: the exporter's ingest bookkeeping and the open-order table's size.
import type { Collector } from '@vigil/exporter-kit';
import type { TradingState } from '../trading-state.js';

export function ingestCollector(state: TradingState): Collector {
  return { name: 'ingest', collect: () => state.ingest.families(state.orders.openOrders, state.orders.pendingEvents) };
}
