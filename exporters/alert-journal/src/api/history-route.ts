// GET /api/v1/alerts/history: occurrences, newest first, with filters and cursor paging.
import type { Router } from 'express';
import type { ApiDeps } from './deps.js';
import { badRequest } from './errors.js';
import { queryHistory } from '../store/history-query.js';
import { intInRange, isoTime, oneOf, query } from './validate.js';

export function mountHistory(router: Router, deps: ApiDeps): void {
  router.get('/alerts/history', (req, res) => {
    const q = query(req.query as Record<string, unknown>, ['alertname', 'severity', 'service', 'venue', 'fingerprint', 'status', 'start_time', 'end_time', 'limit', 'cursor']);
    const from = isoTime(q.start_time, 'start_time');
    const to = isoTime(q.end_time, 'end_time');
    if (from !== undefined && to !== undefined && to < from) throw badRequest('end_time', 'must not be before start_time');
    if (q.cursor !== undefined && !/^\d+$/.test(q.cursor)) throw badRequest('cursor', 'expected the next_cursor of a previous page');
    const page = queryHistory(deps.store.db, {
      alertname: q.alertname,
      severity: q.severity,
      service: q.service,
      venue: q.venue,
      fingerprint: q.fingerprint,
      status: oneOf(q.status, 'status', ['firing', 'resolved'] as const),
      from,
      to,
      limit: intInRange(q.limit, 'limit', 1, 1000, 100),
      cursor: q.cursor === undefined ? undefined : Number(q.cursor),
    });
    res.json(page);
  });
}
