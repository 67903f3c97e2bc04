import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlagError, formatHelp, parseFlags, type FlagSpec } from '../src/flags.js';
import { commonFlags } from '../src/common-flags.js';
import { parseDuration, formatDuration } from '../src/duration.js';
import { parseListenAddress } from '../src/listen-address.js';
import { runDemo } from './helpers.js';

const specs: FlagSpec[] = [
  ...commonFlags(':9300'),
  { name: 'collector.cpu', type: 'bool', default: true, help: 'cpu' },
  { name: 'clock.server', type: 'strings', help: 'ntp', env: 'CLOCK_SERVERS' },
  { name: 'limits.symbols', type: 'int', default: 100, help: 'n' },
];

test('defaults, = and space forms, booleans and repeatable flags', () => {
  const p = parseFlags(specs, ['--web.listen-address=127.0.0.1:1', '--log.level', 'debug', '--no-collector.cpu', '--clock.server=a', '--clock.server', 'b'], {});
  assert.equal(p.values['web.listen-address'], '127.0.0.1:1');
  assert.equal(p.values['log.level'], 'debug');
  assert.equal(p.values['collector.cpu'], false);
  assert.deepEqual(p.values['clock.server'], ['a', 'b']);
  assert.equal(p.values['limits.symbols'], 100);
  assert.equal(p.values['web.telemetry-path'], '/metrics');
  assert.equal(p.values['web.shutdown-timeout'], 10_000);
});

test('environment variables set flags, the command line wins', () => {
  const withEnv = specs.map((s) => ({ ...s, env: s.env ?? `X_${s.name.replace(/[.-]/g, '_').toUpperCase()}` }));
  const p = parseFlags(withEnv, ['--log.level=warn'], { X_LOG_LEVEL: 'debug', X_LIMITS_SYMBOLS: '7', CLOCK_SERVERS: 'a, b' });
  assert.equal(p.values['log.level'], 'warn');
  assert.equal(p.values['limits.symbols'], 7);
  assert.deepEqual(p.values['clock.server'], ['a', 'b']);
  assert.throws(() => parseFlags(withEnv, [], { X_LOG_FORMAT: 'xml' }), /X_LOG_FORMAT.*--log.format.*json, logfmt/);
});

test('unknown flags and bad values name the flag and what was expected', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--nope'], /unknown flag --nope/],
    [['--log.level=loud'], /--log.level: expected one of debug, info, warn, error, got "loud"/],
    [['--limits.symbols=ten'], /--limits.symbols: expected an integer/],
    [['--web.listen-address=nowhere'], /--web.listen-address: expected \[host\]:port/],
    [['--web.telemetry-path=metrics'], /--web.telemetry-path: expected a path starting with \//],
    [['--web.shutdown-timeout=soon'], /--web.shutdown-timeout: expected a duration/],
    [['--log.level'], /--log.level: expected a value/],
    [['stray'], /unexpected argument "stray"/],
  ];
  for (const [argv, re] of cases) {
    assert.throws(() => parseFlags(specs, argv, {}), (err: unknown) => err instanceof FlagError && re.test(err.message), argv.join(' '));
  }
});

test('--help lists every flag with its default and environment variable', () => {
  const help = formatHelp('x', 'does x', specs.map((s) => ({ ...s, env: s.env ?? 'ENV_' + s.name })));
  for (const s of specs) assert.match(help, new RegExp(`--(\\[no-\\])?${s.name.replace('.', '\\.')}`));
  assert.match(help, /default: :9300; env: ENV_web.listen-address/);
  assert.match(help, /--\[no-\]collector\.cpu/);
});

test('durations and listen addresses', () => {
  assert.equal(parseDuration('1m30s'), 90_000);
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration('1d'), 86_400_000);
  assert.equal(parseDuration('5'), undefined);
  assert.equal(parseDuration('5x'), undefined);
  assert.equal(formatDuration(90_000), '1m30s');
  assert.deepEqual(parseListenAddress(':9100'), { host: undefined, port: 9100 });
  assert.deepEqual(parseListenAddress('[::1]:9100'), { host: '::1', port: 9100 });
  assert.deepEqual(parseListenAddress('127.0.0.1:0'), { host: '127.0.0.1', port: 0 });
  assert.equal(parseListenAddress('127.0.0.1:99999'), undefined);
  assert.equal(parseListenAddress('9100'), undefined);
});

test('a real process exits 2 naming the flag, and --help exits 0 listing the flags', () => {
  const bad = runDemo(['--demo.ratio=2']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--demo\.ratio: expected a ratio between 0 and 1, got 2/);
  const unknown = runDemo(['--web.listen-addres=:1']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown flag --web\.listen-addres/);
  const fromEnv = runDemo([], { DEMO_LOG_FORMAT: 'yaml' });
  assert.equal(fromEnv.status, 2);
  assert.match(fromEnv.stderr, /DEMO_LOG_FORMAT/);
  const help = runDemo(['--help']);
  assert.equal(help.status, 0);
  for (const f of ['web.listen-address', 'web.telemetry-path', 'web.config.file', 'log.level', 'log.format', 'demo.items', 'demo.ratio']) {
    assert.ok(help.stdout.includes(`--${f}`), `--help lists --${f}`);
  }
});
