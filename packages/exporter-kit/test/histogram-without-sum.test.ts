// A histogram whose observations can be negative exports no _sum (sum: false): its sum can go down, and rate() or
// increase() would read each fall as a counter reset. Its buckets and _count stay, in every encoding, grouped or not.
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { assertMetricsClean } from '@vigil/test-support';
import {
  HistogramVec,
  observe,
  renderOpenMetrics,
  renderOpenMetricsGzip,
  renderText,
  renderTextGzip,
  type HistogramOptions,
  type MetricFamily,
} from '../src/index.js';

function signed(options: HistogramOptions): MetricFamily[] {
  const h = new HistogramVec('x_markout_ratio', 'Signed.', ['venue'], [-0.01, 0, 0.01], options);
  for (const v of [0.005, -0.02, -0.005]) observe(h.child(['a']), v);
  observe(h.child(['b']), 0.02);
  return [h.family()];
}

describe('a histogram with sum: false', () => {
  for (const [what, options] of [
    ['plain', { sum: false }],
    ['partitioned', { sum: false, partitionBy: 'venue' }],
  ] as const) {
    it(`${what}: no _sum in text, OpenMetrics and both gzipped; buckets and _count as before; promtool clean`, () => {
      const bodies = {
        text: renderText(signed(options)),
        openMetrics: renderOpenMetrics(signed(options)),
        textGzip: gunzipSync(renderTextGzip(signed(options))).toString('utf8'),
        openMetricsGzip: gunzipSync(renderOpenMetricsGzip(signed(options))).toString('utf8'),
      };
      for (const [encoding, body] of Object.entries(bodies)) {
        assert.doesNotMatch(body, /_sum/, encoding);
        assert.match(body, /^x_markout_ratio_count\{venue="a"\} 3$/m, encoding);
        assert.match(body, /^x_markout_ratio_bucket\{venue="a",le="0"\} 2$/m, encoding);
        assert.match(body, /^x_markout_ratio_bucket\{venue="b",le="\+Inf"\} 1$/m, encoding);
      }
      assertMetricsClean(bodies.text, `${what} text`);
      // The same family with its sum, for contrast: only the _sum lines differ.
      const withSum = renderText(signed({ ...options, sum: true }));
      assert.match(withSum, /^x_markout_ratio_sum\{venue="a"\} -0\.02$/m);
      assert.equal(withSum.replace(/^x_markout_ratio_sum.*\n/gm, ''), bodies.text);
    });
  }
});
