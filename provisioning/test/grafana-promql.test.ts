// Every PromQL expression of every generated dashboard goes to a real Prometheus (Debian's, on 127.0.0.1 with
// a free port and a temporary data dir) through /api/v1/query, with template variables substituted; and every
// metric name the dashboards select is one Vigil produces (exporter sources/READMEs, recording rules, or a
// real node_exporter limited to the host exporter's collectors).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startNodeExporter, type RunningExporter } from '@vigil/test-support';

import { dashboardQueries, metricNames, substitute } from '../grafana/src/promql.js';
import {
  exposedNames,
  hostCollectors,
  isKnown,
  PROMETHEUS_BUILTINS,
  recordedMetricNames,
  sourceMetricNames,
} from '../grafana/src/testing/metric-inventory.js';
import { startPrometheus, type TestPrometheus } from '../grafana/src/testing/prometheus.js';
import { committedDashboards } from '../grafana/src/testing/repo.js';

const dashboards = committedDashboards();
const queries = [...dashboards].flatMap(([file, d]) => dashboardQueries(d).map((q) => ({ file, ...q })));

describe('dashboard PromQL against real Prometheus', () => {
  let prom: TestPrometheus | undefined;

  before(async () => {
    prom = await startPrometheus({ global: { scrape_interval: '15s' } });
  });

  after(async () => {
    await prom?.stop();
  });

  const query = (expr: string) => prom!.query(expr);

  it('the check fails on a broken expression (so a pass means something)', async () => {
    const { code, body } = await query('sum by (venue (rate(x[5m]))');
    assert.equal(code, 400);
    assert.equal(body.errorType, 'bad_data');
  });

  for (const value of ['.*', 'binance']) {
    it(`every expression parses and evaluates with variables = ${JSON.stringify(value)}`, async () => {
      assert.ok(queries.length > 150, `only ${queries.length} expressions found`);
      const failures: string[] = [];
      for (const q of queries) {
        const expr = substitute(q.expr, value);
        assert.ok(!expr.includes('$'), `${q.file} ${q.where}: unsubstituted variable in ${expr}`);
        const { code, body } = await query(expr);
        if (code !== 200 || body.status !== 'success') {
          failures.push(`${q.file} ${q.where}: ${body.errorType ?? code} ${body.error ?? ''}\n  ${expr}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }
});

describe('dashboard metric names', () => {
  let node: RunningExporter | undefined;
  let nodeNames = new Set<string>();

  before(async () => {
    const collectors = hostCollectors();
    assert.ok(
      collectors.includes('meminfo') && collectors.includes('netdev'),
      `collectors: ${collectors.join(',')}`,
    );
    node = await startNodeExporter([
      '--collector.disable-defaults',
      ...collectors.map((c) => `--collector.${c}`),
    ]);
    nodeNames = exposedNames(await (await fetch(`${node.url}/metrics`)).text());
  });

  after(async () => {
    await node?.stop();
  });

  it('every metric a dashboard selects is produced by an exporter, a recording rule or Prometheus', () => {
    const recorded = recordedMetricNames();
    const sources = sourceMetricNames();
    const unknown: string[] = [];
    let checked = 0;
    for (const q of queries) {
      for (const name of metricNames(substitute(q.expr, '.*')).names) {
        checked++;
        const known = name.startsWith('node_')
          ? isKnown(name, nodeNames)
          : isKnown(name, recorded) || isKnown(name, sources) || PROMETHEUS_BUILTINS.includes(name);
        if (!known) unknown.push(`${q.file} ${q.where}: ${name}`);
      }
    }
    assert.ok(checked > 150, `only ${checked} names checked`);
    assert.deepEqual(unknown, []);
  });

  it('the name check rejects a misspelt metric', () => {
    const names = metricNames(
      'sum(rate(trading_orders_submited_total[5m])) / node_memory_MemAvailabel_bytes',
    );
    assert.deepEqual(names.names.sort(), ['node_memory_MemAvailabel_bytes', 'trading_orders_submited_total']);
    assert.equal(isKnown('trading_orders_submited_total', sourceMetricNames()), false);
    assert.equal(isKnown('node_memory_MemAvailabel_bytes', nodeNames), false);
    assert.equal(isKnown('node_memory_MemAvailable_bytes', nodeNames), true);
  });

  it('every __name__ regex selects recorded SLO series, or metrics an exporter or service produces', () => {
    const recorded = [...recordedMetricNames()];
    const produced = [...recorded, ...sourceMetricNames()];
    let health = 0;
    for (const q of queries) {
      for (const re of metricNames(q.expr).nameRegexes) {
        const rx = new RegExp(`^(?:${re})$`);
        if (re.startsWith('slo:')) {
          const hits = recorded.filter((n) => rx.test(n));
          assert.ok(hits.length >= 10, `${q.file} ${q.where}: ${re} matches only ${hits.join(', ')}`);
        } else {
          // The health state sets: <namespace>_health_status / _health_check_status of every exporter and service.
          const hits = produced.filter((n) => rx.test(n));
          assert.ok(hits.length >= 1, `${q.file} ${q.where}: ${re} matches nothing produced`);
          health++;
        }
      }
    }
    assert.ok(health >= 2, 'the overview reads the health state sets');
  });
});
