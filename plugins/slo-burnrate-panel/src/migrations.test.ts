import { DEFAULT_OPTIONS } from './defaults';
import { migrateOptions, migrationHandler, shouldMigrate } from './migrations';
import { OPTIONS_VERSION } from './types';

describe('options migration', () => {
  it('fills every default for a panel saved before options had a version (the scaffold)', () => {
    const out = migrateOptions({ text: 'hello', showSeriesCount: true, seriesCountSize: 'sm' } as never);
    expect(out).toEqual(DEFAULT_OPTIONS);
  });

  it('keeps what the user set and merges nested defaults', () => {
    const out = migrateOptions({ layout: 'table', burnFactors: { pageFast: 10 } } as never);
    expect(out.layout).toBe('table');
    expect(out.burnFactors).toEqual({ ...DEFAULT_OPTIONS.burnFactors, pageFast: 10 });
    expect(out.version).toBe(OPTIONS_VERSION);
  });

  it('repairs an objective saved as a percentage and an unknown layout', () => {
    const out = migrateOptions({ objective: 99.9, layout: 'grid' } as never);
    expect(out.objective).toBeCloseTo(0.999, 12);
    expect(out.layout).toBe('cards');
  });

  it('runs only for options behind the current version', () => {
    expect(shouldMigrate({ options: {} })).toBe(true);
    expect(shouldMigrate({ options: { version: OPTIONS_VERSION } })).toBe(false);
  });

  it('is what Grafana calls with the panel model', async () => {
    const out = await migrationHandler({
      id: 1,
      type: 'vigil-sloburnrate-panel',
      options: { layout: 'compact' },
    } as never);
    expect(out.layout).toBe('compact');
  });
});
