// The states an order went through, in event-time order, from what the order table knows once it is final:
// submitted → [acknowledged] → [partially_filled] → filled | canceled | rejected | expired. The flow diagram of
// the trade-flow panel is drawn from the transitions between consecutive states.
import type { FinalStatus } from '../metrics/order-metrics.js';

export type OrderState = 'submitted' | 'acknowledged' | 'partially_filled' | FinalStatus;

export const FINAL_STATUSES: readonly FinalStatus[] = ['filled', 'canceled', 'rejected', 'expired'];

export interface PathFacts {
  final: FinalStatus;
  /** Event time of the final status (the completing fill's for `filled`). */
  endTs: number;
  /** Event time of the ack; NaN without one. */
  ackTs: number;
  /** Event time of the first fill; NaN without fills. */
  firstFillTs: number;
  /** A fill before the end that did not itself end the order (for `filled`: strictly before the completing fill). */
  partiallyFilled: boolean;
}

/**
 * The states in order. An ack later than the end (a straggler), or later than the first fill (the venue filled
 * before acknowledging), is left out: states only move forward.
 */
export function orderPath(f: PathFacts): OrderState[] {
  const path: OrderState[] = ['submitted'];
  const acked = f.ackTs <= f.endTs && !(f.partiallyFilled && f.ackTs > f.firstFillTs);
  if (acked) path.push('acknowledged');
  if (f.partiallyFilled) path.push('partially_filled');
  path.push(f.final);
  return path;
}

/** Every (from, to) pair orderPath() can produce: 15, from every combination of final status, ack and partial fill. */
export const ORDER_TRANSITIONS: ReadonlyArray<readonly [OrderState, OrderState]> = (() => {
  const pairs = new Map<string, readonly [OrderState, OrderState]>();
  for (const final of FINAL_STATUSES) {
    for (const partiallyFilled of [false, true]) {
      for (const ackTs of [0, NaN]) {
        const path = orderPath({ final, endTs: 2, ackTs, firstFillTs: 1, partiallyFilled });
        for (let i = 1; i < path.length; i++) pairs.set(`${path[i - 1]} ${path[i]}`, [path[i - 1], path[i]]);
      }
    }
  }
  return [...pairs.values()];
})();
