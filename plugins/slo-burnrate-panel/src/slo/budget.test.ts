import {
  budgetEvents,
  budgetRemaining,
  burnRate,
  errorBudget,
  errorRatio,
  sliFromErrorRatio,
} from './budget';

describe('error budget arithmetic', () => {
  it('computes the error ratio, NaN with no events as PromQL does', () => {
    expect(errorRatio(5, 1000)).toBe(0.005);
    expect(errorRatio(0, 0)).toBeNaN();
  });

  it('burn rate 1 spends the budget exactly over the window', () => {
    expect(burnRate(0.005, 0.995)).toBeCloseTo(1, 12);
    expect(burnRate(0.072, 0.995)).toBeCloseTo(14.4, 12);
    expect(burnRate(0, 0.999)).toBe(0);
  });

  it('budget remaining goes negative once overspent', () => {
    expect(budgetRemaining(0, 0.995)).toBe(1);
    expect(budgetRemaining(0.0025, 0.995)).toBeCloseTo(0.5, 12);
    expect(budgetRemaining(0.01, 0.995)).toBeCloseTo(-1, 12);
  });

  it('expresses the budget in events', () => {
    const e = budgetEvents(1_000_000, 1200, 0.999);
    expect(e.allowed).toBeCloseTo(1000, 6);
    expect(e.spent).toBe(1200);
    expect(e.left).toBeCloseTo(-200, 6);
  });

  it('rejects an objective outside (0, 1), naming it', () => {
    expect(() => errorBudget(99.5)).toThrow('objective must be between 0 and 1 exclusive, got 99.5');
    expect(() => errorBudget(1)).toThrow(/got 1$/);
  });

  it('turns an error ratio into an SLI', () => {
    expect(sliFromErrorRatio(0.004)).toBeCloseTo(0.996, 12);
  });
});
