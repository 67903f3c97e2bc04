// Exposure, volatility and VaR against hand-computed cases (the arithmetic is in the comments).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assetOf, exposures } from '../src/risk/exposure.js';
import { MarkVolatility } from '../src/risk/mark-volatility.js';
import { normalQuantile } from '../src/risk/normal-quantile.js';
import { valueAtRisk } from '../src/risk/value-at-risk.js';

const close = (actual: number | undefined, expected: number, tol: number, what: string) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tol, `${what}: expected ${expected} ± ${tol}, got ${actual}`);

test('normal quantiles: the z of the usual confidences (from tables) and symmetry', () => {
  close(normalQuantile(0.99), 2.326347874, 1e-8, 'z 99%');
  close(normalQuantile(0.95), 1.644853627, 1e-8, 'z 95%');
  close(normalQuantile(0.975), 1.959963985, 1e-8, 'z 97.5%');
  close(normalQuantile(0.999), 3.090232306, 1e-8, 'z 99.9% (tail branch)');
  close(normalQuantile(0.5), 0, 1e-12, 'median');
  close(normalQuantile(0.01), -2.326347874, 1e-8, 'lower tail');
  assert.throws(() => normalQuantile(1), /\(0, 1\), got 1/);
});

test('realised volatility of marks 60 s apart alternating ±1% in log: σ² = 1e-4 / 60 per second', () => {
  const v = new MarkVolatility({ windowMs: 3_600_000, minReturns: 10 });
  const t0 = Date.UTC(2026, 0, 5, 9);
  for (let i = 0; i <= 20; i++) v.observe('binance\u0000BTC/USDT', t0 + i * 60_000, 100 * Math.exp(i % 2 === 0 ? 0 : 0.01));
  close(v.variancePerSecond('binance\u0000BTC/USDT'), 1e-4 / 60, 1e-15, 'variance per second');
  // Over 1 day: √(1e-4 / 60 × 86,400) = √0.144 = 0.379473319; over 1 h: √0.006 = 0.077459667.
  close(v.volatility('binance\u0000BTC/USDT', 86_400), 0.379473319, 1e-9, '1d σ');
  close(v.volatility('binance\u0000BTC/USDT', 3_600), 0.077459667, 1e-9, '1h σ');
  // Too few returns: no estimate. A late mark (older than the latest) is ignored.
  const few = new MarkVolatility({ windowMs: 3_600_000, minReturns: 10 });
  for (let i = 0; i < 10; i++) few.observe('f', t0 + i * 60_000, 100 + i);
  assert.equal(few.variancePerSecond('f'), undefined, '9 returns < 10');
  few.observe('f', t0, 500);
  assert.equal(few.variancePerSecond('f'), undefined, 'a late mark adds no return');
  few.observe('f', t0 + 10 * 60_000, 110);
  assert.ok(few.variancePerSecond('f')! > 0);
});

test('the window drops marks older than it, counted back from the latest mark', () => {
  const v = new MarkVolatility({ windowMs: 10 * 60_000, minReturns: 2 });
  const t0 = 0;
  // A 50% jump long ago, then quiet ±1% moves: once the jump leaves the window, only the quiet moves count.
  v.observe('f', t0, 100);
  v.observe('f', t0 + 60_000, 150);
  for (let i = 2; i <= 30; i++) v.observe('f', t0 + i * 60_000, 150 * Math.exp(i % 2 === 0 ? 0 : 0.01));
  close(v.variancePerSecond('f'), 1e-4 / 60, 1e-15, 'variance of the last 10 minutes only');
});

test('exposure: gross Σ|q×mark| and net Σ q×mark by venue, asset (base of the symbol) and strategy', () => {
  assert.equal(assetOf('BTC/USDT'), 'BTC');
  assert.equal(assetOf('BTC/USDT:USDT'), 'BTC');
  assert.equal(assetOf('AAPL'), 'AAPL');
  const ex = exposures([
    { venue: 'binance', account: 'a', symbol: 'BTC/USDT', strategy: 'mm', quantity: 2, markPrice: 50_000 }, // +100,000
    { venue: 'binance', account: 'a', symbol: 'ETH/USDT', strategy: 'mm', quantity: -10, markPrice: 3_000 }, // −30,000
    { venue: 'kraken', account: 'b', symbol: 'BTC/USD', strategy: 'momentum', quantity: -1, markPrice: 50_100 }, // −50,100
  ]);
  assert.deepEqual(ex.venue.get('binance'), { gross: 130_000, net: 70_000 });
  assert.deepEqual(ex.venue.get('kraken'), { gross: 50_100, net: -50_100 });
  assert.deepEqual(ex.asset.get('BTC'), { gross: 150_100, net: 49_900 });
  assert.deepEqual(ex.asset.get('ETH'), { gross: 30_000, net: -30_000 });
  assert.deepEqual(ex.strategy.get('mm'), { gross: 130_000, net: 70_000 });
});

test('parametric VaR: one position, two factors undiversified, ρ = 0 and a perfect hedge at ρ = 1', () => {
  const sA = Math.sqrt(0.144); // 0.379473319, the 1d σ above
  const sB = Math.sqrt(0.576); // 0.758946638: ±2% moves, 1d
  // 100,000 long at 99%, 1d: 2.326347874 × 0.379473319 × 100,000 = 88,278.69.
  close(valueAtRisk([{ notional: 100_000, volatility: sA }], 0.99).value, 88_278.69, 0.01, 'one factor');
  // 95%, 1h: 1.644853627 × √0.006 × 100,000 = 1.644853627 × 0.077459667 × 100,000 = 12,740.98.
  close(valueAtRisk([{ notional: 100_000, volatility: Math.sqrt(0.006) }], 0.95).value, 12_740.98, 0.01, 'one factor, 95% 1h');
  // A long 100,000 with σ 0.3795 and a short 50,000 with σ 0.7589: w·σ = +37,947.33 and −37,947.33.
  const two = [
    { notional: 100_000, volatility: sA },
    { notional: -50_000, volatility: sB },
  ];
  // Undiversified: 2.326347874 × (37,947.33 + 37,947.33) = 176,557.39.
  close(valueAtRisk(two, 0.99).value, 176_557.39, 0.01, 'sum');
  // ρ = 0: 2.326347874 × √2 × 37,947.33 = 124,844.93.
  close(valueAtRisk(two, 0.99, 0).value, 124_844.93, 0.01, 'ρ = 0');
  // ρ = 1: the short offsets the long exactly.
  close(valueAtRisk(two, 0.99, 1).value, 0, 1e-6, 'ρ = 1');
  // A factor without volatility is counted, not priced; a flat position is neither.
  const r = valueAtRisk([...two, { notional: 5_000, volatility: undefined }, { notional: 0, volatility: undefined }], 0.99);
  assert.equal(r.unpriced, 1);
  close(r.value, 176_557.39, 0.01, 'unpriced left out');
});
