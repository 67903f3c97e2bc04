// Series grouped by a label (partitionBy, the exchange exporter's venues): each group's lines are rendered once and
// reused until one of its series changes. The rendering must be byte for byte what the same series give without
// grouping (inserted group by group), in both formats, and a change, a new series or a removed group must show in
// the very next render.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFamiliesGrouped, assertMetricsClean } from '@vigil/test-support';
import {
  CounterVec,
  GaugeVec,
  HistogramVec,
  observe,
  renderOpenMetrics,
  renderOpenMetricsBytes,
  renderText,
  renderTextBytes,
  traceExemplarLabels,
  type MetricFamily,
  type VecOptions,
} from '../src/index.js';

const BY_VENUE: VecOptions = { partitionBy: 'venue' };

function vecs(options?: VecOptions) {
  return {
    up: new GaugeVec('x_up', 'Up.', ['venue'], options),
    errors: new CounterVec('x_errors_total', 'Errors.', ['venue', 'method'], options),
    // A counter named without _total: OpenMetrics adds the suffix to its samples.
    polls: new CounterVec('x_polls', 'Polls.', ['venue'], options),
    duration: new HistogramVec('x_duration_seconds', 'Durations.', ['venue', 'method'], [0.1, 1], options),
  };
}
type Vecs = ReturnType<typeof vecs>;

function families(v: Vecs): MetricFamily[] {
  return [v.up.family(), v.errors.family(), v.polls.family(), v.duration.family()];
}

/** The writes of one venue's poll, one per series; the values depend on the venue only. */
function writes(v: Vecs, venue: string, traced: boolean): Array<() => void> {
  const i = venue.charCodeAt(0) - 'a'.charCodeAt(0);
  return [
    () => (v.up.child([venue]).value = i % 2),
    () => (v.errors.child([venue, 'fetchTicker']).value = i + 1),
    () => (v.errors.child([venue, 'fetchTime']).value = 0.5),
    () => (v.polls.child([venue]).value = 10 * i),
    () => {
      observe(v.duration.child([venue, 'fetchTicker']), 0.05 * (i + 1));
      observe(v.duration.child([venue, 'fetchTicker']), 3, traced ? traceExemplarLabels(`trace${i}`) : undefined);
    },
  ];
}

/** Venue by venue: the order a grouped rendering lists them in. */
function fill(v: Vecs, venues: readonly string[], traced = false): void {
  for (const venue of venues) for (const w of writes(v, venue, traced)) w();
}

/** The same writes, the venues' series interleaved. */
function fillInterleaved(v: Vecs, venues: readonly string[], traced = false): void {
  const all = venues.map((venue) => writes(v, venue, traced));
  for (let k = 0; k < all[0].length; k++) for (const w of all) w[k]();
}

