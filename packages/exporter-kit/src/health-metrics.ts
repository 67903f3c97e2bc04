// The health checks behind /health as metric families, run at scrape time: Prometheus then sees each
// dependency's state (healthy/degraded/unhealthy) and can alert on a degraded one, not only on `up`.
import { healthStateSamples, type HealthReport, type HealthChecks } from '@vigil/core';
import type { MetricFamily } from './exposition.js';

export function healthFamilies(namespace: string, report: HealthReport, checks: HealthChecks): MetricFamily[] {
  const states = healthStateSamples(report, checks);
  return [
    {
      name: `${namespace}_health_check_status`,
      help: 'State of each health check (a state set: 1 for its current state, 0 for the others); critical="false" checks only degrade the service.',
      type: 'gauge',
      samples: states.checks.map((s) => ({
        labels: { check: s.check!, critical: String(s.critical), state: s.state },
        value: s.value,
      })),
    },
    {
      name: `${namespace}_health_check_duration_seconds`,
      help: 'How long each health check took at the last scrape, in seconds.',
      type: 'gauge',
      samples: Object.entries(report.checks).map(([check, r]) => ({ labels: { check }, value: r.duration_seconds })),
    },
    {
      name: `${namespace}_health_status`,
      help: 'Overall health as /health reports it (a state set: 1 for the current state).',
      type: 'gauge',
      samples: states.overall.map((s) => ({ labels: { state: s.state }, value: s.value })),
    },
  ];
}
