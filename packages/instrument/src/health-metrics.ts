// The service's health checks as metrics, run when the registry is scraped (bounded by each check's timeout):
//   <namespace>_health_check_status{service,check,critical,state}  state set, 1 for the current state
//   <namespace>_health_status{service,state}                        the overall /health status, same shape
// the exporters' shape (@vigil/exporter-kit), so one alert rule reads both.
import { Gauge, type Registry } from 'prom-client';
import { healthStateSamples, type HealthChecks } from '@vigil/core';

export interface HealthMetricsOptions {
  registry: Registry;
  checks: HealthChecks;
  /** The `service` label, as in httpMetrics. */
  service: string;
  version?: string;
  /** Metric name prefix (default `service`). */
  namespace?: string;
}

export function healthMetrics(opts: HealthMetricsOptions): void {
  const ns = opts.namespace ?? 'service';
  const startedAt = Date.now();
  const service = opts.service;
  // Both gauges read one run of the checks per scrape: a run started less than a second ago is shared.
  let shared: { at: number; rows: Promise<ReturnType<typeof healthStateSamples>> } | undefined;
  const sample = () => {
    const now = performance.now();
    if (!shared || now - shared.at > 1000) {
      shared = { at: now, rows: opts.checks.run(opts.version ?? 'unknown', startedAt).then((r) => healthStateSamples(r, opts.checks)) };
    }
    return shared.rows;
  };
  new Gauge({
    name: `${ns}_health_check_status`,
    help: 'State of each health check (a state set: 1 for its current state, 0 for the others); critical="false" checks only degrade the service.',
    labelNames: ['service', 'check', 'critical', 'state'],
    registers: [opts.registry],
    async collect() {
      const rows = await sample();
      this.reset();
      for (const r of rows.checks) this.set({ service, check: r.check!, critical: String(r.critical), state: r.state }, r.value);
    },
  });
  new Gauge({
    name: `${ns}_health_status`,
    help: 'Overall health as /health reports it (a state set: 1 for the current state).',
    labelNames: ['service', 'state'],
    registers: [opts.registry],
    async collect() {
      const rows = await sample();
      this.reset();
      for (const r of rows.overall) this.set({ service, state: r.state }, r.value);
    },
  });
}
