import type { DataFrame, Labels } from '@grafana/data';

import { budgetEvents, budgetRemaining, burnRate, errorBudget, type BudgetEvents } from '../slo/budget';
import { conditionState, type BurnFactors, type ConditionState, type ErrorRatios } from '../slo/condition';
import { secondsToExhaustion } from '../slo/forecast';
import { BURN_WINDOWS, durationSeconds, type BurnWindow } from '../slo/windows';
import { framesToSeries, isValue, lastValue, type Series } from './frames';
import { rollingMean, windowMean } from './raw';
import { SERIES } from './series';

export type SliMode = 'auto' | 'recorded' | 'raw';
export type RawKind = 'error_ratio' | 'success_ratio';

/** What the model needs from the panel options. */
export interface ModelSettings {
  objective: number;
  window: string;
  factors: BurnFactors;
  sliMode: SliMode;
  rawKind: RawKind;
}

/** Everything a card or table row shows for one SLO. */
export interface SloModel {
  slo: string;
  labels: Labels;
  source: 'recorded' | 'raw';
  objective: number;
  periodSeconds: number;
  sli?: number;
  budgetRemaining?: number;
  budgetEvents?: BudgetEvents;
  errorRatios: ErrorRatios;
  burnRates: Partial<Record<BurnWindow, number>>;
  condition: ConditionState;
  exhaustionAt1h?: number;
  exhaustionAt6h?: number;
  history: { times: number[]; remaining: number[] };
  /** Series names this SLO lacks; the card names them instead of guessing. */
  missing: string[];
}

export interface PanelModel {
  slos: SloModel[];
  /** Problems with the data as a whole (no frames, frames without time/number fields, series without `slo`). */
  problems: string[];
}

function finite(v: number | undefined): number | undefined {
  return v === undefined || Number.isNaN(v) ? undefined : v;
}

function finish(
  base: Omit<SloModel, 'condition' | 'exhaustionAt1h' | 'exhaustionAt6h'>,
  f: BurnFactors,
): SloModel {
  const remaining = base.budgetRemaining;
  const forecast = (w: BurnWindow) =>
    remaining === undefined || base.burnRates[w] === undefined
      ? undefined
      : secondsToExhaustion(remaining, base.burnRates[w] as number, base.periodSeconds);
  return {
    ...base,
    condition: conditionState(base.errorRatios, base.objective, f),
    exhaustionAt1h: forecast('1h'),
    exhaustionAt6h: forecast('6h'),
  };
}

function recordedModel(slo: string, byMetric: Map<string, Series>, s: ModelSettings): SloModel {
  const get = (name: string) => finite(lastValue(byMetric.get(name)));
  const missing: string[] = [];
  const budgetFromSeries = get(SERIES.errorBudget);
  const objective =
    get(SERIES.objective) ?? (budgetFromSeries !== undefined ? 1 - budgetFromSeries : s.objective);
  const periodSeconds = get(SERIES.windowSeconds) ?? durationSeconds(s.window);
  const errorRatios: ErrorRatios = {};
  const burnRates: Partial<Record<BurnWindow, number>> = {};
  for (const w of BURN_WINDOWS) {
    const ratio = get(SERIES.errorRatio(w));
    const burn = get(SERIES.burnRate(w));
    if (ratio !== undefined) {
      errorRatios[w] = ratio;
      burnRates[w] = burn ?? burnRate(ratio, objective);
    } else if (burn !== undefined) {
      burnRates[w] = burn;
      errorRatios[w] = burn * errorBudget(objective);
    } else {
      missing.push(SERIES.errorRatio(w));
    }
  }
  const periodRatio = get(SERIES.periodErrorRatio);
  const events = get(SERIES.periodEvents);
  const errorEvents = get(SERIES.periodErrorEvents);
  let remaining = get(SERIES.budgetRemaining);
  if (remaining === undefined && periodRatio !== undefined) {
    remaining = budgetRemaining(periodRatio, objective);
  }
  if (remaining === undefined) {
    missing.push(SERIES.budgetRemaining);
  }
  const history =
    byMetric.get(SERIES.budgetRemaining) ??
    (byMetric.get(SERIES.periodErrorRatio) && {
      ...(byMetric.get(SERIES.periodErrorRatio) as Series),
      values: (byMetric.get(SERIES.periodErrorRatio) as Series).values.map((r) =>
        isValue(r) ? budgetRemaining(r, objective) : NaN,
      ),
    });
  const labels = { ...(byMetric.values().next().value?.labels ?? {}) };
  delete labels.__name__;
  return finish(
    {
      slo,
      labels,
      source: 'recorded',
      objective,
      periodSeconds,
      sli:
        periodRatio !== undefined
          ? 1 - periodRatio
          : remaining !== undefined
            ? 1 - (1 - remaining) * errorBudget(objective)
            : undefined,
      budgetRemaining: remaining,
      budgetEvents:
        events !== undefined && errorEvents !== undefined
          ? budgetEvents(events, errorEvents, objective)
          : undefined,
      errorRatios,
      burnRates,
      history: history ? { times: history.times, remaining: history.values } : { times: [], remaining: [] },
      missing,
    },
    s.factors,
  );
}

