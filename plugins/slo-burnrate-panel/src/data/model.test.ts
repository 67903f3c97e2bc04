import { createDataFrame, FieldType } from '@grafana/data';

import { DEFAULT_BURN_FACTORS } from '../slo/condition';
import { BURN_WINDOWS } from '../slo/windows';
import { NOW, promFrame } from '../testdata/frames';
import { buildModel, type ModelSettings } from './model';
import { rollingMean, windowMean } from './raw';
import { SERIES } from './series';

const S: ModelSettings = {
  objective: 0.999,
  window: '30d',
  factors: DEFAULT_BURN_FACTORS,
  sliMode: 'auto',
  rawKind: 'error_ratio',
};
const L = { slo: 'orders-latency', service: 'oms' };

function recordedFrames(ratio: number, skip: string[] = []) {
  const frames = BURN_WINDOWS.map((w) => promFrame({ __name__: SERIES.errorRatio(w), ...L }, [[NOW, ratio]]));
  frames.push(promFrame({ __name__: SERIES.objective, ...L }, [[NOW, 0.99]]));
  frames.push(
    promFrame({ __name__: SERIES.budgetRemaining, ...L }, [
      [NOW - 60_000, 0.5],
      [NOW, 0.4],
    ]),
  );
  return frames.filter((f) => !skip.includes(f.fields[1].labels!.__name__));
}

describe('buildModel on recorded series', () => {
  it('groups by slo, takes the objective from the data over the option, and computes burn and condition', () => {
    const { slos, problems } = buildModel(recordedFrames(0.2), S);
    expect(problems).toEqual([]);
    expect(slos).toHaveLength(1);
    expect(slos[0].objective).toBe(0.99);
    expect(slos[0].burnRates['5m']).toBeCloseTo(20, 9);
    expect(slos[0].condition).toBe('page');
    expect(slos[0].budgetRemaining).toBe(0.4);
    expect(slos[0].exhaustionAt1h).toBeCloseTo((0.4 * 2592000) / 20, 6);
    expect(slos[0].history.remaining).toEqual([0.5, 0.4]);
    expect(slos[0].labels).toEqual(L);
  });

  it('names each missing series instead of guessing', () => {
    const { slos } = buildModel(recordedFrames(0.001, [SERIES.errorRatio('3d'), SERIES.budgetRemaining]), S);
    expect(slos[0].missing).toEqual([
      'slo:sli_error:ratio_rate3d',
      'slo:period_error_budget_remaining:ratio',
    ]);
    expect(slos[0].condition).toBe('none');
  });

  it('reports series without an slo label and frames without numbers', () => {
    const noNumbers = createDataFrame({
      name: 'logs',
      fields: [{ name: 'Time', type: FieldType.time, values: [NOW] }],
    });
    const { slos, problems } = buildModel(
      [promFrame({ __name__: SERIES.errorRatio('5m') }, [[NOW, 0.1]]), noNumbers],
      S,
    );
    expect(slos).toEqual([]);
    expect(problems).toEqual([
      'logs: frame has no time field or no number field',
      'slo:sli_error:ratio_rate5m: series has no "slo" label',
    ]);
  });

  it('explains an empty panel', () => {
    expect(buildModel([], S).problems[0]).toMatch(
      /^no data: expected the recorded series slo:sli_error:ratio_rate5m/,
    );
  });

  it('identifies series by legend (displayNameFromDS) when __name__ was dropped', () => {
    const f = promFrame({ slo: 'x' }, [[NOW, 0.5]]);
    f.fields[1].config.displayNameFromDS = SERIES.budgetRemaining;
    const { slos } = buildModel([f], S);
    expect(slos[0].budgetRemaining).toBe(0.5);
  });
});

describe('raw SLI queries', () => {
  const step = 60_000;
  const times = Array.from({ length: 600 }, (_, i) => NOW - (599 - i) * step);

  it('averages the points inside each window and keeps the rolling budget', () => {
    // 0.1 % errors, then the last hour at 5 %: the 5m and 1h windows burn at 50× a 99.9 % budget.
    const values = times.map((_, i) => (i >= 540 ? 0.05 : 0.001));
    const { slos } = buildModel(
      [
        promFrame(
          { slo: 'api' },
          times.map((t, i) => [t, values[i]]),
        ),
      ],
      S,
    );
    expect(slos[0].source).toBe('raw');
    expect(slos[0].burnRates['5m']).toBeCloseTo(50, 6);
    expect(slos[0].burnRates['1h']).toBeCloseTo(50, 6);
    expect(slos[0].burnRates['6h']).toBeCloseTo((60 * 0.05 + 300 * 0.001) / 360 / 0.001, 6);
    expect(slos[0].condition).toBe('page');
    expect(slos[0].history.remaining).toHaveLength(600);
    expect(slos[0].missing).toEqual([]);
  });

  it('reads success ratios when told to', () => {
    const { slos } = buildModel(
      [
        promFrame(
          { slo: 'api' },
          times.map((t) => [t, 0.9995]),
        ),
      ],
      { ...S, rawKind: 'success_ratio' },
    );
    expect(slos[0].burnRates['1h']).toBeCloseTo(0.5, 6);
    expect(slos[0].budgetRemaining).toBeCloseTo(0.5, 6);
  });

  it('windowMean and rollingMean agree on the last point', () => {
    const values = times.map((_, i) => (i % 7) / 100);
    const rolling = rollingMean(times, values, 3600_000);
    expect(rolling[599]).toBeCloseTo(windowMean(times, values, NOW, 3600_000)!, 12);
    expect(windowMean([], [], NOW, 1000)).toBeUndefined();
  });
});
