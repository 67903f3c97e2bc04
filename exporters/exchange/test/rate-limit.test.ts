// Rate-limit figures from response headers: limit-and-remainder pairs, and used weight over a venue's limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_WEIGHT_LIMITS, parseWeightLimits, rateLimitUsed } from '../src/rate-limit.js';

describe('rateLimitUsed', () => {
  it('reads limit and remainder pairs (bybit, X-RateLimit-*), whatever the header case', () => {
    assert.ok(Math.abs(rateLimitUsed({ 'X-Bapi-Limit': '50', 'X-Bapi-Limit-Status': '42' })! - 0.16) < 1e-12);
    assert.equal(rateLimitUsed({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '25' }), 0.75);
  });

  it('divides binance used weight by the limit it is given, clamped to 0..1', () => {
    assert.equal(rateLimitUsed({ 'x-mbx-used-weight': '1500', 'x-mbx-used-weight-1m': '1500' }, 6000), 0.25);
    assert.equal(rateLimitUsed({ 'X-MBX-USED-WEIGHT-1M': '7000' }, 6000), 1);
    assert.equal(rateLimitUsed({ 'x-mbx-used-weight-1m': '-3' }, 6000), 0);
  });

  it('gives no figure without a limit for the used weight, without headers, or for venues that send none (okx, kraken)', () => {
    assert.equal(rateLimitUsed({ 'x-mbx-used-weight-1m': '1500' }), undefined);
    assert.equal(rateLimitUsed({ 'x-mbx-used-weight-1m': 'n/a' }, 6000), undefined);
    assert.equal(rateLimitUsed(undefined, 6000), undefined);
    assert.equal(rateLimitUsed({ 'content-type': 'application/json' }, 6000), undefined);
  });

  it('prefers a limit and remainder the venue sends over a configured weight limit', () => {
    assert.equal(
      rateLimitUsed(
        { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '5', 'x-mbx-used-weight-1m': '1' },
        6000,
      ),
      0.5,
    );
  });
});

describe('parseWeightLimits (--exchange.weight-limit)', () => {
  it("defaults to binance's documented 6000 per minute", () => {
    assert.deepEqual(parseWeightLimits([]), { binance: 6000 });
    assert.equal(DEFAULT_WEIGHT_LIMITS.binance, 6000);
  });

  it('overrides and adds venues', () => {
    assert.deepEqual(parseWeightLimits(['binance=1200', 'binanceusdm=2400']), {
      binance: 1200,
      binanceusdm: 2400,
    });
  });

  it('names a bad value', () => {
    for (const bad of ['binance', 'binance=0', 'binance=-5', '=6000', 'binance=6k']) {
      assert.match(String(parseWeightLimits([bad])), /expected ID=LIMIT/, bad);
    }
  });
});
