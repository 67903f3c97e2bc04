// Reject reasons, largest first, with their share of all rejects and of submitted orders.
import type { Sample } from './frames';
import { labelOf, sumBy } from './selection';

export interface RejectReason {
  reason: string;
  count: number;
  /** Share of all rejects. */
  share: number;
  /** Count by venue, largest first, for the hover. */
  byVenue: Array<{ venue: string; count: number }>;
}

export function rejectReasons(rejects: readonly Sample[]): RejectReason[] {
  const byReason = sumBy(rejects, (l) => labelOf(l, 'reason') || '(no reason)');
  const byPair = sumBy(
    rejects,
    (l) => `${labelOf(l, 'reason') || '(no reason)'}\u0000${labelOf(l, 'venue')}`,
  );
  const total = [...byReason.values()].reduce((s, v) => s + v, 0);
  return [...byReason]
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => ({
      reason,
      count,
      share: total > 0 ? count / total : 0,
      byVenue: [...byPair]
        .filter(([k, c]) => k.startsWith(`${reason}\u0000`) && c > 0)
        .map(([k, c]) => ({ venue: k.slice(reason.length + 1), count: c }))
        .sort((a, b) => b.count - a.count || a.venue.localeCompare(b.venue)),
    }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
