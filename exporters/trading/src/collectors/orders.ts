// Collector: order lifecycle families. Finalizes orders whose grace period ended before rendering.
import type { Collector } from '@vigil/exporter-kit';
import type { TradingState } from '../trading-state.js';

export function ordersCollector(state: TradingState, now: () => number): Collector {
  return {
    name: 'orders',
    collect: () => {
      state.orders.sweep(now());
      return state.orderMetrics.families();
    },
  };
}
