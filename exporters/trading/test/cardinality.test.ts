// The cardinality guard: symbols and strategies past their limit or outside their allowlist fold into
// "other" and trading_series_dropped_total rises; no label ever carries an order id.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSamples, post, sample, scrape, startExporter, submitted } from './helpers.js';

describe('cardinality guard', () => {
  it('folds symbols past --limits.symbols into other and counts the drops', async () => {
    const ex = await startExporter(['--limits.symbols=2', '--limits.strategies=1']);
    try {
      const now = Date.now();
      const events = ['A/USD', 'B/USD', 'C/USD', 'D/USD', 'A/USD'].map((symbol, i) => submitted(`ord-${i}`, now, { symbol, strategy: i === 0 ? 's1' : 's2' }));
      assert.equal((await post(ex.url, events)).status, 202);
      const text = await scrape(ex.url);
      const m = parseSamples(text);
      assert.equal(sample(m, 'trading_orders_submitted_total', { symbol: 'A/USD' }), 2);
      assert.equal(sample(m, 'trading_orders_submitted_total', { symbol: 'B/USD' }), 1);
      assert.equal(sample(m, 'trading_orders_submitted_total', { symbol: 'other' }), 2);
      assert.equal(sample(m, 'trading_orders_submitted_total', { strategy: 'other' }), 4);
      // 2 symbols and 4 strategies folded.
      assert.equal(sample(m, 'trading_series_dropped_total'), 6);
      assert.ok(!text.includes('ord-'), 'order ids never appear in labels');
    } finally {
      await ex.stop();
    }
  });

  it('keeps only allowlisted symbols and strategies', async () => {
    const ex = await startExporter(['--limits.symbol-allowlist=BTC/USDT', '--limits.strategy-allowlist=momentum', '--limits.strategy-allowlist=carry']);
    try {
      const now = Date.now();
      await post(ex.url, [submitted('1', now), submitted('2', now, { symbol: 'DOGE/USDT', strategy: 'carry' }), submitted('3', now, { strategy: 'yolo' })]);
      const m = parseSamples(await scrape(ex.url));
      assert.equal(sample(m, 'trading_orders_submitted_total', { symbol: 'BTC/USDT', strategy: 'momentum' }), 1);
      assert.equal(sample(m, 'trading_orders_submitted_total', { symbol: 'other', strategy: 'carry' }), 1);
      assert.equal(sample(m, 'trading_orders_submitted_total', { symbol: 'BTC/USDT', strategy: 'other' }), 1);
      assert.equal(sample(m, 'trading_series_dropped_total'), 2);
    } finally {
      await ex.stop();
    }
  });

  it('rejects a bad limit flag at start-up', async () => {
    await assert.rejects(startExporter(['--limits.symbols=0']), /--limits.symbols: expected a number greater than 0/);
  });
});
