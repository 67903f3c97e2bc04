// sloth compatibility: Vigil's rules generated from sloth's own example specs must page and open tickets
// whenever sloth's generated alerts do, on the same input series. Reads sloth's examples (peers' reference data,
// never committed) at test time.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { referenceDir } from '@vigil/test-support';
import { errorBudget, parseSpecText, renderRuleFiles, type SloModel } from '../slo/src/index.js';
import { cumulative, promtoolTestRules, seriesValues, yamlDocuments } from './helpers/promtool.js';

const slothDir = referenceDir('sloth');
interface Minutes {
  healthy: number;
  burn: number;
  recovered: number;
}
const COUNTER_MINUTES: Minutes = { healthy: 60, burn: 120, recovered: 60 };
// promtool caps a query at 10000 samples; the gauge SLIs' subqueries load every client at every minute.
const GAUGE_MINUTES: Minutes = { healthy: 30, burn: 90, recovered: 30 };
const total = (m: Minutes) => m.healthy + m.burn + m.recovered;

/** Per-minute bad fraction over the scenario: 0, then `f` during the burn, then 0 again. */
function phases(f: number, m: Minutes = COUNTER_MINUTES): number[] {
  return [...Array<number>(m.healthy).fill(0), ...Array<number>(m.burn).fill(f), ...Array<number>(m.recovered).fill(0)];
}

function counterPair(good: string, bad: string, f: number) {
  const badInc = phases(f).map((x) => 600 * x);
  return [
    { series: good, values: seriesValues(cumulative(badInc.map((b) => 600 - b))) },
    { series: bad, values: seriesValues(cumulative(badInc)) },
  ];
}

/**
 * The bad fractions are chosen so that no window of whole minutes lands exactly on a threshold: sloth
 * writes 1 - 0.999 as 0.0009999999999999432 where Vigil writes 0.001, so at an exact tie the two
 * would differ by float rounding alone (a fraction like 0.02 ties at 24 bad minutes out of 84).
 *
 * Input series for each sloth example and the bad-event fraction each SLO sees during the burn
 * (test data written from the specs' queries).
 */
const SCENARIOS: Record<string, { series: () => unknown[]; fraction: Record<string, number>; minutes?: Minutes }> = {
  'getting-started': {
    series: () =>
      counterPair(
        'http_request_duration_seconds_count{job="myservice", code="200"}',
        'http_request_duration_seconds_count{job="myservice", code="503"}',
        0.0241,
      ),
    fraction: { 'myservice-requests-availability': 0.0241 },
  },
  multifile: {
    series: () =>
      counterPair(
        'http_request_duration_seconds_count{job="myservice", code="200"}',
        'http_request_duration_seconds_count{job="myservice", code="429"}',
        0.0241,
      ),
    fraction: { 'myservice-requests-availability': 0.0241, 'myservice2-requests-availability': 0.0241 },
  },
  'kubernetes-apiserver': {
    series: () => {
      const slow = phases(0.2001).map((x) => 600 * x);
      return [
        ...counterPair('apiserver_request_total{code="200", verb="GET"}', 'apiserver_request_total{code="500", verb="GET"}', 0.0241),
        { series: 'apiserver_request_duration_seconds_count{verb="GET"}', values: seriesValues(cumulative(slow.map(() => 600))) },
        { series: 'apiserver_request_duration_seconds_bucket{verb="GET", le="0.4"}', values: seriesValues(cumulative(slow.map((s) => 600 - s))) },
        // WATCH requests are long by nature and excluded by the spec's matchers; all slow here.
        { series: 'apiserver_request_duration_seconds_count{verb="WATCH"}', values: seriesValues(cumulative(slow.map(() => 60))) },
        { series: 'apiserver_request_duration_seconds_bucket{verb="WATCH", le="0.4"}', values: seriesValues(cumulative(slow.map(() => 0))) },
      ];
    },
    fraction: { 'k8s-apiserver-requests-availability': 0.0241, 'k8s-apiserver-requests-latency': 0.2001 },
  },
  'home-wifi': {
    // 27 clients; during the burn 8 of them (30%) fall to 0.4 satisfaction, below both SLOs' thresholds.
    series: () =>
      Array.from({ length: 27 }, (_, i) => ({
        series: `unifipoller_client_satisfaction_ratio{client="c${i}"}`,
        values: seriesValues(phases(i < 8 ? 1 : 0, GAUGE_MINUTES).map((bad) => (bad ? 0.4 : 0.9)).concat([0.9])),
      })),
    fraction: { 'home-wifi-good-wifi-client-satisfaction': 8 / 27, 'home-wifi-risk-wifi-client-satisfaction': 8 / 27 },
    minutes: GAUGE_MINUTES,
  },
};

interface RuleDoc {
  groups: { name: string; rules: { alert?: string; expr: string; labels?: Record<string, string> }[] }[];
}

