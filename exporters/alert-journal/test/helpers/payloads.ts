// Alertmanager webhook payloads (version 4) as Alertmanager 0.25 sends them.
export interface AlertSpec {
  alertname?: string;
  fingerprint: string;
  status?: 'firing' | 'resolved';
  startsAt: string;
  endsAt?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function webhookPayload(alerts: AlertSpec[], extra: Record<string, unknown> = {}) {
  const status = alerts.some((a) => (a.status ?? 'firing') === 'firing') ? 'firing' : 'resolved';
  return {
    version: '4',
    groupKey: '{}:{alertname="X"}',
    truncatedAlerts: 0,
    status,
    receiver: 'journal',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://am.example:9093',
    alerts: alerts.map((a) => ({
      status: a.status ?? 'firing',
      labels: { alertname: a.alertname ?? 'HighLatency', severity: 'warning', service: 'orders', venue: 'binance', ...a.labels },
      annotations: { summary: 'p99 above 250ms', ...a.annotations },
      startsAt: a.startsAt,
      endsAt: a.endsAt ?? '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.example/graph',
      fingerprint: a.fingerprint,
    })),
    ...extra,
  };
}

export async function postWebhook(url: string, payload: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/v1/alertmanager`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
