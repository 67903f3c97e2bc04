// prom-client's getMetricsAsJSON() → MetricFamily, for rendering prom-client metrics as OpenMetrics.
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { MetricFamily, MetricType } from './exposition.js';

type AnyMetric = MetricObjectWithValues<MetricValue<string>>;

export function promClientToFamilies(metrics: AnyMetric[]): MetricFamily[] {
  return metrics.map((m) => ({
    name: m.name,
    help: m.help,
    type: String(m.type) as MetricType,
    samples: m.values.map((v) => {
      const labels: Record<string, string> = {};
      for (const [k, val] of Object.entries(v.labels ?? {})) {
        if (val !== undefined) labels[k] = k === 'le' && val === Infinity ? '+Inf' : String(val);
      }
      return { name: (v as { metricName?: string }).metricName, labels, value: v.value };
    }),
  }));
}
