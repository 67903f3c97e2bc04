// POST /api/v1/alerts/{id}/ack: records who owns the alert (and a ticket); optionally silences it in
// Alertmanager until it resolves (the silence is expired by the resolution sync).
import type { Router } from 'express';
import type { ApiDeps } from './deps.js';
import { ApiError, badRequest } from './errors.js';
import { MAX_SILENCE_MINUTES } from './silences-route.js';
import { objectBody, optionalBool, optionalString, requiredString } from './validate.js';
import { toOccurrence, type OccurrenceRow } from '../store/occurrence.js';
import { parseWebhookPayload } from '../webhook/payload.js';
import type { AckResult } from './wire-types.js';
import { HEARTBEAT_ALERT, MISSING_ALERT } from '../watchdog-monitor.js';

const FINGERPRINT = /^[0-9a-f]{1,64}$/;

/**
 * An alert GET /api/v1/alerts showed (it comes from Alertmanager) may predate the journal or have been muted
 * since it began, so no webhook brought it here: it is recorded from Alertmanager's view before the ack.
 */
async function adoptFromAlertmanager(deps: ApiDeps, fingerprint: string): Promise<OccurrenceRow | undefined> {
  const alert = (await deps.alertmanager.alerts()).find((a) => a.fingerprint === fingerprint);
  if (!alert) return undefined;
  const payload = parseWebhookPayload({
    version: '4',
    status: 'firing',
    receiver: 'api/ack',
    groupKey: '',
    alerts: [{ status: 'firing', labels: alert.labels, annotations: alert.annotations, startsAt: alert.startsAt, fingerprint, generatorURL: '' }],
  });
  deps.store.ingest(payload);
  deps.metrics.occurrencesStored.inc({ change: 'opened' });
  return deps.store.latestByFingerprint(fingerprint);
}

export function mountAck(router: Router, deps: ApiDeps): void {
  router.post('/alerts/:id/ack', async (req, res) => {
    const id = String(req.params.id);
    if (!FINGERPRINT.test(id)) throw badRequest('id', `expected an alert fingerprint (hexadecimal, as in GET /api/v1/alerts), got ${JSON.stringify(id)}`);
    const body = objectBody(req.body ?? {}, ['owner', 'ticket', 'comment', 'silence_until_resolved']);
    const owner = requiredString(body, 'owner', 200);
    const ticket = optionalString(body, 'ticket', 200);
    const comment = optionalString(body, 'comment', 2000);
    const silence = optionalBool(body, 'silence_until_resolved') ?? false;
    let occ = deps.store.latestByFingerprint(id);
    if (!occ || occ.status !== 'firing') occ = await adoptFromAlertmanager(deps, id);
    if (!occ) throw new ApiError(404, `no firing alert with id ${id} in the journal or in Alertmanager`);
    if (occ.acked_at !== null) throw new ApiError(409, `alert ${id} is already acknowledged by ${occ.acked_by}`);
    const labels = JSON.parse(occ.labels) as Record<string, string>;
    // Watchdog never resolves, and once silenced it no longer reaches the journal, which then pages MISSING_ALERT.
    if (silence && labels.alertname === HEARTBEAT_ALERT) {
      throw badRequest('silence_until_resolved', `${HEARTBEAT_ALERT} always fires: silenced until it resolves, it would stay muted for 30 days and the journal would raise ${MISSING_ALERT}`);
    }
    let silenceId: string | undefined;
    if (silence) {
      const matchers = Object.entries(labels).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
      // Alertmanager needs an end; the longest allowed stands for "until resolved".
      const now = new Date();
      silenceId = await deps.alertmanager.createSilence(
        matchers,
        now,
        new Date(now.getTime() + MAX_SILENCE_MINUTES * 60_000),
        owner,
        `acknowledged${ticket ? ` (${ticket})` : ''}${comment ? `: ${comment}` : ''}; ends when the alert resolves`,
      );
    }
    deps.store.acknowledge(occ.id, { owner, ticket, comment, silenceId });
    req.log.info({ fingerprint: id, owner, ticket, silenceId }, 'alert acknowledged');
    const stored = deps.store.byId(occ.id);
    const result: AckResult = { occurrence: toOccurrence(stored!), silence_id: silenceId ?? null };
    res.json(result);
  });
}
