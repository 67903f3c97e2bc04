// The alert list renders its groups up to a budget of rows and more on demand (scrolling to the end, or the
// "Show more" button): 5,000 alerts in 500 groups render as fast as the first screenful, not all rows at once.
import type { AlertGroup } from './alerts';

/** Rows of a page, added by each "show more": two screenfuls and more (a row is ≈ 90 px high). */
export const PAGE_ROWS = 25;

/** A typical row's height in px (summary and action buttons); a list's first paint renders the rows this fills. */
export const ROW_PX = 80;

/** Rows that fill a window `height` px high at ROW_PX each (at least one, at most a page). */
export function viewportRows(height: number): number {
  return Math.min(PAGE_ROWS, Math.max(1, Math.ceil(height / ROW_PX)));
}

export interface PagedGroups {
  groups: AlertGroup[];
  /** Alerts not rendered yet. */
  hidden: number;
}

/**
 * The groups in order, truncated after `budget` alerts (the last group shown may be partial; its header still
 * counts all its alerts). The budget grows to reach `mustShow` (a selected alert from the URL).
 */
export function pageGroups(groups: AlertGroup[], budget: number, mustShow?: string): PagedGroups {
  let need = budget;
  if (mustShow) {
    let at = 0;
    for (const g of groups) {
      const i = g.alerts.findIndex((a) => a.fingerprint === mustShow);
      if (i >= 0) {
        need = Math.max(need, at + i + 1);
        break;
      }
      at += g.alerts.length;
    }
  }
  const out: AlertGroup[] = [];
  let left = need;
  let hidden = 0;
  for (const g of groups) {
    if (left <= 0) {
      hidden += g.alerts.length;
      continue;
    }
    const alerts = g.alerts.length <= left ? g.alerts : g.alerts.slice(0, left);
    hidden += g.alerts.length - alerts.length;
    left -= alerts.length;
    out.push(alerts === g.alerts ? g : { ...g, alerts });
  }
  return { groups: out, hidden };
}
