// strategy.signal's executionSeconds over real HTTP: observed into
// trading_strategy_execution_duration_seconds{strategy} (the strategy-engine SLO reads its 0.5 bucket), every bad
// value a 400 naming the field that applies nothing of the batch, and promtool accepting the exposition.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertMetricsClean } from '@vigil/test-support';
import { parseSamples, post, sample, scrape, startExporter, type Running } from './helpers.js';

const FAMILY = 'trading_strategy_execution_duration_seconds';

describe('strategy execution duration', () => {
  let ex: Running;
  before(async () => {
    ex = await startExporter(['--limits.strategies=2']);
  });
  after(async () => ex.stop());

  const signal = (strategy: string, extra: Record<string, unknown> = {}) => ({
    type: 'strategy.signal',
    ts: Date.now(),
    strategy,
    signalType: 'enter_long',
    confidence: 0.8,
    ...extra,
  });
  const metrics = async () => parseSamples(await scrape(ex.url));

  it('observes executionSeconds per strategy, with 0.5 s as a bucket bound', async () => {
    const r = await post(ex.url, [
      signal('momentum', { executionSeconds: 0.12 }),
      signal('momentum', { executionSeconds: 0.5 }),
      signal('momentum', { executionSeconds: 0.75 }),
      signal('momentum', { executionSeconds: 0 }),
      signal('stat-arb', { executionSeconds: 42 }),
      // Without a timing the signal still counts, but the histogram holds only measured cycles.
      signal('stat-arb'),
      signal('stat-arb', { executionSeconds: null }),
    ]);
    assert.equal(r.status, 202, JSON.stringify(r.json));
    const m = await metrics();
    const momentum = { strategy: 'momentum' };
    assert.equal(sample(m, `${FAMILY}_count`, momentum), 4);
    assert.ok(Math.abs(sample(m, `${FAMILY}_sum`, momentum)! - 1.37) < 1e-9);
    // le="0.5" is inclusive (Prometheus semantics): 0, 0.12 and exactly 0.5.
    assert.equal(sample(m, `${FAMILY}_bucket`, { ...momentum, le: '0.5' }), 3);
    assert.equal(sample(m, `${FAMILY}_bucket`, { ...momentum, le: '0.005' }), 1);
    assert.equal(sample(m, `${FAMILY}_bucket`, { ...momentum, le: '1' }), 4);
    const statArb = { strategy: 'stat-arb' };
    assert.equal(sample(m, `${FAMILY}_count`, statArb), 1);
    assert.equal(sample(m, `${FAMILY}_bucket`, { ...statArb, le: '10' }), 0);
    assert.equal(sample(m, `${FAMILY}_bucket`, { ...statArb, le: '+Inf' }), 1);
    assert.equal(sample(m, 'trading_strategy_signals_total', statArb), 3);
  });

  it('folds strategies past --limits.strategies into other', async () => {
    const r = await post(ex.url, [signal('a-third-strategy', { executionSeconds: 0.2 })]);
    assert.equal(r.status, 202);
    const m = await metrics();
    assert.equal(sample(m, `${FAMILY}_count`, { strategy: 'other' }), 1);
    assert.equal(sample(m, `${FAMILY}_count`, { strategy: 'a-third-strategy' }), undefined);
  });

  // The bad event as JSON text, so 1e999 (Infinity once parsed) can be sent as written.
  const badSignal = (value: string) => JSON.stringify(signal('momentum')).replace(/}$/, `,"executionSeconds":${value}}`);
  const bad: Array<{ name: string; value: string; error: RegExp }> = [
    { name: 'a negative value', value: '-0.1', error: />= 0/ },
    { name: 'an hour or more', value: '3600', error: /< 3600/ },
    { name: 'milliseconds sent as seconds', value: '250000', error: /< 3600/ },
    { name: 'a string', value: '"0.2"', error: /finite number/ },
    { name: 'a boolean', value: 'true', error: /finite number/ },
    { name: 'Infinity (1e999)', value: '1e999', error: /finite number/ },
  ];
  for (const c of bad) {
    it(`400 naming executionSeconds on ${c.name}, applying nothing of the batch`, async () => {
      const m0 = await metrics();
      const before = {
        rejected: sample(m0, 'trading_events_rejected_total', { reason: 'invalid_field' }) ?? 0,
        signals: sample(m0, 'trading_strategy_signals_total') ?? 0,
        count: sample(m0, `${FAMILY}_count`) ?? 0,
      };
      // A good signal first: the bad one refuses the whole batch.
      const body = `[${JSON.stringify(signal('momentum', { executionSeconds: 0.1 }))},${badSignal(c.value)}]`;
      const r = await post(ex.url, body);
      assert.equal(r.status, 400, JSON.stringify(r.json));
      assert.equal(r.json.field, 'executionSeconds');
      assert.equal(r.json.index, 1);
      assert.match(String(r.json.error), /^events\[1\]\.executionSeconds: expected /);
      assert.match(String(r.json.error), c.error);
      const m1 = await metrics();
      assert.equal(sample(m1, 'trading_events_rejected_total', { reason: 'invalid_field' }), before.rejected + 2);
      assert.equal(sample(m1, 'trading_strategy_signals_total') ?? 0, before.signals, 'nothing applied');
      assert.equal(sample(m1, `${FAMILY}_count`) ?? 0, before.count, 'nothing observed');
    });
  }

  it('passes promtool check metrics with the histogram in the exposition', async () => {
    const text = await scrape(ex.url);
    assert.match(text, new RegExp(`# TYPE ${FAMILY} histogram`));
    assertMetricsClean(text);
  });
});
