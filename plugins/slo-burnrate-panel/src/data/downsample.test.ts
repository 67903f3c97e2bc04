import { minMaxDownsample } from './downsample';

describe('minMaxDownsample', () => {
  const times = Array.from({ length: 1000 }, (_, i) => i);

  it('keeps at most two points per bucket and every extreme', () => {
    const values = times.map((i) => (i === 503 ? 5 : i === 777 ? -5 : 1));
    const out = minMaxDownsample(times, values, 0, 999, 10);
    expect(out.times.length).toBeLessThanOrEqual(20);
    expect(out.values).toContain(5);
    expect(out.values).toContain(-5);
    expect(out.times).toEqual([...out.times].sort((a, b) => a - b));
  });

  it('drops points outside the range and turns NaN and null into gaps', () => {
    const out = minMaxDownsample([0, 1, 2, 3, 4], [1, NaN, null, 2, 3], 1, 3, 10);
    expect(out).toEqual({ times: [1, 2, 3], values: [null, null, 2] });
  });

  it('passes short series through unchanged', () => {
    expect(minMaxDownsample([10, 20], [0.5, 0.4], 0, 100, 100)).toEqual({
      times: [10, 20],
      values: [0.5, 0.4],
    });
  });
});