function alertExpr(docs: RuleDoc[], groupName: string, match: (labels: Record<string, string>) => boolean): string {
  for (const d of docs) {
    const g = d.groups.find((x) => x.name === groupName);
    const r = g?.rules.find((x) => x.alert && match(x.labels ?? {}));
    if (r) return r.expr;
  }
  throw new Error(`no alert in group ${groupName}`);
}

describe('sloth compatibility (promtool, the sloth examples of the reference data)', () => {
  const specs = readdirSync(join(slothDir, 'specs')).filter((f) => f.endsWith('.yml')).sort();

  it('covers every sloth example spec', () => {
    assert.deepEqual(specs.map((f) => f.replace(/\.yml$/, '')).sort(), Object.keys(SCENARIOS).sort());
  });

  for (const specFile of specs) {
    const name = specFile.replace(/\.yml$/, '');
    it(`${name}: Vigil pages and tickets exactly when sloth's generated alerts fire`, () => {
      const scenario = SCENARIOS[name];
      assert.ok(scenario, `no scenario for ${specFile}`);
      const models: SloModel[] = parseSpecText(readFileSync(join(slothDir, 'specs', specFile), 'utf8'), specFile);
      const vigilFiles = Object.fromEntries(renderRuleFiles(models));
      const vigilDocs = Object.values(vigilFiles).map((t) => parse(t) as RuleDoc);
      // sloth's output may hold several documents; promtool reads only the first of a file.
      const slothDocs = yamlDocuments(readFileSync(join(slothDir, 'sloth-gen', specFile), 'utf8')) as RuleDoc[];
      const slothFiles = Object.fromEntries(slothDocs.map((d, i) => [`sloth-${i}.yml`, d]));

      const compat: { record: string; expr: string; labels: Record<string, string> }[] = [];
      const expected: string[] = [];
      for (const m of models) {
        for (const kind of ['page', 'ticket'] as const) {
          const sloth = alertExpr(slothDocs, `sloth-slo-alerts-${m.id}`, (l) => l.sloth_severity === kind);
          const vigil = alertExpr(vigilDocs, `slo-${m.id}-burn-rate`, (l) => l.slo_alert === kind);
          const labels = { slo: m.id, kind };
          compat.push({ record: 'compat:sloth_fires', expr: `count(${sloth})`, labels });
          compat.push({ record: 'compat:vigil_fires', expr: `count(${vigil})`, labels });
          // Which alerts the scenario must exercise: the burn lasts 2h, so the 14.4x and 3x conditions decide.
          const burn = scenario.fraction[m.id]! / errorBudget(m);
          if (burn > (kind === 'page' ? 14.4 : 3)) expected.push(`${m.id}/${kind}`);
        }
      }
      assert.ok(expected.some((e) => e.endsWith('/page')) && expected.some((e) => e.endsWith('/ticket')));

      // promtool evaluates groups in map order unless told; recordings must be evaluated before their readers.
      const groupOrder = [...slothDocs, ...vigilDocs].flatMap((d) => d.groups.map((g) => g.name)).concat('compat');
      const end = `${total(scenario.minutes ?? COUNTER_MINUTES)}m`;
      const range = `[${end}:1m]`;
      const res = promtoolTestRules(
        { ...slothFiles, ...vigilFiles, 'compat.yml': { groups: [{ name: 'compat', rules: compat }] } },
        {
          rule_files: [...Object.keys(slothFiles), ...Object.keys(vigilFiles), 'compat.yml'],
          evaluation_interval: '1m',
          group_eval_order: groupOrder,
          tests: [
            {
              interval: '1m',
              input_series: scenario.series(),
              promql_expr_test: [
                // Never does sloth fire without Vigil, nor Vigil without sloth, at any minute of the scenario.
                { expr: `max_over_time((compat:sloth_fires unless on(slo, kind) compat:vigil_fires)${range})`, eval_time: end, exp_samples: [] },
                { expr: `max_over_time((compat:vigil_fires unless on(slo, kind) compat:sloth_fires)${range})`, eval_time: end, exp_samples: [] },
                // And the scenario did make sloth's alerts fire (the comparison is not vacuous).
                {
                  expr: `max_over_time(compat:sloth_fires${range})`,
                  eval_time: end,
                  exp_samples: expected.map((e) => {
                    const [slo, kind] = e.split('/');
                    return { labels: `{slo="${slo}", kind="${kind}"}`, value: 1 };
                  }),
                },
                // Both stop once the burn is over and the short windows have recovered.
                { expr: 'compat:sloth_fires{kind="page"} or compat:vigil_fires{kind="page"}', eval_time: end, exp_samples: [] },
              ],
            },
          ],
        },
      );
      assert.equal(res.status, 0, res.output);
    });
  }
});
