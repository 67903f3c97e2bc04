// The PromQL behind /api/v1/metrics/{service}?metric=<any metric name>: one series per service (the job label),
// shaped by the metric's type as Prometheus' metadata API reports it (the scraped `# TYPE`), or by its name's
// suffix when Prometheus has no metadata for it. The name and the job are validated before they reach PromQL.
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const AGGREGATIONS = ['sum', 'avg', 'min', 'max'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
/** Window of rate() and of histogram quantiles, as the platform's rules use. */
export const RATE_WINDOW = '5m';

/** The type from the name alone: `_total` counters, `_bucket` series of a histogram, gauges otherwise. */
export function typeFromName(name: string): { name: string; type: MetricType } {
  if (name.endsWith('_bucket')) return { name: name.slice(0, -'_bucket'.length), type: 'histogram' };
  if (/_(total|count|sum)$/.test(name)) return { name, type: 'counter' };
  return { name, type: 'gauge' };
}

/** Prometheus' metadata types mapped to the four this endpoint charts; anything else (unknown, info, stateset) is a gauge. */
export function normaliseType(type: string | undefined): MetricType | undefined {
  if (type === undefined) return undefined;
  if (type === 'counter' || type === 'histogram' || type === 'summary') return type;
  if (type === 'gaugehistogram') return 'histogram';
  return 'gauge';
}

export interface MetricQueryOptions {
  aggregation?: Aggregation;
  /** Histograms only; 0 < quantile < 1. */
  quantile?: number;
}

/**
 * Counters: aggregation (default sum) of their per-second rate; gauges: aggregation (default sum) of the value;
 * histograms: the quantile (default 0.95) over all the job's series; summaries: the mean (sum / count).
 */
export function metricQuery(name: string, type: MetricType, job: string, opts: MetricQueryOptions = {}): string {
  const sel = (n: string) => `${n}{job="${job}"}`;
  const agg = opts.aggregation ?? 'sum';
  switch (type) {
    case 'counter':
      return `${agg}(rate(${sel(name)}[${RATE_WINDOW}]))`;
    case 'histogram':
      return `histogram_quantile(${opts.quantile ?? 0.95}, sum by (le) (rate(${sel(`${name}_bucket`)}[${RATE_WINDOW}])))`;
    case 'summary':
      return `sum(rate(${sel(`${name}_sum`)}[${RATE_WINDOW}])) / sum(rate(${sel(`${name}_count`)}[${RATE_WINDOW}]))`;
    default:
      return `${agg}(${sel(name)})`;
  }
}
