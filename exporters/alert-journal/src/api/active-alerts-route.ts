// GET /api/v1/alerts: the active alerts from Alertmanager's API v2, merged with the journal's state
// (silenced, inhibited, acknowledged, owner).
import type { Router } from 'express';
import type { ApiDeps } from './deps.js';
import { oneOf, query } from './validate.js';

export const ALERT_STATUSES = ['firing', 'silenced', 'inhibited', 'acknowledged'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface ActiveAlert {
  id: string;
  alertname: string;
  severity: string;
  service: string;
  venue: string;
  description: string;
  start_time: string;
  status: AlertStatus;
  silenced: boolean;
  acknowledged: boolean;
  owner: string | null;
  labels: Record<string, string>;
}

export function mountActiveAlerts(router: Router, deps: ApiDeps): void {
  router.get('/alerts', async (req, res) => {
    const q = query(req.query as Record<string, unknown>, ['severity', 'service', 'status', 'venue']);
    const status = oneOf(q.status, 'status', ALERT_STATUSES);
    const [amAlerts, acks] = [await deps.alertmanager.alerts(), deps.store.openAcks()];
    const alerts: ActiveAlert[] = amAlerts.map((a) => {
      const ack = acks.get(a.fingerprint);
      const silenced = a.status.silencedBy.length > 0;
      const s: AlertStatus = ack ? 'acknowledged' : silenced ? 'silenced' : a.status.inhibitedBy.length > 0 ? 'inhibited' : 'firing';
      return {
        id: a.fingerprint,
        alertname: a.labels.alertname ?? '',
        severity: a.labels.severity ?? '',
        service: a.labels.service ?? a.labels.job ?? '',
        venue: a.labels.venue ?? '',
        description: a.annotations.description ?? a.annotations.summary ?? '',
        start_time: a.startsAt,
        status: s,
        silenced,
        acknowledged: Boolean(ack),
        owner: ack?.owner ?? null,
        labels: a.labels,
      };
    });
    const filtered = alerts.filter(
      (a) =>
        (q.severity === undefined || a.severity === q.severity) &&
        (q.service === undefined || a.service === q.service) &&
        (q.venue === undefined || a.venue === q.venue) &&
        (status === undefined || a.status === status),
    );
    filtered.sort((a, b) => b.start_time.localeCompare(a.start_time) || a.id.localeCompare(b.id));
    res.json({ alerts: filtered });
  });
}
