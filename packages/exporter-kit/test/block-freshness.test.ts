// A partitioned Vec renders a group's block when the group changes, not at scrape. The bug to guard against is a
// stale block: a write that does not mark its group leaves the old lines in every later scrape. Each kind of write
// is made on a grouped set of series and on an ungrouped twin, and every encoding a scrape can ask for (text and
// OpenMetrics, identity and gzip) must then equal the twin's, whether the scrape comes in the same turn of the
// event loop as the write or after the change was rendered in the background.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { assertFamiliesGrouped, assertMetricsClean, waitFor } from '@vigil/test-support';
import { encodingUse } from '../src/exposition.js';
import { renderAhead } from '../src/series.js';
import {
  CounterVec,
  GaugeVec,
  HistogramVec,
  observe,
  renderOpenMetricsBytes,
  renderOpenMetricsGzip,
  renderTextBytes,
  renderTextGzip,
  traceExemplarLabels,
  type MetricFamily,
  type VecOptions,
} from '../src/index.js';

const BY_VENUE: VecOptions = { partitionBy: 'venue' };
const VENUES = ['a', 'b', 'c'];

// Rendered in the next turn here (the default waits a second), so a test can await it; the delay has its own test.
const defaultDelay = renderAhead.delayMs;
before(() => (renderAhead.delayMs = 0));
after(() => (renderAhead.delayMs = defaultDelay));

function vecs(options?: VecOptions) {
  return {
    up: new GaugeVec('x_up', 'Up.', ['venue'], options),
    errors: new CounterVec('x_errors_total', 'Errors.', ['venue', 'method'], options),
    duration: new HistogramVec('x_duration_seconds', 'Durations.', ['venue', 'method'], [0.1, 1], options),
  };
}
type Vecs = ReturnType<typeof vecs>;

/** A loose family rendered at scrape beside the blocks (as the exchange exporter's ages are). */
const AGE: MetricFamily = { name: 'x_age_seconds', help: 'Age.', type: 'gauge', samples: [{ labels: { venue: 'a' }, value: 1.5 }] };

function families(v: Vecs): MetricFamily[] {
  return [v.up.family(), AGE, v.errors.family(), v.duration.family()];
}

function fill(v: Vecs): void {
  for (const [i, venue] of VENUES.entries()) {
    v.up.child([venue]).value = 1;
    v.errors.child([venue, 'fetchTicker']).value = i;
    v.errors.child([venue, 'fetchTime']).value = 1;
    observe(v.duration.child([venue, 'fetchTicker']), 0.05 * (i + 1), traceExemplarLabels(`t${i}`), 1000 + i);
  }
}

/** Every body a scrape can get, as text. */
function bodies(fs: MetricFamily[]): Record<string, string> {
  return {
    text: renderTextBytes(fs).toString('utf8'),
    openMetrics: renderOpenMetricsBytes(fs).toString('utf8'),
    textGzip: gunzipSync(renderTextGzip(fs)).toString('utf8'),
    openMetricsGzip: gunzipSync(renderOpenMetricsGzip(fs)).toString('utf8'),
  };
}

const lines = (body: string) => body.split('\n').sort();

const WRITES: Array<[string, (v: Vecs) => void]> = [
  ['a gauge set', (v) => (v.up.child(['b']).value = 0)],
  ['a counter incremented', (v) => v.errors.child(['b', 'fetchTicker']).value++],
  ['a histogram observed', (v) => observe(v.duration.child(['b', 'fetchTicker']), 0.5)],
  ['a traced observation replacing an exemplar', (v) => observe(v.duration.child(['b', 'fetchTicker']), 0.07, traceExemplarLabels('new'), 5000)],
  ['a histogram sum written', (v) => (v.duration.child(['c', 'fetchTicker']).sum += 2)],
  ['a histogram count written', (v) => (v.duration.child(['c', 'fetchTicker']).count += 2)],
  ['a series added', (v) => (v.errors.child(['b', 'fetchOrderBook']).value = 0)],
  ['a series removed', (v) => v.errors.remove(['b', 'fetchTime'])],
  ['a group removed', (v) => Object.values(v).forEach((x) => x.removeWhere('venue', 'b'))],
  ['series removed by another label', (v) => v.errors.removeWhere('method', 'fetchTicker')],
  ['a group added', (v) => (v.up.child(['d']).value = 1)],
];

