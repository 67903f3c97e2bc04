// Rolling model accuracy is windowed by each outcome's event time, not by when the batch reached the
// exporter: a late batch lands in the slots of when its outcomes happened.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RollingAccuracy } from '../src/models/rolling-accuracy.js';
import { Clock, parseSamples, post, sample, scrape, startExporter, T0 } from './helpers.js';

const MIN = 60_000;

describe('RollingAccuracy', () => {
  it('puts each outcome in the slot of its event time', () => {
    const acc = new RollingAccuracy();
    const now = T0;
    for (let i = 0; i < 3; i++) assert.ok(acc.record(now, now - 30 * MIN, false));
    assert.ok(acc.record(now, now - 1000, true));
    assert.equal(acc.ratio(now, 30), 1, '5m: only the recent outcome');
    assert.equal(acc.ratio(now, 360), 0.25, '1h: all four');
  });

  it('refuses outcomes older than the longest window and clamps future ones to now', () => {
    const acc = new RollingAccuracy();
    assert.equal(acc.record(T0, T0 - 61 * MIN, true), false);
    assert.equal(acc.ratio(T0, 360), undefined);
    assert.ok(acc.record(T0, T0 + 5000, false));
    assert.equal(acc.ratio(T0, 1), 0, 'a timestamp slightly ahead counts in the newest slot');
  });

  it('lets outcomes age out of the windows as time passes', () => {
    const acc = new RollingAccuracy();
    acc.record(T0, T0, true);
    acc.record(T0 + 4 * MIN, T0 + 4 * MIN, false);
    assert.equal(acc.ratio(T0 + 4 * MIN, 30), 0.5);
    assert.equal(acc.ratio(T0 + 6 * MIN, 30), 0, 'the first outcome left the 5m window');
    assert.equal(acc.ratio(T0 + 6 * MIN, 360), 0.5);
    assert.equal(acc.ratio(T0 + 65 * MIN, 360), undefined, 'both left the 1h window');
    // A late outcome for a slot that was already passed and cleared is still counted there.
    assert.ok(acc.record(T0 + 65 * MIN, T0 + 62 * MIN, true));
    assert.equal(acc.ratio(T0 + 65 * MIN, 30), 1);
  });
});

describe('trading_model_accuracy_ratio over HTTP', () => {
  it('windows a late batch by the outcomes’ own timestamps', async () => {
    const clock = new Clock();
    const ex = await startExporter([], clock);
    try {
      const outcome = (ts: number, correct: boolean) => ({ type: 'model.outcome', ts, model: 'mid-px', version: 'v3', correct });
      // One batch, posted now: 9 wrong outcomes from 20 minutes ago, 1 right one from a minute ago, and one
      // from two hours ago (counted, outside both windows).
      const batch = [...Array.from({ length: 9 }, () => outcome(clock.t - 20 * MIN, false)), outcome(clock.t - MIN, true), outcome(clock.t - 120 * MIN, true)];
      assert.equal((await post(ex.url, batch)).status, 202);
      const m = parseSamples(await scrape(ex.url));
      const labels = { model: 'mid-px', version: 'v3' };
      assert.equal(sample(m, 'trading_model_accuracy_ratio', { ...labels, window: '5m' }), 1);
      assert.equal(sample(m, 'trading_model_accuracy_ratio', { ...labels, window: '1h' }), 0.1);
      assert.equal(sample(m, 'trading_model_predictions_total', { ...labels, outcome: 'correct' }), 2);
      assert.equal(sample(m, 'trading_model_predictions_total', { ...labels, outcome: 'incorrect' }), 9);
    } finally {
      await ex.stop();
    }
  });
});