describe('series partitioned by a label', () => {
  it('render byte for byte as the same series do without grouping, in text and OpenMetrics, exemplars included', () => {
    // Written interleaved: the grouped rendering still lists venue by venue.
    const grouped = vecs(BY_VENUE);
    fillInterleaved(grouped, ['a', 'b', 'c'], true);
    const plain = vecs();
    fill(plain, ['a', 'b', 'c'], true);
    // The exemplars' timestamps differ between the two sets; copy them (and the values, equal) over so the bodies can be compared.
    for (const venue of ['a', 'b', 'c']) {
      const g = grouped.duration.child([venue, 'fetchTicker']).exemplars!;
      const p = plain.duration.child([venue, 'fetchTicker']).exemplars!;
      p.numbers.set(g.numbers);
    }
    assert.equal(renderText(families(grouped)), renderText(families(plain)));
    const ungroupedInterleaved = vecs();
    fillInterleaved(ungroupedInterleaved, ['a', 'b', 'c']);
    assert.notEqual(renderText(families(ungroupedInterleaved)), renderText(families(plain)), 'interleaved writes list in another order ungrouped');
    assert.equal(renderOpenMetrics(families(grouped)), renderOpenMetrics(families(plain)));
    const text = renderText(families(grouped));
    assertFamiliesGrouped(text);
    assertFamiliesGrouped(renderOpenMetrics(families(grouped)));
    // promtool lints the counter named without _total (there for OpenMetrics' sake); the rest must be clean.
    assertMetricsClean(renderText(families(grouped).filter((f) => f.name !== 'x_polls')), 'a grouped exposition');
    assert.match(renderOpenMetrics(families(grouped)), /^x_polls_total\{venue="c"\} 20$/m);
    assert.match(renderOpenMetrics(families(grouped)), /^x_duration_seconds_bucket\{venue="b",method="fetchTicker",le="\+Inf"\} 2 # \{trace_id="trace1"\} 3 /m);
  });

  it('reuse a group\'s block while its series are unchanged, and show any change in the next render', () => {
    const v = vecs(BY_VENUE);
    fill(v, ['a', 'b']);
    const first = families(v);
    const again = families(v);
    for (const [i, f] of first.entries()) assert.deepEqual(again[i].blocks, f.blocks, `${f.name}: the same blocks`);
    assert.equal(again[0].blocks![0], first[0].blocks![0], 'the very same block object: rendered once');
    for (const [i, f] of first.entries()) assert.equal(again[i].blocks, f.blocks, `${f.name}: the same blocks array (kept joined by the renderer)`);
    const joinedBefore = renderTextBytes(again).toString('utf8');
    assert.match(joinedBefore, /^x_up\{venue="b"\} 1$/m);

    // A poll of venue b lands: a gauge, a counter and a histogram of b change; a's blocks stay.
    v.up.child(['b']).value = 0;
    v.errors.child(['b', 'fetchTicker']).value++;
    observe(v.duration.child(['b', 'fetchTicker']), 0.5);
    const after = families(v);
    for (const i of [0, 1, 3]) {
      assert.equal(after[i].blocks![0], first[i].blocks![0], `${first[i].name}: venue a untouched`);
      assert.notEqual(after[i].blocks![1], first[i].blocks![1], `${first[i].name}: venue b rendered again`);
    }
    for (const i of [0, 1, 3]) assert.notEqual(after[i].blocks, first[i].blocks, `${first[i].name}: a new blocks array`);
    assert.equal(after[2].blocks, first[2].blocks, 'x_polls unchanged: the same blocks array');
    const text = renderText(after);
    assert.equal(renderTextBytes(after).toString('utf8'), text, 'the joined blocks follow the change');
    assert.notEqual(text, joinedBefore);
    assert.match(text, /^x_up\{venue="b"\} 0$/m);
    assert.match(text, /^x_errors_total\{venue="b",method="fetchTicker"\} 3$/m);
    assert.match(text, /^x_duration_seconds_bucket\{venue="b",method="fetchTicker",le="1"\} 2$/m);
    assert.match(text, /^x_duration_seconds_count\{venue="b",method="fetchTicker"\} 3$/m);

    // The same value written again changes nothing; NaN stays NaN without a new block.
    v.up.child(['a']).value = NaN;
    const nan = families(v)[0].blocks![0];
    assert.match(renderText(families(v)), /^x_up\{venue="a"\} NaN$/m);
    assert.equal(families(v)[0].blocks![0], nan);
  });

  it('show a new series of a group, and drop removed series and groups at once', () => {
    const v = vecs(BY_VENUE);
    fill(v, ['a', 'b']);
    renderText(families(v));
    v.errors.child(['a', 'fetchOrderBook']).value = 7;
    assert.match(renderText(families(v)), /^x_errors_total\{venue="a",method="fetchOrderBook"\} 7$/m);
    v.errors.remove(['a', 'fetchOrderBook']);
    assert.doesNotMatch(renderText(families(v)), /fetchOrderBook/);

    for (const f of Object.values(v)) f.removeWhere('venue', 'a');
    const text = renderText(families(v));
    assert.doesNotMatch(text, /venue="a"/);
    assert.match(text, /^x_up\{venue="b"\} 1$/m);
    assert.equal(v.errors.size, 2);
    // Removed by another label: only the matching series of each group go.
    v.errors.removeWhere('method', 'fetchTime');
    assert.deepEqual([...v.errors.series()].map(([l]) => `${l.venue} ${l.method}`), ['b fetchTicker']);
    assert.doesNotMatch(renderText(families(v)), /fetchTime/);
    // A group that comes back is rendered from its new series.
    v.up.child(['a']).value = 5;
    assert.match(renderText(families(v)), /^x_up\{venue="a"\} 5$/m);
    assertFamiliesGrouped(renderText(families(v)));
  });

  it('send the same body as bytes (blocks copied encoded), non-ASCII label values included', () => {
    const v = vecs(BY_VENUE);
    fill(v, ['a', 'b'], true);
    v.up.child(['ü-venue']).value = 1;
    const loose = { name: 'x_age_seconds', help: 'Age.', type: 'gauge' as const, samples: [{ labels: { venue: 'ü-venue' }, value: 1.5 }] };
    const all = [loose, ...families(v), loose];
    assert.equal(renderTextBytes(all).toString('utf8'), renderText(all));
    assert.equal(renderOpenMetricsBytes(all).toString('utf8'), `${renderOpenMetrics(all)}# EOF\n`);
    assert.match(renderTextBytes(all).toString('utf8'), /^x_up\{venue="ü-venue"\} 1$/m);
  });

  it('the grouping check catches a family declared twice or split by another', () => {
    const v = vecs(BY_VENUE);
    fill(v, ['a', 'b']);
    const [up, errors] = families(v);
    const twice = renderText([up, errors, { ...up, blocks: up.blocks!.slice(1) }]);
    assert.throws(() => assertFamiliesGrouped(twice), /family x_up declared twice/);
    const split = renderText([up, errors]).replace(/^(x_up\{venue="b"\} 1\n)([\s\S]*)$/m, '$2$1');
    assert.throws(() => assertFamiliesGrouped(split), /sample x_up outside its family \(under x_errors_total\)/);
  });

  it('refuse a partition label that is not one of the labels', () => {
    assert.throws(() => new GaugeVec('x', 'X.', ['venue'], { partitionBy: 'symbol' }), /x: partitionBy symbol is not one of its labels/);
  });
});
