// The trading event model of POST /v1/events (DESIGN.md), after validation: timestamps are epoch ms and
// optional routing labels have their defaults. The types are generated from schema/events.ts; here are the
// groupings the code uses.
import { EVENT_TYPES, type OrderSubmitted, type TradingEvent } from './generated/events.js';

export * from './generated/events.js';

export type Side = OrderSubmitted['side'];
export type OrderEvent = Extract<TradingEvent, { type: `order.${string}` }>;
/** The events that end an order explicitly (a fill that completes the quantity ends it too). */
export type OrderEnded = Extract<OrderEvent, { type: 'order.canceled' | 'order.rejected' | 'order.expired' }>;

export const ORDER_EVENT_TYPES = EVENT_TYPES.filter((t): t is OrderEvent['type'] => t.startsWith('order.'));

export function isOrderEvent(e: TradingEvent): e is OrderEvent {
  return e.type.startsWith('order.');
}
