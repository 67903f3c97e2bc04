// The simulator's traffic is valid for the real ingest validation, looks normal without incidents (no
// alert threshold crossed), and each incident moves its figure past the matching alert threshold.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IncidentSpecError, parseIncidentSpec } from '../src/sim/incidents.js';
import { T0 } from './helpers.js';
import { figures, simulate } from './sim-helpers.js';

const values = (o: Record<string, number>) => Object.values(o);
const show = (o: unknown) => JSON.stringify(o, null, 1);

describe('market simulator', () => {
  it('produces valid, normal-looking traffic: no alert threshold crossed', () => {
    const w = simulate({ seconds: 360, measureFrom: 60 });
    assert.ok(w.events > 20_000, `events: ${w.events}`);
    const f = figures(w);
    assert.equal(Object.keys(f.fillRate).length, 4, 'four venues');
    for (const v of values(f.completionP95)) assert.ok(v > 0.05 && v < 1, `completion p95 ${show(f.completionP95)}`);
    for (const v of values(f.slippageP95)) assert.ok(v > 0.0001 && v < 0.001, `slippage p95 ${show(f.slippageP95)}`);
    for (const v of values(f.fillRate)) assert.ok(v > 0.95 && v < 1, `fill rate ${show(f.fillRate)}`);
    for (const v of values(f.rejectRatio)) assert.ok(v > 0 && v < 0.05, `reject ratio ${show(f.rejectRatio)}`);
    // Quotes on every venue and symbol: every markout measured, none adverse past the alert's 5 bp.
    for (const v of values(f.markout5s)) assert.ok(v > -0.0005 && v < 0.0005, `5 s markout ${show(f.markout5s)}`);
    for (const v of values(f.unmeasuredShare)) assert.equal(v, 0, `unmeasured markouts ${show(f.unmeasuredShare)}`);
    assert.ok(f.accuracy5m > 0.85, `accuracy ${f.accuracy5m}`);
    assert.ok(f.drawdown < 0.05, `drawdown ${f.drawdown}`);
    assert.deepEqual(Object.keys(f.executionOver500ms).sort(), ['market-making', 'mean-reversion', 'momentum', 'stat-arb']);
    for (const v of values(f.executionOver500ms)) assert.ok(v < 0.05, `decision cycles over 500 ms ${show(f.executionOver500ms)}`);
  });

  const cases: Array<{ incident: string; check: (f: ReturnType<typeof figures>) => void }> = [
    { incident: 'slippage-spike@30s', check: (f) => values(f.slippageP95).forEach((v) => assert.ok(v > 0.001, show(f.slippageP95))) },
    { incident: 'latency-spike@30s', check: (f) => values(f.completionP95).forEach((v) => assert.ok(v > 1, show(f.completionP95))) },
    { incident: 'reject-storm@30s', check: (f) => values(f.rejectRatio).forEach((v) => assert.ok(v > 0.15, show(f.rejectRatio))) },
    { incident: 'fill-rate-collapse@30s', check: (f) => values(f.fillRate).forEach((v) => assert.ok(v < 0.8, show(f.fillRate))) },
    { incident: 'model-degradation@30s', check: (f) => assert.ok(f.accuracy5m < 0.7, String(f.accuracy5m)) },
    { incident: 'drawdown@30s', check: (f) => assert.ok(f.drawdown > 0.3, String(f.drawdown)) },
    {
      incident: 'venue-outage=okx@30s',
      check: (f) => {
        assert.ok(f.rejectRatio.okx > 0.9, show(f.rejectRatio));
        assert.ok(f.fillRate.okx < 0.05, show(f.fillRate));
        assert.ok(f.fillRate.binance > 0.95, 'other venues keep trading');
      },
    },
    {
      // 5% of cycles over 500 ms is the whole error budget of the 95% SLO; the slowed strategy burns it > 14×
      // (over 72% of its cycles over 500 ms), even the normally fastest one.
      incident: 'strategy-slowdown=market-making@30s',
      check: (f) => {
        assert.ok(f.executionOver500ms['market-making'] > 0.72, show(f.executionOver500ms));
        for (const s of ['momentum', 'mean-reversion', 'stat-arb']) assert.ok(f.executionOver500ms[s] < 0.05, show(f.executionOver500ms));
      },
    },
    {
      incident: 'reject-storm=okx@30s',
      check: (f) => {
        assert.ok(f.rejectRatio.okx > 0.15, show(f.rejectRatio));
        for (const v of ['binance', 'bybit', 'kraken']) assert.ok(f.rejectRatio[v] < 0.05, `only okx storms: ${show(f.rejectRatio)}`);
      },
    },
    {
      incident: 'toxic-venue=kraken@30s',
      check: (f) => {
        assert.ok(f.markout5s.kraken > 0.0005, show(f.markout5s));
        for (const v of ['binance', 'bybit', 'okx']) assert.ok(f.markout5s[v] < 0.0005, `only kraken is toxic: ${show(f.markout5s)}`);
      },
    },
    { incident: 'strategy-slowdown@30s', check: (f) => assert.ok(f.executionOver500ms.momentum > 0.72, show(f.executionOver500ms)) },
  ];
  for (const c of cases) {
    it(`${c.incident} crosses its alert threshold`, () => {
      c.check(figures(simulate({ incident: c.incident, seconds: 240, measureFrom: 60 })));
    });
  }

  it('parses incident specs and refuses bad ones with a clear message', () => {
    const i = parseIncidentSpec('venue-outage=okx@2m:10m', T0);
    assert.deepEqual(i, { name: 'venue-outage', venue: 'okx', startsAt: T0 + 120_000, endsAt: T0 + 720_000 });
    assert.equal(parseIncidentSpec('slippage-spike@60s', T0).endsAt, T0 + 60_000 + 15 * 60_000);
    assert.throws(() => parseIncidentSpec('meteor@1m', T0), (e: Error) => e instanceof IncidentSpecError && /unknown incident "meteor"/.test(e.message));
    assert.throws(() => parseIncidentSpec('slippage-spike', T0), /NAME@START/);
    assert.throws(() => parseIncidentSpec('slippage-spike@soon', T0), /START must be a duration/);
    assert.throws(() => parseIncidentSpec('drawdown=okx@1m', T0), /only venue-outage, reject-storm and toxic-venue take =VENUE, and strategy-slowdown =STRATEGY/);
    assert.deepEqual(parseIncidentSpec('strategy-slowdown=stat-arb@1m:5m', T0), {
      name: 'strategy-slowdown',
      strategy: 'stat-arb',
      startsAt: T0 + 60_000,
      endsAt: T0 + 360_000,
    });
  });
});
