import { conditionState, DEFAULT_BURN_FACTORS, windowSeverity, type ErrorRatios } from './condition';

const OBJ = 0.995; // budget 0.005: page fast threshold 0.072, page slow 0.03, ticket fast 0.015, ticket slow 0.005

describe('multiwindow condition', () => {
  it('pages when both the 1h and 5m ratios exceed 14.4 × budget', () => {
    expect(conditionState({ '1h': 0.08, '5m': 0.1 }, OBJ)).toBe('page');
  });

  it('does not page when only the long window is hot (the burn has stopped)', () => {
    expect(conditionState({ '1h': 0.08, '5m': 0.001 }, OBJ)).toBe('none');
  });

  it('pages on the slow page pair (6h and 30m above 6 × budget)', () => {
    expect(conditionState({ '6h': 0.031, '30m': 0.04 }, OBJ)).toBe('page');
  });

  it('tickets on 1d and 2h above 3 × budget, or 3d and 6h above the budget', () => {
    expect(conditionState({ '1d': 0.016, '2h': 0.02 }, OBJ)).toBe('ticket');
    expect(conditionState({ '3d': 0.0051, '6h': 0.006 }, OBJ)).toBe('ticket');
  });

  it('page wins when both page and ticket conditions hold', () => {
    const r: ErrorRatios = { '5m': 0.2, '30m': 0.2, '1h': 0.2, '2h': 0.2, '6h': 0.2, '1d': 0.2, '3d': 0.2 };
    expect(conditionState(r, OBJ)).toBe('page');
  });

  it('uses strict greater-than, like the alert expression', () => {
    const threshold = 14.4 * (1 - OBJ);
    expect(conditionState({ '1h': threshold, '5m': threshold }, OBJ)).toBe('none');
  });

  it('never fires on missing or NaN ratios', () => {
    expect(conditionState({ '1h': 0.5 }, OBJ)).toBe('none');
    expect(conditionState({ '1h': NaN, '5m': NaN }, OBJ)).toBe('none');
  });

  it('honours custom burn factors', () => {
    const f = { ...DEFAULT_BURN_FACTORS, pageFast: 2 };
    expect(conditionState({ '1h': 0.011, '5m': 0.011 }, OBJ, f)).toBe('page');
  });

  it('colours each window by the rules that use it', () => {
    expect(windowSeverity('5m', 15)).toBe('page');
    expect(windowSeverity('5m', 10)).toBe('ok'); // 5m only takes part in the 14.4 page rule
    expect(windowSeverity('6h', 7)).toBe('page');
    expect(windowSeverity('6h', 2)).toBe('ticket');
    expect(windowSeverity('3d', 0.5)).toBe('ok');
    expect(windowSeverity('1d', undefined)).toBe('unknown');
  });
});
