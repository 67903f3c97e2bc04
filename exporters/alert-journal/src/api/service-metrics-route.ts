// GET /api/v1/metrics/{service}: one metric of a service over a time range, from Prometheus query_range.
import type { Router } from 'express';
import type { ApiDeps } from './deps.js';
import { badRequest } from './errors.js';
import { MAX_POINTS, METRIC_CATALOGUE, defaultMetricFor, parseStep } from './metric-catalogue.js';
import { isoTime, query } from './validate.js';

const SERVICE = /^[A-Za-z0-9_.:-]{1,100}$/;

export function mountServiceMetrics(router: Router, deps: ApiDeps): void {
  router.get('/metrics/:service', async (req, res) => {
    const service = String(req.params.service);
    if (!SERVICE.test(service)) throw badRequest('service', 'expected a job name of letters, digits, _ . : -');
    const q = query(req.query as Record<string, unknown>, ['metric', 'start_time', 'end_time', 'step']);
    const metric = q.metric ?? defaultMetricFor(service);
    const build = METRIC_CATALOGUE[metric];
    if (!build) throw badRequest('metric', `unknown metric ${JSON.stringify(metric)}; known: ${Object.keys(METRIC_CATALOGUE).join(', ')}`);
    const end = isoTime(q.end_time, 'end_time') ?? Date.now();
    const start = isoTime(q.start_time, 'start_time') ?? end - 3_600_000;
    if (end < start) throw badRequest('end_time', 'must not be before start_time');
    const step = q.step === undefined ? 60 : parseStep(q.step);
    if (step === undefined) throw badRequest('step', `expected a duration such as 30s or 1m, got ${JSON.stringify(q.step)}`);
    const points = Math.floor((end - start) / 1000 / step) + 1;
    if (points > MAX_POINTS) throw badRequest('step', `would return ${points} points, more than ${MAX_POINTS}: use a larger step or a shorter range`);
    const promql = build(service);
    const series = await deps.prometheus.queryRange(promql, start / 1000, end / 1000, step);
    const values = series[0]?.values ?? [];
    res.json({
      service,
      metric,
      query: promql,
      step_seconds: step,
      timestamps: values.map(([t]) => new Date(t * 1000).toISOString()),
      values: values.map(([, v]) => (Number.isFinite(Number(v)) ? Number(v) : null)),
    });
  });
}
