import { latencyByVenue, parsePercentiles } from './latency';

describe('latency percentiles', () => {
  it('reads percentiles as percent or ratios, sorted and deduplicated', () => {
    expect(parsePercentiles('99, 50 95')).toEqual([0.5, 0.95, 0.99]);
    expect(parsePercentiles('0.5,p99.9, 50')).toEqual([0.5, 0.999]);
  });

  it('names a bad entry', () => {
    expect(() => parsePercentiles('50, 100')).toThrow('"100" is not a percentile between 0 and 100');
    expect(() => parsePercentiles('fast')).toThrow('"fast"');
    expect(() => parsePercentiles(' ')).toThrow('expected numbers');
  });

  it('has no rows without observations, and a venue-less row for series without a venue label', () => {
    expect(latencyByVenue({}, [0.5]).rows).toEqual([]);
    const { rows } = latencyByVenue(
      {
        ack: [
          { labels: { le: '0.1' }, value: 1 },
          { labels: { le: '+Inf' }, value: 2 },
        ],
      },
      [0.5],
    );
    expect(rows.map((r) => [r.venue, r.all])).toEqual([
      ['', false],
      ['', true],
    ]);
    expect(rows[0].stages.ack!.quantiles.get(0.5)).toBe(0.1);
    expect(rows[0].stages.first_fill).toBeUndefined();
  });
});
