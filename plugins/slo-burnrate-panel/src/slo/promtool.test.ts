import path from 'path';
import { parse } from 'yaml';
import { readFileSync } from 'fs';

import { buildModel } from '../data/model';
import { SERIES } from '../data/series';
import { BURN_INPUT, EVAL_TIMES } from '../testdata/burnScenario';
import { promFrame, NOW } from '../testdata/frames';
import { checkAlerts, evaluateSloSeries, type PromSample } from '../testdata/promtool';
import { budgetEvents, budgetRemaining, burnRate, errorRatio } from './budget';
import { burnRules, DEFAULT_BURN_FACTORS, ruleMet } from './condition';
import { BURN_WINDOWS } from './windows';

// The hand-written rule file that follows the generator's series contract (see README, "What is tested").
const RULE_FILE = path.resolve(__dirname, '../testdata/slo-checkout.rules.yml');
const SETTINGS = { objective: 0.99, window: '30d', factors: DEFAULT_BURN_FACTORS, sliMode: 'auto' as const, rawKind: 'error_ratio' as const };

function value(samples: PromSample[], name: string): number {
  const s = samples.find((x) => x.labels.__name__ === name);
  if (!s) {
    throw new Error(`promtool returned no ${name}`);
  }
  return s.value;
}

function alertNames(file: string): { page: string; ticket: string } {
  const doc = parse(readFileSync(file, 'utf8'));
  const alerts = doc.groups.flatMap((g: { rules: Array<{ alert?: string; labels?: Record<string, string> }> }) => g.rules);
  const find = (kind: string) => alerts.find((r: { alert?: string; labels?: Record<string, string> }) => r.alert && r.labels?.slo_alert === kind)?.alert;
  return { page: find('page'), ticket: find('ticket') };
}

describe('burn-rate maths against promtool evaluating the SLO recording rules', () => {
  let evaluated: Map<string, PromSample[]>;

  beforeAll(() => {
    evaluated = evaluateSloSeries(RULE_FILE, BURN_INPUT, Object.values(EVAL_TIMES));
  });

  it.each(Object.entries(EVAL_TIMES))('%s scenario at %s', (expectedState, evalTime) => {
    const samples = evaluated.get(evalTime)!;
    const objective = value(samples, SERIES.objective);
    expect(objective).toBe(0.995);

    for (const w of BURN_WINDOWS) {
      const ratio = value(samples, SERIES.errorRatio(w));
      expect(burnRate(ratio, objective)).toBeCloseTo(value(samples, SERIES.burnRate(w)), 12);
    }
    const periodRatio = value(samples, SERIES.periodErrorRatio);
    const events = value(samples, SERIES.periodEvents);
    const bad = value(samples, SERIES.periodErrorEvents);
    expect(errorRatio(bad, events)).toBeCloseTo(periodRatio, 15);
    expect(budgetRemaining(periodRatio, objective)).toBeCloseTo(value(samples, SERIES.budgetRemaining), 12);

    // The panel reads the same samples as Grafana frames and must agree with every figure above.
    const model = buildModel(
      samples.map((s) => promFrame(s.labels, [[NOW, s.value]])),
      SETTINGS,
    );
    expect(model.problems).toEqual([]);
    expect(model.slos).toHaveLength(1);
    const slo = model.slos[0];
    expect(slo.slo).toBe('checkout-availability');
    expect(slo.missing).toEqual([]);
    expect(slo.objective).toBe(0.995);
    expect(slo.periodSeconds).toBe(2592000);
    expect(slo.condition).toBe(expectedState);
    expect(slo.budgetRemaining).toBeCloseTo(value(samples, SERIES.budgetRemaining), 12);
    expect(slo.budgetEvents).toEqual(budgetEvents(events, bad, objective));
    expect(slo.burnRates['1h']).toBeCloseTo(value(samples, SERIES.burnRate('1h')), 12);
  });

  it('fires exactly the alerts whose conditions the panel computes, at every eval time', () => {
    const names = alertNames(RULE_FILE);
    const expected = Object.values(EVAL_TIMES).flatMap((evalTime) => {
      const samples = evaluated.get(evalTime)!;
      const objective = value(samples, SERIES.objective);
      const ratios = Object.fromEntries(BURN_WINDOWS.map((w) => [w, value(samples, SERIES.errorRatio(w))]));
      return (['page', 'ticket'] as const).map((severity) => {
        const met = burnRules().some((r) => r.severity === severity && ruleMet(r, ratios, objective));
        const labels = {
          slo: 'checkout-availability',
          service: 'checkout',
          severity: severity === 'page' ? 'critical' : 'warning',
          slo_alert: severity,
        };
        return { evalTime, alertname: names[severity], alerts: met ? [labels] : [] };
      });
    });
    // Guard against a scenario in which nothing fires: then this test could not tell anything apart.
    expect(expected.filter((e) => e.alerts.length).map((e) => `${e.evalTime}:${e.alertname}`)).toEqual([
      `${EVAL_TIMES.ticket}:${names.ticket}`,
      `${EVAL_TIMES.page}:${names.page}`,
      `${EVAL_TIMES.page}:${names.ticket}`,
    ]);
    const result = checkAlerts(RULE_FILE, BURN_INPUT, expected);
    expect(result.output).not.toContain('FAILED');
    expect(result.ok).toBe(true);

    // And promtool does reject a condition the panel would get wrong.
    const wrong = expected.map((e) => (e.evalTime === EVAL_TIMES.none ? { ...e, alerts: [{ slo: 'checkout-availability' }] } : e));
    expect(checkAlerts(RULE_FILE, BURN_INPUT, wrong).ok).toBe(false);
  });
});
