// The journal's own metric families (vigil_alert_journal_ prefix), registered in the exporter's registry.
import { Counter, Histogram, type Registry } from 'prom-client';

export interface JournalMetrics {
  webhooksReceived: Counter<'status'>;
  alertsReceived: Counter;
  alertsDeduplicated: Counter;
  occurrencesStored: Counter<'change'>;
  truncatedAlerts: Counter;
  storeWriteDuration: Histogram;
  storeWriteFailures: Counter;
  badRequests: Counter<'route'>;
  unauthorized: Counter<'route'>;
  relayAttempts: Counter<'channel' | 'outcome'>;
  relayFailures: Counter<'channel'>;
  relaySuppressed: Counter<'channel'>;
  reportsSent: Counter<'sink' | 'outcome'>;
  pruned: Counter;
  serviceAlerts: Counter<'severity' | 'outcome'>;
  upstreamErrors: Counter<'upstream'>;
}

export function createMetrics(ns: string, registry: Registry): JournalMetrics {
  const r = [registry];
  return {
    webhooksReceived: new Counter({ name: `${ns}_notifications_received_total`, help: 'Alertmanager webhook notifications received, by outcome (stored, rejected, failed).', labelNames: ['status'], registers: r }),
    alertsReceived: new Counter({ name: `${ns}_alerts_received_total`, help: 'Alerts contained in stored webhook notifications.', registers: r }),
    alertsDeduplicated: new Counter({ name: `${ns}_alerts_deduplicated_total`, help: 'Alerts repeating an already stored notification of the same firing period.', registers: r }),
    occurrencesStored: new Counter({ name: `${ns}_occurrences_stored_total`, help: 'Occurrence changes written: opened or resolved.', labelNames: ['change'], registers: r }),
    truncatedAlerts: new Counter({ name: `${ns}_alerts_truncated_total`, help: 'Alerts Alertmanager left out of notifications (truncatedAlerts).', registers: r }),
    storeWriteDuration: new Histogram({ name: `${ns}_store_write_duration_seconds`, help: 'Time to commit one webhook to the store (fsync included).', buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers: r }),
    storeWriteFailures: new Counter({ name: `${ns}_store_write_failures_total`, help: 'Webhooks that could not be written (answered 5xx so Alertmanager retries).', registers: r }),
    badRequests: new Counter({ name: `${ns}_bad_requests_total`, help: 'Requests rejected with a 4xx for bad input, by route.', labelNames: ['route'], registers: r }),
    unauthorized: new Counter({ name: `${ns}_unauthorized_requests_total`, help: 'Requests rejected for a missing or wrong credential, by route.', labelNames: ['route'], registers: r }),
    relayAttempts: new Counter({ name: `${ns}_relay_attempts_total`, help: 'Relay delivery attempts by channel and outcome.', labelNames: ['channel', 'outcome'], registers: r }),
    relayFailures: new Counter({ name: `${ns}_relay_failures_total`, help: 'Relayed messages given up after every attempt failed, by channel.', labelNames: ['channel'], registers: r }),
    relaySuppressed: new Counter({ name: `${ns}_relay_cooldown_suppressed_total`, help: 'Relayed messages skipped because the route was cooling down.', labelNames: ['channel'], registers: r }),
    reportsSent: new Counter({ name: `${ns}_reports_sent_total`, help: 'Daily reports sent, by sink and outcome.', labelNames: ['sink', 'outcome'], registers: r }),
    pruned: new Counter({ name: `${ns}_occurrences_pruned_total`, help: 'Occurrences deleted by retention.', registers: r }),
    serviceAlerts: new Counter({ name: `${ns}_service_alerts_total`, help: 'Alerts services posted to POST /api/v1/alerts, by severity and outcome (forwarded to Alertmanager, or failed there); bad ones are in bad_requests_total.', labelNames: ['severity', 'outcome'], registers: r }),
    upstreamErrors: new Counter({ name: `${ns}_upstream_errors_total`, help: 'Calls to Prometheus or Alertmanager that failed (unreachable, no answer in time, an error status), by upstream; health checks included.', labelNames: ['upstream'], registers: r }),
  };
}
