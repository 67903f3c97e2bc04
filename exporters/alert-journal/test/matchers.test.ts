import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matcherMatches } from '../src/resolution-sync.js';

test("silence matchers follow Alertmanager's semantics", () => {
  const labels = { alertname: 'VenueDown', venue: 'binance' };
  assert.ok(matcherMatches({ name: 'venue', value: 'binance', isRegex: false, isEqual: true }, labels));
  assert.ok(!matcherMatches({ name: 'venue', value: 'binance', isRegex: false, isEqual: false }, labels));
  // Regexes are anchored: "bin" does not match "binance".
  assert.ok(!matcherMatches({ name: 'venue', value: 'bin', isRegex: true, isEqual: true }, labels));
  assert.ok(matcherMatches({ name: 'venue', value: 'bin.*|kraken', isRegex: true, isEqual: true }, labels));
  assert.ok(matcherMatches({ name: 'venue', value: 'kraken', isRegex: true, isEqual: false }, labels));
  // A missing label is the empty string.
  assert.ok(matcherMatches({ name: 'team', value: '', isRegex: false, isEqual: true }, labels));
  assert.ok(!matcherMatches({ name: 'team', value: 'risk', isRegex: false, isEqual: true }, labels));
  // An invalid regex matches nothing rather than throwing.
  assert.ok(!matcherMatches({ name: 'venue', value: '(', isRegex: true, isEqual: true }, labels));
});
