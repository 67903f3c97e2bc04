import { DEFAULT_OPTIONS } from './defaults';
import { migrateOptions, migrationHandler, shouldMigrate } from './migrations';
import { OPTIONS_VERSION } from './types';

describe('option migrations', () => {
  it('turns the scaffold options (unversioned) into the defaults', () => {
    const out = migrateOptions({
      text: 'Default value of text input option',
      showSeriesCount: false,
      seriesCountSize: 'sm',
    });
    expect(out).toEqual(DEFAULT_OPTIONS);
    expect(out).not.toHaveProperty('text');
  });

  it('keeps what is valid and resets what is not, without throwing', () => {
    const out = migrateOptions({
      flowGroupBy: 'strategy',
      flowMeasure: 'liters' as never,
      maxGroups: 500,
      rankBy: 'vibes' as never,
      benchmark: 'arrival',
      latencyPercentiles: [50, 99.9] as never,
      sections: { flow: false, latency: 'yes' } as never,
      variables: { venue: '$exchange', symbol: 7 } as never,
      selector: 'venue="a"',
    });
    expect(out).toEqual({
      ...DEFAULT_OPTIONS,
      flowGroupBy: 'strategy',
      maxGroups: 50,
      benchmark: 'arrival',
      latencyPercentiles: '50, 99.9',
      sections: { ...DEFAULT_OPTIONS.sections, flow: false },
      variables: { venue: 'exchange', strategy: 'strategy', symbol: 'symbol' },
      selector: 'venue="a"',
    });
  });

  it('survives damaged options', () => {
    for (const damaged of [null, undefined, 7, 'x', { sections: null, variables: [] }]) {
      expect(migrateOptions(damaged as never).version).toBe(OPTIONS_VERSION);
    }
  });

  it('runs from Grafana when the saved version is behind', () => {
    expect(shouldMigrate({ options: {} })).toBe(true);
    expect(shouldMigrate({ options: { version: OPTIONS_VERSION } })).toBe(false);
    expect(migrationHandler({ options: { flowMeasure: 'quantity' } } as never)).toMatchObject({
      flowMeasure: 'quantity',
      version: OPTIONS_VERSION,
    });
  });
});
