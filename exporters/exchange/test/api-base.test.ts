// --exchange.api-base: REST and websocket URLs both go to the base, keeping the original host and port.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rewriteUrl, rewriteUrls } from '../src/api-base.js';

describe('rewriteUrl', () => {
  const base = 'http://127.0.0.1:9000/';
  it('keeps the host as the first path segment of REST URLs', () => {
    assert.equal(
      rewriteUrl('https://api.binance.com/api/v3', base),
      'http://127.0.0.1:9000/api.binance.com/api/v3',
    );
    assert.equal(rewriteUrl('https://{hostname}', base), 'http://127.0.0.1:9000/{hostname}');
  });

  it('sends websocket URLs to the same base with the ws scheme, keeping host and port', () => {
    assert.equal(
      rewriteUrl('wss://ws.okx.com:8443/ws/v5', base),
      'ws://127.0.0.1:9000/ws.okx.com:8443/ws/v5',
    );
    assert.equal(
      rewriteUrl('wss://stream.binance.com:9443/ws', 'https://proxy.internal'),
      'wss://proxy.internal/stream.binance.com:9443/ws',
    );
  });

  it('leaves other strings alone', () => {
    assert.equal(rewriteUrl('spot', base), 'spot');
  });

  it('rewrites ccxt url trees, arrays included', () => {
    assert.deepEqual(
      rewriteUrls({ rest: 'https://a.com/x', ws: { spot: 'wss://b.com/ws' }, list: ['https://c.com'] }, base),
      {
        rest: 'http://127.0.0.1:9000/a.com/x',
        ws: { spot: 'ws://127.0.0.1:9000/b.com/ws' },
        list: ['http://127.0.0.1:9000/c.com'],
      },
    );
  });
});
