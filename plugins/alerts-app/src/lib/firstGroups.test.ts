// The first page's groups, ordered without merging and sorting every alert, against the whole list's pipeline
// (merge, sort, filter, group, page) on random answers of up to three Alertmanagers: the same groups, alerts,
// fields, group sizes and count of alerts left for "Show more", for every grouping, view, filter and page size.
import { answers, random } from '../test/randomAnswers';
import { groupAlerts, mergeAlertGroups, stateOf, type Grouping } from './alerts';
import { firstGroups, type ShownTest } from './firstGroups';
import { matchesAll, parseMatchers } from './matchers';
import { pageGroups } from './paging';

const GROUPINGS: Grouping[] = [{ by: 'alertmanager' }, { by: 'label', label: 'venue' }, { by: 'label', label: 'severity' }];
const shown = (q: string, show: 'all' | 'firing' | 'suppressed'): ShownTest => {
  const matchers = parseMatchers(q);
  return (labels, status) => (show === 'all' || (show === 'firing') === (stateOf({ status }) === 'firing')) && matchesAll(matchers, labels);
};
const TESTS: Array<[string, ShownTest]> = [
  ['everything', shown('', 'all')],
  ['firing', shown('', 'firing')],
  ['silenced or inhibited', shown('', 'suppressed')],
  ['venue!=v1', shown('venue!="v1"', 'all')],
  ['nothing', shown('alertname="none"', 'all')],
];

describe('first groups of the list against the whole list, on random answers', () => {
  it.each(Array.from({ length: 30 }, (_, i) => i + 1))('seed %i', (seed) => {
    const rnd = random(seed);
    const input = answers(rnd);
    const whole = mergeAlertGroups(input);
    for (const grouping of GROUPINGS) {
      for (const [, test] of TESTS) {
        const groups = groupAlerts(
          whole.alerts.filter((a) => test(a.labels, a.status)),
          grouping,
          whole.groups
        );
        const size = new Map(groups.map((g) => [g.key, g.alerts.length]));
        for (const rows of [1, 3, 7, 25, 200]) {
          // No selected alert, one that is listed (maybe far down), and one that is not.
          const all = whole.alerts;
          for (const mustShow of [undefined, all[Math.floor(rnd() * all.length)]?.fingerprint, 'ffffff']) {
            const want = pageGroups(groups, rows, mustShow);
            const first = firstGroups(input, grouping, test, rows, mustShow);
            const got = pageGroups(first.groups, rows, mustShow);
            expect(got.groups).toEqual(want.groups);
            expect(got.hidden + first.rest).toBe(want.hidden);
            expect(first.groups.map((g) => g.alerts.length)).toEqual(first.groups.map((g) => size.get(g.key)));
            expect(first.alerts).toBe(all.length);
          }
        }
      }
    }
  });

  it('merges only the chosen groups\' alerts, with every Alertmanager\'s copy', () => {
    const input = answers(random(7));
    const whole = mergeAlertGroups(input);
    const first = firstGroups(input, { by: 'alertmanager' }, shown('', 'all'), 1);
    const firstGroup = groupAlerts(whole.alerts, { by: 'alertmanager' }, whole.groups)[0];
    expect(first.groups).toEqual([firstGroup]);
    expect(first.rest).toBe(whole.alerts.length - firstGroup.alerts.length);
    const inhibitor = whole.alerts[whole.alerts.length - 1];
    expect(first.labelsOf(inhibitor.fingerprint)?.labels).toEqual(inhibitor.labels);
    expect(first.labelsOf('nope')).toBeUndefined();
  });
});
