import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import { formatValue, renderOpenMetrics, renderText } from '../src/exposition.js';
import { promClientToFamilies } from '../src/prom-json.js';

test("the kit renders prom-client's metrics exactly as registry.metrics() does", async () => {
  const reg = new Registry();
  const c = new Counter({ name: 'x_orders_total', help: 'Orders.\nSecond line with \\ backslash.', labelNames: ['venue'], registers: [reg] });
  c.inc({ venue: 'binance' }, 2);
  c.inc({ venue: 'we"ird\\venue\n' });
  new Gauge({ name: 'x_ratio', help: 'Ratio.', registers: [reg] }).set(0.25);
  const h = new Histogram({ name: 'x_duration_seconds', help: 'Durations.', labelNames: ['side'], buckets: [0.005, 0.1, 1], registers: [reg] });
  h.observe({ side: 'buy' }, 0.05);
  h.observe({ side: 'buy' }, 2);
  const s = new Summary({ name: 'x_latency_seconds', help: 'Latency.', percentiles: [0.5, 0.99], registers: [reg] });
  s.observe(0.1);
  new Gauge({ name: 'x_special', help: 'Special values.', labelNames: ['k'], registers: [reg] }).set({ k: 'inf' }, Infinity);
  const expected = await reg.metrics();
  const ours = renderText(promClientToFamilies(await reg.getMetricsAsJSON()));
  // prom-client separates families with a blank line; the exposition format ignores blank lines.
  assert.equal(ours.trimEnd(), expected.replace(/\n\n/g, '\n').trimEnd());
});

test('OpenMetrics rendering: counter families without _total, unknown for untyped', () => {
  const om = renderOpenMetrics([
    { name: 'a_total', help: 'A.', type: 'counter', samples: [{ value: 1 }] },
    { name: 'b', help: 'B.', type: 'untyped', samples: [{ labels: { x: 'y' }, value: NaN }] },
  ]);
  assert.equal(om, '# TYPE a counter\n# HELP a A.\na_total 1\n# TYPE b unknown\n# HELP b B.\nb{x="y"} NaN\n');
});

test('values are printed as Prometheus prints them', () => {
  assert.equal(formatValue(Infinity), '+Inf');
  assert.equal(formatValue(-Infinity), '-Inf');
  assert.equal(formatValue(NaN), 'NaN');
  assert.equal(formatValue(1e21), '1e+21');
  assert.equal(formatValue(0.1), '0.1');
});
