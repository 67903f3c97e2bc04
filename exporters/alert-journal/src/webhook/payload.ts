// Alertmanager's webhook payload (version "4"), validated field by field so a bad payload gets a 400
// naming the field and nothing is written.
export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  endsAt: number | undefined;
  generatorURL: string;
  fingerprint: string;
}

export interface WebhookPayload {
  version: string;
  groupKey: string;
  truncatedAlerts: number;
  status: 'firing' | 'resolved';
  receiver: string;
  alerts: WebhookAlert[];
}

export class PayloadError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringMap(v: unknown, field: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw new PayloadError(field, 'expected an object of strings');
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string') throw new PayloadError(`${field}.${k}`, 'expected a string');
  }
  return v as Record<string, string>;
}

function status(v: unknown, field: string): 'firing' | 'resolved' {
  if (v === 'firing' || v === 'resolved') return v;
  throw new PayloadError(field, `expected "firing" or "resolved", got ${JSON.stringify(v)}`);
}

// Go's zero time (0001-01-01T00:00:00Z) means "not set" in Alertmanager payloads.
function time(v: unknown, field: string, optional: boolean): number | undefined {
  if ((v === undefined || v === '') && optional) return undefined;
  if (typeof v !== 'string') throw new PayloadError(field, 'expected an RFC 3339 timestamp');
  if (v.startsWith('0001-01-01')) {
    if (optional) return undefined;
    throw new PayloadError(field, 'must be set');
  }
  const ms = Date.parse(v);
  if (!Number.isFinite(ms)) throw new PayloadError(field, `expected an RFC 3339 timestamp, got ${JSON.stringify(v)}`);
  return ms;
}

export function parseWebhookPayload(body: unknown): WebhookPayload {
  if (!isObject(body)) throw new PayloadError('body', 'expected a JSON object (Alertmanager webhook payload)');
  if (body.version !== '4') throw new PayloadError('version', `expected "4", got ${JSON.stringify(body.version)}`);
  if (!Array.isArray(body.alerts)) throw new PayloadError('alerts', 'expected an array');
  const truncated = body.truncatedAlerts ?? 0;
  if (typeof truncated !== 'number' || !Number.isInteger(truncated) || truncated < 0) {
    throw new PayloadError('truncatedAlerts', 'expected a non-negative integer');
  }
  const alerts = body.alerts.map((a: unknown, i: number): WebhookAlert => {
    const f = `alerts[${i}]`;
    if (!isObject(a)) throw new PayloadError(f, 'expected an object');
    const labels = stringMap(a.labels, `${f}.labels`);
    if (!labels.alertname) throw new PayloadError(`${f}.labels.alertname`, 'must be a non-empty string');
    if (typeof a.fingerprint !== 'string' || !/^[0-9a-f]{1,64}$/.test(a.fingerprint)) {
      throw new PayloadError(`${f}.fingerprint`, 'expected Alertmanager\'s hexadecimal fingerprint');
    }
    return {
      status: status(a.status, `${f}.status`),
      labels,
      annotations: stringMap(a.annotations, `${f}.annotations`),
      startsAt: time(a.startsAt, `${f}.startsAt`, false) as number,
      endsAt: time(a.endsAt, `${f}.endsAt`, true),
      generatorURL: typeof a.generatorURL === 'string' ? a.generatorURL : '',
      fingerprint: a.fingerprint,
    };
  });
  return {
    version: '4',
    groupKey: typeof body.groupKey === 'string' ? body.groupKey : '',
    truncatedAlerts: truncated,
    status: status(body.status, 'status'),
    receiver: typeof body.receiver === 'string' ? body.receiver : '',
    alerts,
  };
}
