// prom-client's getMetricsAsJSON() → MetricFamily, for rendering prom-client metrics as OpenMetrics.
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { Exemplar, MetricFamily, MetricType } from './exposition.js';

type AnyMetric = MetricObjectWithValues<MetricValue<string>>;

/** prom-client's exemplar of a bucket (histograms made with enableExemplars); its timestamp is in seconds. */
interface PromExemplar {
  labelSet: Record<string, string | number>;
  value: number | null;
  timestamp?: number;
}

function toExemplar(ex: PromExemplar): Exemplar {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(ex.labelSet)) labels[k] = String(v);
  return { labels, value: ex.value as number, ...(ex.timestamp !== undefined ? { timestampMs: ex.timestamp * 1000 } : {}) };
}

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
      const ex = (v as { exemplar?: PromExemplar | null }).exemplar;
      const exemplar = ex && ex.value !== null && Object.keys(ex.labelSet).length > 0 ? toExemplar(ex) : undefined;
      return { name: (v as { metricName?: string }).metricName, labels, value: v.value, ...(exemplar ? { exemplar } : {}) };
    }),
  }));
}
