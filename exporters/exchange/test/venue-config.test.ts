// The venues file and the --exchange flags: what is accepted, and errors that name the venue and the field.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '@vigil/test-support';
import { loadCredentials } from '../src/venues/credentials.js';
import { parseVenuesFile, sameVenue, venuesFromFlags } from '../src/venues/venue-config.js';

const defaults = { pollIntervalMs: 15_000, stream: false };
const parse = (text: string) => parseVenuesFile(text, 'venues.yml', defaults);

describe('venues file', () => {
  it('reads every field, with defaults for the ones left out', () => {
    const v = parse(`venues:
  - id: okx
    symbols: [BTC/USDT, BTC/USDT:USDT]
    poll_interval: 5s
    credentials_file: /etc/vigil/okx.json
    sandbox: true
    stream: true
    request_interval: 200ms
  - id: kraken
`);
    assert.deepEqual(v[0], {
      id: 'okx',
      exchange: 'okx',
      symbols: ['BTC/USDT', 'BTC/USDT:USDT'],
      pollIntervalMs: 5000,
      credentialsFile: '/etc/vigil/okx.json',
      sandbox: true,
      stream: true,
      requestIntervalMs: 200,
    });
    assert.deepEqual(v[1], { id: 'kraken', exchange: 'kraken', symbols: [], pollIntervalMs: 15_000, credentialsFile: undefined, sandbox: false, stream: false });
  });

  it('names the venue and the field of each mistake', () => {
    const cases: Array<[string, RegExp]> = [
      ['venues:\n  - id: okx\n    symbols: BTC/USDT\n', /venues\.yml: venue okx: field symbols: expected a list/],
      ['venues:\n  - id: okx\n    symbols: [BTCUSDT]\n', /venue okx: field symbols/],
      ['venues:\n  - id: okx\n    poll_interval: soon\n', /venue okx: field poll_interval: expected a duration/],
      ['venues:\n  - id: okx\n    poll_interval: 10ms\n', /venue okx: field poll_interval/],
      ['venues:\n  - id: okx\n    sandbox: yes please\n', /venue okx: field sandbox: expected true or false/],
      ['venues:\n  - id: okx\n    credentials_file: 3\n', /venue okx: field credentials_file/],
      ['venues:\n  - id: okx\n    api_key: abc\n', /venue okx: unknown field api_key/],
      ['venues:\n  - id: okx\n  - id: okx\n', /venue okx: field id: listed twice/],
      ['venues:\n  - id: OKX!\n', /venue #1: field id: expected a ccxt exchange id/],
      ['venues:\n  - symbols: [BTC/USDT]\n', /venue #1: field id/],
      ['venues: okx\n', /top-level field venues/],
      ['venues: [\n', /not YAML/],
    ];
    for (const [text, want] of cases) assert.throws(() => parse(text), want, text);
  });

  it('lets several venues (accounts) share one ccxt exchange', () => {
    const v = parse('venues:\n  - id: binance-main\n    exchange: binance\n  - id: binance_hedge\n    exchange: binance\n');
    assert.deepEqual(
      v.map((x) => [x.id, x.exchange]),
      [
        ['binance-main', 'binance'],
        ['binance_hedge', 'binance'],
      ],
    );
    assert.throws(() => parse('venues:\n  - id: binance-main\n'), /venue #1: field id: expected a ccxt exchange id .* or a name such as okx-main with field exchange/);
    assert.throws(() => parse('venues:\n  - id: main\n    exchange: Binance\n'), /venue main: field exchange: expected a ccxt exchange id/);
  });

  it('gathers --exchange flags by venue, symbols together', () => {
    const v = venuesFromFlags(['okx:BTC/USDT', 'okx:BTC/USDT:USDT', 'binance'], defaults, '/k.json');
    assert.deepEqual(
      v.map((x) => [x.id, x.symbols, x.credentialsFile]),
      [
        ['okx', ['BTC/USDT', 'BTC/USDT:USDT'], '/k.json'],
        ['binance', [], '/k.json'],
      ],
    );
    assert.throws(() => venuesFromFlags(['OKX'], defaults), /--exchange: expected ID\[:SYMBOL\]/);
  });

  it('tells a changed venue from an unchanged one', () => {
    const [a] = parse('venues:\n  - id: okx\n    symbols: [BTC/USDT]\n');
    const [b] = parse('venues:\n  - id: okx\n    symbols: [BTC/USDT]\n');
    const [c] = parse('venues:\n  - id: okx\n    symbols: [BTC/USDT, LTC/USDT]\n');
    assert.ok(sameVenue(a, b));
    assert.ok(!sameVenue(a, c));
  });
});

describe('credentials files', () => {
  const dir = tempDir();
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('reads one venue key (JSON or YAML) or a file keyed by venue', () => {
    assert.deepEqual(loadCredentials(file('a.json', '{"apiKey":"k-1","secret":"s-1"}'), 'okx'), { apiKey: 'k-1', secret: 's-1' });
    assert.deepEqual(loadCredentials(file('b.yml', 'apiKey: k-2\nsecret: s-2\npassword: p-2\n'), 'okx'), { apiKey: 'k-2', secret: 's-2', password: 'p-2' });
    assert.deepEqual(loadCredentials(file('c.json', '{"okx":{"apiKey":"k-3","secret":"s-3"}}'), 'okx'), { apiKey: 'k-3', secret: 's-3' });
    assert.deepEqual(loadCredentials(file('c.json', '{"okx":{"apiKey":"k-3","secret":"s-3"}}'), 'bybit'), {});
  });

  it('refuses a broken file without quoting its content', () => {
    const secret = 'sk-live-0123456789abcdef';
    assert.throws(
      () => loadCredentials(file('d.json', `{"apiKey": "${secret}", "secret": `), 'okx'),
      (err: Error) => /venue okx: field credentials_file: cannot read/.test(err.message) && !err.message.includes(secret),
    );
    assert.throws(() => loadCredentials(file('e.json', '{"apiKey":"k"}'), 'okx'), /needs apiKey and secret/);
    assert.throws(() => loadCredentials(join(dir, 'absent.json'), 'okx'), /venue okx: field credentials_file/);
  });
});