function rawModel(series: Series, s: ModelSettings): SloModel {
  const ratios =
    s.rawKind === 'success_ratio' ? series.values.map((v) => (isValue(v) ? 1 - v : NaN)) : series.values;
  const periodSeconds = durationSeconds(s.window);
  const end = series.times[series.times.length - 1] ?? 0;
  const errorRatios: ErrorRatios = {};
  const burnRates: Partial<Record<BurnWindow, number>> = {};
  const missing: string[] = [];
  for (const w of BURN_WINDOWS) {
    const r = windowMean(series.times, ratios, end, durationSeconds(w) * 1000);
    if (r === undefined) {
      missing.push(`${series.displayName} points in the last ${w}`);
      continue;
    }
    errorRatios[w] = r;
    burnRates[w] = burnRate(r, s.objective);
  }
  const rolling = rollingMean(series.times, ratios, periodSeconds * 1000);
  const remainingHistory = rolling.map((r) => budgetRemaining(r, s.objective));
  const periodRatio = finite(rolling[rolling.length - 1]);
  const labels = { ...series.labels };
  delete labels.__name__;
  return finish(
    {
      slo: series.labels.slo ?? series.displayName,
      labels,
      source: 'raw',
      objective: s.objective,
      periodSeconds,
      sli: periodRatio !== undefined ? 1 - periodRatio : undefined,
      budgetRemaining: periodRatio !== undefined ? budgetRemaining(periodRatio, s.objective) : undefined,
      errorRatios,
      burnRates,
      history: { times: series.times, remaining: remainingHistory },
      missing,
    },
    s.factors,
  );
}

/** Turns the panel's frames into one model per SLO, recorded series grouped by their `slo` label. */
export function buildModel(frames: DataFrame[], s: ModelSettings): PanelModel {
  const problems: string[] = [];
  const { series, unusable } = framesToSeries(frames);
  for (const name of unusable) {
    problems.push(`${name}: frame has no time field or no number field`);
  }
  const recorded = new Map<string, Map<string, Series>>();
  const raw: Series[] = [];
  for (const one of series) {
    const treatAsRecorded = s.sliMode === 'recorded' || (s.sliMode === 'auto' && one.metric !== undefined);
    if (!treatAsRecorded) {
      raw.push(one);
      continue;
    }
    if (!one.metric) {
      problems.push(
        `${one.displayName}: not a series of the SLO contract (expected names like slo:sli_error:ratio_rate5m)`,
      );
      continue;
    }
    const slo = one.labels.slo;
    if (!slo) {
      problems.push(`${one.metric}: series has no "slo" label`);
      continue;
    }
    if (!recorded.has(slo)) {
      recorded.set(slo, new Map());
    }
    recorded.get(slo)!.set(one.metric, one);
  }
  const slos: SloModel[] = [];
  for (const [slo, byMetric] of recorded) {
    slos.push(recordedModel(slo, byMetric, s));
  }
  for (const one of raw) {
    if (one.values.length) {
      slos.push(rawModel(one, s));
    }
  }
  if (frames.length === 0 || (slos.length === 0 && problems.length === 0)) {
    problems.push(
      `no data: expected the recorded series ${SERIES.errorRatio('5m')} … ${SERIES.budgetRemaining} with an "slo" label, or a raw SLI ratio query`,
    );
  }
  slos.sort((a, b) => a.slo.localeCompare(b.slo));
  return { slos, problems };
}
