// POST /api/v1/reports/daily: builds the daily report now (of `date`, default today UTC) and sends it unless send=false.
import type { Router } from 'express';
import type { ApiDeps } from './deps.js';
import { badRequest } from './errors.js';
import { objectBody, optionalBool, optionalString } from './validate.js';

export function mountReports(router: Router, deps: ApiDeps): void {
  router.post('/reports/daily', async (req, res) => {
    const body = objectBody(req.body ?? {}, ['date', 'send']);
    const date = optionalString(body, 'date', 10) ?? new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isFinite(Date.parse(`${date}T00:00:00Z`))) throw badRequest('date', `expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
    const send = optionalBool(body, 'send') ?? true;
    const report = await deps.reporter.build(date);
    const sent = send ? await deps.reporter.send(report) : { email: 'not requested', slack: 'not requested' };
    res.json({ ...report, sent });
  });
}
