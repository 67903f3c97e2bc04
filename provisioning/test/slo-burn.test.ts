// promtool scenarios on the committed SLO rules: a fast burn pages in time, a 1x burn never pages,
// a 3x burn opens a ticket (and does not page).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { errorBudget, loadSpecs, ruleFileName, type SloModel } from '../slo/src/index.js';
import { sloDir } from './helpers/paths.js';
import { promtoolTestRules } from './helpers/promtool.js';
import { sloInputSeries, type Phase } from './helpers/slo-scenarios.js';

const models = loadSpecs([join(sloDir, 'specs')]);

function alertsSeries(m: SloModel, kind: 'page' | 'ticket'): string {
  const spec = kind === 'page' ? m.page! : m.ticket!;
  const labels: Record<string, string> = {
    alertname: spec.name,
    alertstate: 'firing',
    ...m.labels,
    service: m.service,
    slo: m.id,
    severity: kind === 'page' ? 'critical' : 'warning',
    slo_alert: kind,
  };
  return `ALERTS{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;
}

/** Runs one scenario: `firing` lists [eval time, page/ticket] that must fire, `quiet` those that must not. */
function scenario(
  m: SloModel,
  phases: Phase[],
  expectations: { at: string; kind: 'page' | 'ticket'; firing: boolean }[],
  neverPageUntil?: string,
) {
  const file = ruleFileName(m.service);
  const sel = (kind: string) => `ALERTS{slo="${m.id}", slo_alert="${kind}", alertstate="firing"}`;
  const tests = expectations.map((e) => ({
    expr: sel(e.kind),
    eval_time: e.at,
    exp_samples: e.firing ? [{ labels: alertsSeries(m, e.kind), value: 1 }] : [],
  }));
  if (neverPageUntil) {
    tests.push({ expr: `max_over_time(${sel('page')}[${neverPageUntil}])`, eval_time: neverPageUntil, exp_samples: [] });
  }
  const res = promtoolTestRules(
    { [file]: readFileSync(join(sloDir, 'rules', file), 'utf8') },
    {
      rule_files: [file],
      evaluation_interval: '1m',
      tests: [{ interval: '1m', input_series: sloInputSeries(m.id, errorBudget(m), phases), promql_expr_test: tests }],
    },
  );
  assert.equal(res.status, 0, res.output);
}

describe('SLO burn-rate alerts (promtool)', () => {
  it('has scenario series for all five platform SLOs', () => {
    assert.deepEqual(models.map((m) => m.id).sort(), [
      'ml-inference-latency',
      'order-execution-success',
      'strategy-engine-execution-latency',
      'trading-gateway-availability',
      'trading-gateway-latency',
    ]);
  });

  for (const m of models) {
    describe(m.id, () => {
      // 15x: the 1h window crosses 14.4x after 57.6 minutes of burn (SRE workbook detection time).
      it('a 15x burn after 2h of clean traffic pages within the hour, not before 55 minutes', () => {
        scenario(m, [{ minutes: 120, burn: 0 }, { minutes: 70, burn: 15 }], [
          { at: '119m', kind: 'page', firing: false },
          { at: '175m', kind: 'page', firing: false },
          { at: '180m', kind: 'page', firing: true },
        ]);
      });

      // A total outage burns at 1/budget; the 1h window crosses 14.4x after 60m × 14.4 × budget
      // (4.3 minutes at 99.5%, 43.2 minutes at 95%).
      it('a total outage pages at the workbook detection time', () => {
        const detect = Math.ceil(60 * 14.4 * errorBudget(m));
        scenario(m, [{ minutes: 120, burn: 0 }, { minutes: detect + 5, burn: 1 / errorBudget(m) }], [
          { at: `${120 + detect - 2}m`, kind: 'page', firing: false },
          { at: `${120 + detect + 1}m`, kind: 'page', firing: true },
        ]);
      });

      // 7h: past the longest page window (6h), so every window has reached its steady state.
      it('a steady 1x burn never pages over 7 hours', () => {
        scenario(m, [{ minutes: 420, burn: 1 }], [{ at: '7h', kind: 'page', firing: false }], '7h');
      });

      // After 6h clean, a 3x burn crosses 1x over 3d (6h of data + t) after 3h, and over 6h after 2h.
      it('a 3x burn opens a ticket after about 3 hours and never pages', () => {
        scenario(m, [{ minutes: 360, burn: 0 }, { minutes: 240, burn: 3 }], [
          { at: '8h', kind: 'ticket', firing: false },
          { at: '9h30m', kind: 'ticket', firing: true },
        ], '10h');
      });
    });
  }
});
