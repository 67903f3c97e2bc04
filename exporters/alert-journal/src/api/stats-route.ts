// GET /api/v1/alerts/stats: per alert name, service, severity and venue over [start_time, end_time]
// (default: the last 7 days).
import type { Router } from 'express';
import type { ApiDeps } from './deps.js';
import { badRequest } from './errors.js';
import { occurrencesInRange } from '../store/history-query.js';
import { computeStats } from '../stats.js';
import { intInRange, isoTime, query } from './validate.js';

export function mountStats(router: Router, deps: ApiDeps): void {
  router.get('/alerts/stats', (req, res) => {
    const q = query(req.query as Record<string, unknown>, ['start_time', 'end_time', 'top']);
    const now = Date.now();
    const to = isoTime(q.end_time, 'end_time') ?? now;
    const from = isoTime(q.start_time, 'start_time') ?? to - 7 * 86_400_000;
    if (to < from) throw badRequest('end_time', 'must not be before start_time');
    const top = intInRange(q.top, 'top', 1, 100, 10);
    res.json(computeStats(occurrencesInRange(deps.store.db, from, to), from, to, now, top));
  });
}
