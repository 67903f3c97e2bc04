// POST /api/v1/alerts: an alert raised by a platform service (not by a Prometheus rule), validated and handed to
// Alertmanager's API v2 the way Prometheus hands over its alerts, so routing, grouping, inhibition, silences,
// relays and the journal's history (through the webhook) apply to it unchanged.
import type { Router } from 'express';
import type { AmPostableAlert } from '../clients/alertmanager.js';
import type { ApiDeps } from './deps.js';
import { alertFingerprint } from './alert-fingerprint.js';
import { badRequest } from './errors.js';
import { labelMap, objectBody, optionalString, requiredString } from './validate.js';

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
const ALERT_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_LABELS = 32;
/** A start further ahead than this is a clock or unit mistake (e.g. seconds sent as milliseconds). */
const MAX_FUTURE_MS = 5 * 60_000;

function time(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' && RFC3339.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw badRequest(field, `expected an RFC 3339 time with a zone such as 2026-01-02T15:04:05Z, got ${JSON.stringify(value)}`);
  return ms;
}

/** The validated alert in Alertmanager's shape, or a 400 naming the first bad field. */
export function parseServiceAlert(raw: unknown, now = Date.now()): AmPostableAlert & { labels: Record<string, string> } {
  const body = objectBody(raw, ['name', 'severity', 'labels', 'annotations', 'startsAt', 'endsAt', 'generatorURL']);
  const name = requiredString(body, 'name', 200);
  if (!ALERT_NAME.test(name)) throw badRequest('name', `expected an alert name such as OrderGatewayDown ([a-zA-Z_:][a-zA-Z0-9_:]*), got ${JSON.stringify(name)}`);
  const severity = requiredString(body, 'severity', 20);
  if (!(SEVERITIES as readonly string[]).includes(severity)) throw badRequest('severity', `expected one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(severity)}`);
  const labels = body.labels === undefined ? {} : labelMap(body.labels, 'labels', { example: '{"service": "orders", "venue": "binance"}', maxEntries: MAX_LABELS, maxValue: 1024 });
  const internal = Object.keys(labels).find((k) => k.startsWith('__'));
  if (internal) throw badRequest(`labels.${internal}`, 'label names starting with __ are reserved for Prometheus internals');
  for (const reserved of ['alertname', 'severity']) {
    if (reserved in labels) throw badRequest(`labels.${reserved}`, `set by the ${reserved === 'alertname' ? 'name' : 'severity'} field, not as a label`);
  }
  const annotations = body.annotations === undefined ? undefined : labelMap(body.annotations, 'annotations', { example: '{"summary": "...", "runbook_url": "..."}', maxEntries: MAX_LABELS, maxValue: 10_000 });
  const startsAt = time(body.startsAt, 'startsAt');
  const endsAt = time(body.endsAt, 'endsAt');
  if (startsAt !== undefined && startsAt > now + MAX_FUTURE_MS) throw badRequest('startsAt', 'must not be more than 5 minutes in the future');
  if (startsAt !== undefined && endsAt !== undefined && endsAt < startsAt) throw badRequest('endsAt', 'must not be before startsAt');
  const generatorURL = optionalString(body, 'generatorURL', 2000);
  if (generatorURL !== undefined && !/^https?:\/\/[^\s]+$/.test(generatorURL)) throw badRequest('generatorURL', 'expected an http(s) URL');
  return {
    labels: { alertname: name, severity, ...labels },
    ...(annotations ? { annotations } : {}),
    ...(startsAt !== undefined ? { startsAt: new Date(startsAt).toISOString() } : {}),
    ...(endsAt !== undefined ? { endsAt: new Date(endsAt).toISOString() } : {}),
    ...(generatorURL ? { generatorURL } : {}),
  };
}

export function mountServiceAlert(router: Router, deps: ApiDeps): void {
  router.post('/alerts', async (req, res) => {
    const alert = parseServiceAlert(req.body);
    const severity = alert.labels.severity;
    try {
      await deps.alertmanager.postAlerts([alert]);
    } catch (err) {
      deps.metrics.serviceAlerts.inc({ severity, outcome: 'failed' });
      throw err;
    }
    deps.metrics.serviceAlerts.inc({ severity, outcome: 'forwarded' });
    const resolved = alert.endsAt !== undefined && Date.parse(alert.endsAt) <= Date.now();
    const fingerprint = alertFingerprint(alert.labels);
    req.log.info({ fingerprint, alertname: alert.labels.alertname, severity, resolved }, 'service alert forwarded to Alertmanager');
    res.status(202).json({ fingerprint, status: resolved ? 'resolved' : 'firing', ...alert });
  });
}
