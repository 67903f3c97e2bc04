import { idealRemaining, secondsToExhaustion } from './forecast';
import { durationSeconds, formatSeconds } from './windows';

const DAY = 86400;

describe('exhaustion forecast', () => {
  it('a full budget at burn 1 lasts exactly one period', () => {
    expect(secondsToExhaustion(1, 1, 30 * DAY)).toBe(30 * DAY);
  });

  it('half a budget at burn 14.4 lasts 30d × 0.5 / 14.4', () => {
    expect(secondsToExhaustion(0.5, 14.4, 30 * DAY)).toBeCloseTo((30 * DAY * 0.5) / 14.4, 6);
  });

  it('is infinite with no burn, zero once spent, NaN on NaN input', () => {
    expect(secondsToExhaustion(0.3, 0, 30 * DAY)).toBe(Infinity);
    expect(secondsToExhaustion(-0.2, 5, 30 * DAY)).toBe(0);
    expect(secondsToExhaustion(NaN, 5, 30 * DAY)).toBeNaN();
  });

  it('ideal burn-down is linear from 1 to 0 over the period', () => {
    const start = Date.UTC(2026, 0, 1);
    expect(idealRemaining(start, start, 30 * DAY)).toBe(1);
    expect(idealRemaining(start, start + 15 * DAY * 1000, 30 * DAY)).toBeCloseTo(0.5, 12);
  });
});

describe('durations', () => {
  it('parses Prometheus durations', () => {
    expect(durationSeconds('5m')).toBe(300);
    expect(durationSeconds('1h30m')).toBe(5400);
    expect(durationSeconds('30d')).toBe(2592000);
    expect(durationSeconds('4w')).toBe(2419200);
  });

  it('rejects garbage naming the input', () => {
    expect(() => durationSeconds('30 days')).toThrow('invalid duration "30 days"');
    expect(() => durationSeconds('')).toThrow('invalid duration ""');
  });

  it('formats forecasts in the two largest units', () => {
    expect(formatSeconds(93784)).toBe('1d 2h');
    expect(formatSeconds(Infinity)).toBe('∞');
    expect(formatSeconds(0)).toBe('0s');
    expect(formatSeconds(125)).toBe('2m 5s');
  });
});