describe('blocks of a partitioned Vec follow every change', () => {
  for (const [what, write] of WRITES) {
    for (const when of ['in the same turn', 'after the change was rendered'] as const) {
      it(`${what}, scraped ${when}`, async () => {
        const grouped = vecs(BY_VENUE);
        const plain = vecs();
        fill(grouped);
        fill(plain);
        await nextTurn();
        // Every encoding asked for once: blocks and joined runs cached in all four.
        const before = bodies(families(grouped));
        write(grouped);
        write(plain);
        if (when !== 'in the same turn') await nextTurn();
        const after = bodies(families(grouped));
        // The same lines as the twin's (a group's series listed together: the order within a family may differ).
        const expected = lines(renderTextBytes(families(plain)).toString('utf8'));
        assert.notEqual(after.text, before.text, 'the write changes the exposition');
        assert.deepEqual(lines(after.text), expected);
        assert.equal(after.textGzip, after.text);
        const expectedOm = lines(renderOpenMetricsBytes(families(plain)).toString('utf8'));
        assert.deepEqual(lines(after.openMetrics), expectedOm);
        assert.equal(after.openMetricsGzip, after.openMetrics);
        assertFamiliesGrouped(after.text);
      });
    }
  }

  it('a change is rendered, in the encodings scrapes asked for, before the next scrape', async () => {
    const v = vecs(BY_VENUE);
    fill(v);
    await nextTurn();
    const rendered = () => Object.values(v).reduce((n, x) => n + x.blocksRendered, 0);
    assert.equal(rendered(), 9, 'each group rendered once, in the turn after it was filled');
    // Prometheus asks for OpenMetrics and gzip; another client for text.
    renderOpenMetricsGzip(families(v));
    renderTextBytes(families(v));
    assert.equal(rendered(), 9, 'a scrape renders nothing that did not change');

    observe(v.duration.child(['b', 'fetchTicker']), 0.5);
    v.up.child(['c']).value = 0;
    v.up.child(['c']).value = 2;
    await nextTurn();
    assert.equal(rendered(), 11, 'the two changed groups rendered again, once each, without a scrape');
    const blockOf = (f: MetricFamily, i: number) => f.blocks![i];
    assert.deepEqual(blockOf(v.duration.family(), 1).encodings.sort(), ['openMetrics', 'openMetricsGzip', 'text']);
    assert.deepEqual(blockOf(v.up.family(), 2).encodings.sort(), ['openMetrics', 'openMetricsGzip', 'text']);
    const body = bodies(families(v));
    assert.equal(rendered(), 11, 'the scrape after the change renders no block');
    assert.match(body.openMetricsGzip, /^x_duration_seconds_count\{venue="b",method="fetchTicker"\} 2$/m);
    assert.match(body.text, /^x_up\{venue="c"\} 2$/m);
    // The same value written again is no change.
    v.up.child(['c']).value = 2;
    await nextTurn();
    assert.equal(rendered(), 11);
    assertMetricsClean(body.textGzip, 'the gzipped exposition, decoded');
  });

  it('a change made in a timer callback (a poll\'s answer, a timeout) is rendered right after it, not when something next wakes the process', () => {
    // In a process of its own: this one's test runner wakes the loop for reasons of its own.
    const run = spawnSync(process.execPath, ['--import', 'tsx', new URL('./fixtures/render-after-timer.ts', import.meta.url).pathname], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, 0, run.stderr);
    const afterMs = Number(run.stdout.trim());
    assert.ok(afterMs >= 0 && afterMs < 1500, `rendered ${run.stdout.trim()} ms after the change (-1: not at all)`);
  });

  it('a group removed and made again in the same turn (a poll replacing a venue\'s balances) is rendered ahead as the old one was', async () => {
    const v = vecs(BY_VENUE);
    fill(v);
    await nextTurn();
    renderOpenMetricsGzip(families(v)); // Prometheus scrapes
    const start = v.up.blocksRendered;
    v.up.removeWhere('venue', 'b');
    v.up.child(['b']).value = 7;
    await nextTurn();
    assert.equal(v.up.blocksRendered, start + 1, 'rendered ahead, without a scrape');
    const block = v.up.family().blocks!.find((b) => b.samples[0]?.labels?.venue === 'b')!;
    assert.deepEqual(block.encodings.sort(), ['openMetrics', 'openMetricsGzip']);
    assert.match(gunzipSync(renderOpenMetricsGzip(families(v))).toString('utf8'), /^x_up\{venue="b"\} 7$/m);
    // A venue dropped for good leaves nothing behind to be made again from later.
    v.up.removeWhere('venue', 'c');
    v.up.child(['a']).value = 8;
    await nextTurn();
    v.up.child(['c']).value = 9;
    await nextTurn();
    const c = v.up.family().blocks!.find((b) => b.samples[0]?.labels?.venue === 'c')!;
    assert.deepEqual(c.encodings, [], 'a new venue waits for the scrape that asks');
  });

  it('an encoding no scrape asked for lately is not rendered ahead; asked again, the scrape renders it', async (t) => {
    let now = 1_000_000;
    const real = { ...encodingUse };
    Object.assign(encodingUse, { idleMs: 60_000, now: () => now });
    t.after(() => Object.assign(encodingUse, real));
    const v = vecs(BY_VENUE);
    fill(v);
    await nextTurn();
    renderTextBytes(families(v)); // one curl of the text format
    now += 120_000;
    renderOpenMetricsGzip(families(v)); // Prometheus keeps scraping
    v.up.child(['a']).value = 0;
    await nextTurn();
    assert.deepEqual(v.up.family().blocks![0].encodings.sort(), ['openMetrics', 'openMetricsGzip'], 'text idle: not rendered ahead');
    assert.match(renderTextBytes(families(v)).toString('utf8'), /^x_up\{venue="a"\} 0$/m);
    v.up.child(['a']).value = 3;
    await nextTurn();
    assert.deepEqual(v.up.family().blocks![0].encodings.sort(), ['openMetrics', 'openMetricsGzip', 'text'], 'asked again: rendered ahead again');
  });

  it('a group that changes on every turn is rendered at most once per delay; a quiet one at once; a scrape is fresh', async (t) => {
    // A delay far above the 200 ms of changes below, so a busy machine's slow turns cannot reach it.
    renderAhead.delayMs = 2000;
    t.after(() => (renderAhead.delayMs = 0));
    const v = vecs(BY_VENUE);
    fill(v);
    await nextTurn();
    const start = v.up.blocksRendered;
    assert.equal(start, 3, 'groups not rendered lately are rendered in the next turn (a poll lands)');
    const t0 = Date.now();
    let turns = 0;
    while (Date.now() - t0 < 200) {
      v.up.child(['a']).value = ++turns; // a ticker stream: a change on every turn
      await nextTurn();
    }
    assert.ok(turns > 10, `${turns} turns`);
    assert.equal(v.up.blocksRendered, start, 'not rendered on every change');
    assert.match(renderTextBytes(families(v)).toString('utf8'), new RegExp(`^x_up\\{venue="a"\\} ${turns}$`, 'm'), 'a scrape renders the pending change');
    assert.equal(v.up.blocksRendered, start + 1);
    v.up.child(['a']).value = 0;
    await nextTurn();
    assert.equal(v.up.blocksRendered, start + 1, 'rendered by the scrape just now: waits for the delay');
    await waitFor(() => v.up.blocksRendered === start + 2, { what: 'rendered once the delay passed', timeoutMs: 15_000 });
    assert.match(renderTextBytes(families(v)).toString('utf8'), /^x_up\{venue="a"\} 0$/m);
  });
});
