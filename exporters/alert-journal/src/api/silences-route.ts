// POST /api/v1/alerts/silence creates a real Alertmanager silence; DELETE /api/v1/alerts/silence/{id} expires it.
import type { Router } from 'express';
import type { ApiDeps } from './deps.js';
import { ApiError, badRequest } from './errors.js';
import { HEARTBEAT_ALERT, MISSING_ALERT } from '../watchdog-monitor.js';
import { labelMap, objectBody, requiredString } from './validate.js';
import { UpstreamError } from '../clients/http-json.js';

export const MAX_SILENCE_MINUTES = 30 * 24 * 60;
export function parseMatcher(value: unknown): Record<string, string> {
  const matcher = labelMap(value, 'matcher', { example: '{"alertname": "HighLatency"}', maxEntries: 64, maxValue: 1024 });
  if (Object.keys(matcher).length === 0) throw badRequest('matcher', 'must not be empty: an empty matcher would silence every alert');
  return matcher;
}

export function parseDurationMinutes(value: unknown): number {
  if (value === undefined) throw badRequest('duration_minutes', 'is required');
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest('duration_minutes', `expected a number, got ${JSON.stringify(value)}`);
  if (value <= 0 || value > MAX_SILENCE_MINUTES) throw badRequest('duration_minutes', `expected more than 0 and at most ${MAX_SILENCE_MINUTES} (30 days), got ${value}`);
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function mountSilences(router: Router, deps: ApiDeps): void {
  router.post('/alerts/silence', async (req, res) => {
    const body = objectBody(req.body, ['matcher', 'duration_minutes', 'created_by', 'comment']);
    const matcher = parseMatcher(body.matcher);
    if (deps.watchdog.mutedBy(matcher)) {
      throw badRequest('matcher', `matches ${HEARTBEAT_ALERT}, the always-firing heartbeat: silenced, it stops reaching the journal, which then raises ${MISSING_ALERT} (critical) within --watchdog.timeout; name the alerts to silence more narrowly`);
    }
    const minutes = parseDurationMinutes(body.duration_minutes);
    const createdBy = requiredString(body, 'created_by', 200);
    const comment = requiredString(body, 'comment', 2000);
    const startsAt = new Date();
    const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
    const matchers = Object.entries(matcher).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
    const id = await deps.alertmanager.createSilence(matchers, startsAt, endsAt, createdBy, comment);
    req.log.info({ silenceId: id, matcher, createdBy }, 'silence created');
    res.status(201).json({ id, matcher, starts_at: startsAt.toISOString(), ends_at: endsAt.toISOString(), created_by: createdBy, comment });
  });

  router.delete('/alerts/silence/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!UUID.test(id)) throw badRequest('id', `expected an Alertmanager silence id (UUID), got ${JSON.stringify(id)}`);
    try {
      await deps.alertmanager.expireSilence(id);
    } catch (err) {
      // Alertmanager 0.25 answers 500 "silence not found" (newer releases 404).
      if (err instanceof UpstreamError && (err.status === 404 || /silence not found/.test(err.body ?? ''))) {
        throw new ApiError(404, `silence ${id} not found in Alertmanager`);
      }
      throw err;
    }
    req.log.info({ silenceId: id }, 'silence expired');
    res.json({ id, status: 'expired' });
  });
}
