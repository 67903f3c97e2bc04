// The exporter kit's text rendering, as exporters that keep frozen label objects (the trading exporter's series) rely on it: frozen label sets (which the
// trading series use) are rendered once and reused, and render exactly like unfrozen ones, escaping included.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeLabelValue, renderText, type MetricFamily } from '../src/index.js';

describe('kit text exposition with frozen label sets', () => {
  it('renders frozen and unfrozen label sets identically, escaping included', () => {
    const plain = { venue: 'bin"ance', symbol: 'BTC\\USDT', note: 'two\nlines' };
    const family = (labels: Record<string, string>): MetricFamily[] => [{ name: 'x_total', help: 'h', type: 'counter', samples: [{ labels, value: 1 }] }];
    const expected = 'x_total{venue="bin\\"ance",symbol="BTC\\\\USDT",note="two\\nlines"} 1';
    assert.ok(renderText(family({ ...plain })).includes(expected));
    const frozen = Object.freeze({ ...plain });
    assert.ok(renderText(family(frozen)).includes(expected));
    assert.ok(renderText(family(frozen)).includes(expected), 'second render from the cache');
  });

  it('does not reuse text for a mutable label set that changed between scrapes', () => {
    const labels: Record<string, string> = { venue: 'a' };
    const f = (): MetricFamily[] => [{ name: 'g', help: 'h', type: 'gauge', samples: [{ labels, value: 1 }] }];
    assert.match(renderText(f()), /g\{venue="a"\} 1/);
    labels.venue = 'b';
    assert.match(renderText(f()), /g\{venue="b"\} 1/);
  });

  it('escapes only what needs escaping', () => {
    assert.equal(escapeLabelValue('plain'), 'plain');
    assert.equal(escapeLabelValue('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
  });
});
