// Exemplars of the kit's histograms: each bucket keeps the last traced observation, stamped with the caller's
// clock read; with refreshMs a bucket's exemplar is replaced only once it is that old (busy buckets keep one a
// refresh, rare ones every observation), and a caller passing 0 always replaces it. Checked on the rendered
// OpenMetrics exposition, which is what Prometheus stores.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HistogramVec, observe, renderOpenMetrics, traceExemplarLabels } from '../src/index.js';

const T0 = 1_764_000_000_000;
const REFRESH = 1000;
/** An exemplar timestamp as OpenMetrics writes it: seconds, three decimals. */
const secs = (ms: number) => (ms / 1000).toFixed(3);

function histogram() {
  const vec = new HistogramVec('x_latency_seconds', 'Latency.', ['venue'], [0.1, 1, 10]);
  return { vec, h: vec.child(['a']) };
}

/** bucket le → `trace_id value timestamp(s)` of its exemplar, from the OpenMetrics rendering. */
function exemplars(vec: HistogramVec): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of renderOpenMetrics([vec.family()]).matchAll(/_bucket\{venue="a",le="([^"]+)"\} \d+ # \{trace_id="([^"]+)"\} (\S+) (\S+)$/gm)) {
    out.set(m[1], `${m[2]} ${m[3]} ${m[4]}`);
  }
  return out;
}

