import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { parse } from 'yaml';

import { buildModel } from '../data/model';
import { SERIES } from '../data/series';
import { BURN_INPUT, BURN_SLO, EVAL_TIMES } from '../testdata/burnScenario';
import { NOW, promFrame } from '../testdata/frames';
import { checkAlerts, evaluateSloSeries, type ExpectedAlert, type PromSample } from '../testdata/promtool';
import { budgetEvents, budgetRemaining, burnRate, errorRatio } from './budget';
import { burnRules, DEFAULT_BURN_FACTORS, ruleMet } from './condition';
import { BURN_WINDOWS } from './windows';

// The rules the SLO generator of provisioning/slo wrote for the trading gateway (committed, regenerated in CI).
const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const RULE_FILE = path.join(repoRoot, 'provisioning', 'slo', 'rules', 'slo-trading-gateway.yml');
const SETTINGS = {
  objective: 0.99,
  window: '28d',
  factors: DEFAULT_BURN_FACTORS,
  sliMode: 'auto' as const,
  rawKind: 'error_ratio' as const,
};

type Rule = { alert?: string; labels?: Record<string, string>; expr: string };

function sloSamples(all: PromSample[]): PromSample[] {
  return all.filter((s) => s.labels.slo === BURN_SLO);
}

function value(samples: PromSample[], name: string): number {
  const s = samples.find((x) => x.labels.__name__ === name);
  if (!s) {
    throw new Error(`promtool returned no ${name} for ${BURN_SLO}`);
  }
  return s.value;
}

/** The generator's page and ticket alert names for the SLO (they may share one name, told apart by slo_alert). */
function alertNames(): Record<'page' | 'ticket', string> {
  const doc = parse(readFileSync(RULE_FILE, 'utf8')) as { groups: Array<{ rules: Rule[] }> };
  const rules = doc.groups
    .flatMap((g) => g.rules)
    .filter((r) => r.alert && r.expr.includes(`slo="${BURN_SLO}"`));
  const find = (kind: string) => {
    const rule = rules.find((r) => r.labels?.slo_alert === kind);
    if (!rule?.alert) {
      throw new Error(`${RULE_FILE}: no alert with slo_alert="${kind}" for ${BURN_SLO}`);
    }
    return rule.alert;
  };
  return { page: find('page'), ticket: find('ticket') };
}

describe('burn-rate maths against promtool evaluating the generated SLO rules', () => {
  let evaluated: Map<string, PromSample[]>;

  beforeAll(() => {
    expect(existsSync(RULE_FILE)).toBe(true);
    evaluated = evaluateSloSeries(RULE_FILE, BURN_INPUT, Object.values(EVAL_TIMES));
  });

  it.each(Object.entries(EVAL_TIMES))('%s scenario at %s', (expectedState, evalTime) => {
    const samples = sloSamples(evaluated.get(evalTime)!);
    const objective = value(samples, SERIES.objective);
    expect(objective).toBe(0.995);

    for (const w of BURN_WINDOWS) {
      const ratio = value(samples, SERIES.errorRatio(w));
      expect(burnRate(ratio, objective)).toBeCloseTo(value(samples, SERIES.burnRate(w)), 10);
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
    expect(slo.slo).toBe(BURN_SLO);
    expect(slo.missing).toEqual([]);
    expect(slo.objective).toBe(0.995);
    expect(slo.periodSeconds).toBe(2592000);
    expect(slo.condition).toBe(expectedState);
    expect(slo.budgetRemaining).toBeCloseTo(value(samples, SERIES.budgetRemaining), 12);
    expect(slo.budgetEvents).toEqual(budgetEvents(events, bad, objective));
    expect(slo.burnRates['1h']).toBeCloseTo(value(samples, SERIES.burnRate('1h')), 10);
  });

  it('fires exactly the alerts whose conditions the panel computes, at every eval time', () => {
    const names = alertNames();
    const expected: ExpectedAlert[] = Object.values(EVAL_TIMES).flatMap((evalTime) => {
      const samples = sloSamples(evaluated.get(evalTime)!);
      const objective = value(samples, SERIES.objective);
      const ratios = Object.fromEntries(BURN_WINDOWS.map((w) => [w, value(samples, SERIES.errorRatio(w))]));
      const { __name__: _, ...seriesLabels } = samples.find(
        (s) => s.labels.__name__ === SERIES.errorRatio('1h'),
      )!.labels;
      const byName = new Map<string, Array<Record<string, string>>>();
      for (const severity of ['page', 'ticket'] as const) {
        const met = burnRules().some((r) => r.severity === severity && ruleMet(r, ratios, objective));
        const list = byName.get(names[severity]) ?? [];
        if (met) {
          list.push({
            ...seriesLabels,
            severity: severity === 'page' ? 'critical' : 'warning',
            slo_alert: severity,
          });
        }
        byName.set(names[severity], list);
      }
      return [...byName].map(([alertname, alerts]) => ({ evalTime, alertname, alerts }));
    });
    // Guard against a scenario in which nothing fires: then this test could not tell anything apart.
    expect(expected.flatMap((e) => e.alerts.map((a) => `${e.evalTime}:${a.slo_alert}`))).toEqual([
      `${EVAL_TIMES.ticket}:ticket`,
      `${EVAL_TIMES.page}:page`,
      `${EVAL_TIMES.page}:ticket`,
    ]);
    const result = checkAlerts(RULE_FILE, BURN_INPUT, expected);
    expect(result.output).not.toContain('FAILED');
    expect(result.ok).toBe(true);

    // And promtool does reject a condition the panel would get wrong.
    const wrong = expected.map((e) =>
      e.evalTime === EVAL_TIMES.none ? { ...e, alerts: [{ slo: BURN_SLO }] } : e,
    );
    expect(checkAlerts(RULE_FILE, BURN_INPUT, wrong).ok).toBe(false);
  });
});
