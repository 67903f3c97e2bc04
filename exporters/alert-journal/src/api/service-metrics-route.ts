// GET /api/v1/metrics/{service}: one metric of a service over a time range, from Prometheus query_range. The
// metric is a catalogue name (derived figures such as error_ratio) or any Prometheus metric name, charted by
// its type (metric-query.ts). Points and the time range are bounded.
import type { Router } from 'express';
import type { ApiDeps } from './deps.js';
import { badRequest } from './errors.js';
import { MAX_POINTS, MAX_RANGE_MS, METRIC_CATALOGUE, defaultMetricFor, parseStep } from './metric-catalogue.js';
import { AGGREGATIONS, METRIC_NAME, metricQuery, normaliseType, typeFromName, type MetricType } from './metric-query.js';
import { oneOf, query, timeWindow } from './validate.js';

const SERVICE = /^[A-Za-z0-9_.:-]{1,100}$/;
const MAX_NAME = 200;

function parseQuantile(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const q = /^0?\.\d+$/.test(text) ? Number(text) : NaN;
  if (!(q > 0 && q < 1)) throw badRequest('quantile', `expected a number between 0 and 1 exclusive such as 0.99, got ${JSON.stringify(text)}`);
  return q;
}

export function mountServiceMetrics(router: Router, deps: ApiDeps): void {
  router.get('/metrics/:service', async (req, res) => {
    const service = String(req.params.service);
    if (!SERVICE.test(service)) throw badRequest('service', 'expected a job name of letters, digits, _ . : -');
    const q = query(req.query as Record<string, unknown>, ['metric', 'start_time', 'end_time', 'step', 'aggregation', 'quantile']);
    const metric = q.metric ?? defaultMetricFor(service);
    const build = Object.hasOwn(METRIC_CATALOGUE, metric) ? METRIC_CATALOGUE[metric] : undefined;
    if (!build && (metric.length > MAX_NAME || !METRIC_NAME.test(metric))) {
      throw badRequest('metric', `expected a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*, at most ${MAX_NAME} characters) or one of ${Object.keys(METRIC_CATALOGUE).join(', ')}; got ${JSON.stringify(metric.slice(0, 100))}`);
    }
    const aggregation = oneOf(q.aggregation, 'aggregation', AGGREGATIONS);
    const quantile = parseQuantile(q.quantile);
    if (build && (aggregation || quantile !== undefined)) {
      throw badRequest(aggregation ? 'aggregation' : 'quantile', `applies to metric names, not to the catalogue figure ${metric}`);
    }
    const { from: start, to: end } = timeWindow(q, 3_600_000, MAX_RANGE_MS);
    const step = q.step === undefined ? 60 : parseStep(q.step);
    if (step === undefined) throw badRequest('step', `expected a duration such as 30s or 1m, got ${JSON.stringify(q.step)}`);
    const points = Math.floor((end - start) / 1000 / step) + 1;
    if (points > MAX_POINTS) throw badRequest('step', `would return ${points} points, more than ${MAX_POINTS}: use a larger step or a shorter range`);

    let promql: string;
    let type: MetricType | undefined;
    if (build) {
      promql = build(service);
    } else {
      const known = normaliseType(await deps.prometheus.metricType(metric));
      const resolved = known ? { name: metric, type: known } : typeFromName(metric);
      type = resolved.type;
      if (quantile !== undefined && type !== 'histogram') throw badRequest('quantile', `applies to histograms; ${metric} is a ${type}`);
      if (aggregation && (type === 'histogram' || type === 'summary')) {
        throw badRequest('aggregation', `applies to counters and gauges; ${metric} is a ${type} (use quantile for histograms)`);
      }
      promql = metricQuery(resolved.name, type, service, { aggregation, quantile });
    }
    const series = await deps.prometheus.queryRange(promql, start / 1000, end / 1000, step);
    const values = series[0]?.values ?? [];
    res.json({
      service,
      metric,
      ...(type ? { type } : {}),
      query: promql,
      step_seconds: step,
      timestamps: values.map(([t]) => new Date(t * 1000).toISOString()),
      values: values.map(([, v]) => (Number.isFinite(Number(v)) ? Number(v) : null)),
    });
  });
}
