// GET /api/v1/alerts/history: occurrences, newest first, with filters and cursor paging; /alerts/history.csv the same as CSV.
import type { Router } from 'express';
import type { ApiDeps } from './deps.js';
import { badRequest } from './errors.js';
import { queryHistory } from '../store/history-query.js';
import { occurrencesCsv } from '../insights/csv.js';
import { intInRange, isoTime, oneOf, query } from './validate.js';

const FILTERS = ['alertname', 'severity', 'service', 'venue', 'fingerprint', 'status', 'start_time', 'end_time', 'limit', 'cursor'];
export const CSV_MAX_ROWS = 10_000;

function historyPage(deps: ApiDeps, raw: Record<string, unknown>, maxLimit: number, defaultLimit: number) {
  const q = query(raw, FILTERS);
  const from = isoTime(q.start_time, 'start_time');
  const to = isoTime(q.end_time, 'end_time');
  if (from !== undefined && to !== undefined && to < from) throw badRequest('end_time', 'must not be before start_time');
  if (q.cursor !== undefined && !/^\d+$/.test(q.cursor)) throw badRequest('cursor', 'expected the next_cursor of a previous page');
  return queryHistory(deps.store.db, {
    alertname: q.alertname,
    severity: q.severity,
    service: q.service,
    venue: q.venue,
    fingerprint: q.fingerprint,
    status: oneOf(q.status, 'status', ['firing', 'resolved'] as const),
    from,
    to,
    limit: intInRange(q.limit, 'limit', 1, maxLimit, defaultLimit),
    cursor: q.cursor === undefined ? undefined : Number(q.cursor),
  });
}

export function mountHistory(router: Router, deps: ApiDeps): void {
  router.get('/alerts/history', (req, res) => {
    res.json(historyPage(deps, req.query as Record<string, unknown>, 1000, 100));
  });
  // The same filters as CSV, up to 10,000 rows per file; next_cursor continues in the X-Next-Cursor header.
  router.get('/alerts/history.csv', (req, res) => {
    const page = historyPage(deps, req.query as Record<string, unknown>, CSV_MAX_ROWS, CSV_MAX_ROWS);
    if (page.next_cursor !== null) res.setHeader('X-Next-Cursor', page.next_cursor);
    res.setHeader('Content-Disposition', 'attachment; filename="alert-history.csv"');
    res.type('text/csv; charset=utf-8').send(occurrencesCsv(page.occurrences));
  });
}
