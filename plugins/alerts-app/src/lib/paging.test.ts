import type { AlertGroup } from './alerts';
import { pageGroups } from './paging';

const group = (key: string, n: number): AlertGroup =>
  ({ key, title: key, labels: {}, alerts: Array.from({ length: n }, (_, i) => ({ fingerprint: `${key}-${i}` })) }) as unknown as AlertGroup;

describe('pageGroups', () => {
  const groups = [group('a', 3), group('b', 4), group('c', 5)];

  it('keeps whole groups within the budget and cuts the last one', () => {
    const p = pageGroups(groups, 5);
    expect(p.groups.map((g) => [g.key, g.alerts.length])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
    expect(p.hidden).toBe(7);
  });

  it('shows everything when the budget covers it', () => {
    const p = pageGroups(groups, 100);
    expect(p.groups).toEqual(groups);
    expect(p.hidden).toBe(0);
  });

  it('grows to show a selected alert beyond the budget', () => {
    const p = pageGroups(groups, 2, 'c-1');
    expect(p.groups.map((g) => g.alerts.length)).toEqual([3, 4, 2]);
    expect(p.groups[2].alerts.map((a) => a.fingerprint)).toContain('c-1');
    expect(p.hidden).toBe(3);
  });
});