describe('histogram exemplars', () => {
  it('by default every traced observation becomes its bucket exemplar', () => {
    const { vec, h } = histogram();
    observe(h, 0.5, traceExemplarLabels('t1'), T0);
    observe(h, 0.6, traceExemplarLabels('t2'), T0 + 1);
    observe(h, 0.05, undefined, T0 + 2);
    assert.deepEqual(exemplars(vec), new Map([['1', `t2 0.6 ${secs(T0 + 1)}`]]));
  });

  it('with refreshMs a busy bucket keeps its exemplar until it is that old, then takes the next one', () => {
    const { vec, h } = histogram();
    observe(h, 0.5, traceExemplarLabels('t1'), T0, REFRESH);
    observe(h, 0.6, traceExemplarLabels('t2'), T0 + 10, REFRESH);
    observe(h, 0.7, traceExemplarLabels('t3'), T0 + REFRESH - 1, REFRESH);
    assert.equal(exemplars(vec).get('1'), `t1 0.5 ${secs(T0)}`);
    observe(h, 0.8, traceExemplarLabels('t4'), T0 + REFRESH, REFRESH);
    assert.equal(exemplars(vec).get('1'), `t4 0.8 ${secs(T0 + REFRESH)}`);
    // Counted all the same.
    assert.match(renderOpenMetrics([vec.family()]), /^x_latency_seconds_count\{venue="a"\} 4$/m);
  });

  it('a tail-bucket observation right after a busy-bucket one still gets its exemplar', () => {
    const { vec, h } = histogram();
    for (let k = 0; k < 100; k++) observe(h, 0.5, traceExemplarLabels(`busy${k}`), T0 + k, REFRESH);
    observe(h, 7, traceExemplarLabels('tail'), T0 + 100, REFRESH);
    observe(h, 30, traceExemplarLabels('beyond'), T0 + 101, REFRESH);
    const ex = exemplars(vec);
    assert.equal(ex.get('1'), `busy0 0.5 ${secs(T0)}`);
    assert.equal(ex.get('10'), `tail 7 ${secs(T0 + 100)}`);
    assert.equal(ex.get('+Inf'), `beyond 30 ${secs(T0 + 101)}`);
  });

  it('refreshMs 0 replaces a young exemplar, and then holds the bucket against throttled ones for refreshMs', () => {
    const { vec, h } = histogram();
    observe(h, 0.5, traceExemplarLabels('batch1'), T0, REFRESH);
    observe(h, 0.6, traceExemplarLabels('own'), T0 + 5, 0);
    observe(h, 0.7, traceExemplarLabels('batch2'), T0 + 500, REFRESH);
    assert.equal(exemplars(vec).get('1'), `own 0.6 ${secs(T0 + 5)}`);
    observe(h, 0.9, traceExemplarLabels('batch3'), T0 + 5 + REFRESH, REFRESH);
    assert.equal(exemplars(vec).get('1'), `batch3 0.9 ${secs(T0 + 5 + REFRESH)}`);
  });

  it('refreshMs 0 observations in two buckets each hold their own bucket, and do not end the others\' window', () => {
    const { vec, h } = histogram();
    observe(h, 0.05, traceExemplarLabels('batch-low'), T0, REFRESH);
    observe(h, 0.5, traceExemplarLabels('own-a'), T0 + 1, 0);
    observe(h, 5, traceExemplarLabels('own-b'), T0 + 2, 0);
    // Held: own-a against a throttled observation 5 ms later; batch-low's bucket stays throttled in its window.
    observe(h, 0.6, traceExemplarLabels('batch-a'), T0 + 5, REFRESH);
    observe(h, 0.06, traceExemplarLabels('batch-low2'), T0 + 6, REFRESH);
    let ex = exemplars(vec);
    assert.equal(ex.get('1'), `own-a 0.5 ${secs(T0 + 1)}`);
    assert.equal(ex.get('10'), `own-b 5 ${secs(T0 + 2)}`);
    assert.equal(ex.get('0.1'), `batch-low 0.05 ${secs(T0)}`);
    // Held across the next window too, until the exemplar itself is refreshMs old.
    observe(h, 0.07, traceExemplarLabels('batch-low3'), T0 + REFRESH, REFRESH);
    observe(h, 0.7, traceExemplarLabels('batch-a2'), T0 + REFRESH, REFRESH);
    ex = exemplars(vec);
    assert.equal(ex.get('0.1'), `batch-low3 0.07 ${secs(T0 + REFRESH)}`);
    assert.equal(ex.get('1'), `own-a 0.5 ${secs(T0 + 1)}`);
    observe(h, 0.8, traceExemplarLabels('batch-a3'), T0 + 1 + REFRESH, REFRESH);
    assert.equal(exemplars(vec).get('1'), `batch-a3 0.8 ${secs(T0 + 1 + REFRESH)}`);
  });

  it('a clock set back replaces the exemplar (it is not held until the clock catches up)', () => {
    const { vec, h } = histogram();
    observe(h, 0.5, traceExemplarLabels('later'), T0 + 60_000, REFRESH);
    observe(h, 0.6, traceExemplarLabels('earlier'), T0, REFRESH);
    assert.equal(exemplars(vec).get('1'), `earlier 0.6 ${secs(T0)}`);
  });

  it('a window holds every bucket that took an exemplar in it, and the next window lets each take one again', () => {
    const { vec, h } = histogram();
    observe(h, 0.5, traceExemplarLabels('w1-busy'), T0, REFRESH);
    observe(h, 5, traceExemplarLabels('w1-late'), T0 + 900, REFRESH);
    observe(h, 6, traceExemplarLabels('w1-held'), T0 + 950, REFRESH);
    observe(h, 0.7, traceExemplarLabels('w1-held-too'), T0 + 999, REFRESH);
    assert.equal(exemplars(vec).get('1'), `w1-busy 0.5 ${secs(T0)}`);
    assert.equal(exemplars(vec).get('10'), `w1-late 5 ${secs(T0 + 900)}`);
    // A new window from T0 + REFRESH: the tail bucket's exemplar is only 100 ms old, and is replaced all the same.
    observe(h, 7, traceExemplarLabels('w2-tail'), T0 + REFRESH, REFRESH);
    observe(h, 0.8, traceExemplarLabels('w2-busy'), T0 + REFRESH + 1, REFRESH);
    observe(h, 8, traceExemplarLabels('w2-held'), T0 + REFRESH + 2, REFRESH);
    assert.equal(exemplars(vec).get('10'), `w2-tail 7 ${secs(T0 + REFRESH)}`);
    assert.equal(exemplars(vec).get('1'), `w2-busy 0.8 ${secs(T0 + REFRESH + 1)}`);
  });

  it('buckets past the 31st keep their exemplar until it is refreshMs old, whatever the window (no bit of another bucket)', () => {
    const bounds = Array.from({ length: 40 }, (_, k) => k + 1);
    const vec = new HistogramVec('y_seconds', 'Wide.', ['venue'], bounds);
    const h = vec.child(['a']);
    const exemplarOf = (le: string) => new RegExp(`_bucket\\{venue="a",le="${le}"\\} \\d+ # \\{trace_id="([^"]+)"\\}`).exec(renderOpenMetrics([vec.family()]))?.[1];
    observe(h, 35, traceExemplarLabels('first'), T0, REFRESH);
    observe(h, 34.5, traceExemplarLabels('young'), T0 + 10, REFRESH);
    assert.equal(exemplarOf('35'), 'first');
    // A new window, opened by bucket 2 (bit 2, which 1 << 34 would alias).
    observe(h, 2.5, traceExemplarLabels('low'), T0 + 1500, REFRESH);
    observe(h, 34.7, traceExemplarLabels('old-enough'), T0 + 1600, REFRESH);
    observe(h, 34.9, traceExemplarLabels('held'), T0 + 1700, REFRESH);
    assert.equal(exemplarOf('3'), 'low');
    assert.equal(exemplarOf('35'), 'old-enough');
  });

  it('the first exemplar of a bucket is kept even at timestamp 0 (a test clock)', () => {
    const { vec, h } = histogram();
    observe(h, 0.5, traceExemplarLabels('t0'), 0, REFRESH);
    assert.equal(exemplars(vec).get('1'), `t0 0.5 ${secs(0)}`);
  });
});
