// The risk limits file: validation errors that name the field, and the exporter refusing to start on one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@vigil/test-support';
import { loadRiskLimits, parseRiskLimits } from '../src/risk/risk-limits.js';
import { startExporter } from './helpers.js';

const bad: Array<[string, unknown, RegExp]> = [
  ['a limit that is not a number', { exposure: { venue: { binance: { gross: '2m' } } } }, /risk\.yml: exposure\.venue\.binance\.gross: expected a number greater than 0, got "2m"$/],
  ['a negative limit', { exposure: { asset: { BTC: { net: -5 } } } }, /exposure\.asset\.BTC\.net: expected a number greater than 0, got -5/],
  ['an unknown scope', { exposure: { desk: {} } }, /exposure\.desk: unknown field \(expected one of venue, asset, strategy\)/],
  ['a typo in a measure', { exposure: { strategy: { momentum: { gros: 1 } } } }, /exposure\.strategy\.momentum\.gros: unknown field \(expected one of gross, net\)/],
  ['a limit with neither measure', { exposure: { strategy: { momentum: {} } } }, /exposure\.strategy\.momentum: expected a gross or a net limit/],
  ['a confidence of 1.5', { var: { confidence: 1.5 } }, /var\.confidence: expected a number between 0 and 1, both excluded, got 1\.5/],
  ['a horizon that is no duration', { var: { horizon: 'tomorrow' } }, /var\.horizon: expected a duration such as 1h, 30m or 1d, got "tomorrow"/],
  ['a correlation of 2', { var: { correlation: 2 } }, /var\.correlation: expected a number from -1 to 1, got 2/],
  ['a portfolio without a limit', { var: { portfolios: { 'desk-1': {} } } }, /var\.portfolios\.desk-1\.limit: expected a number greater than 0, got undefined/],
  ['warning above critical', { utilisation: { warning: 0.99, critical: 0.95 } }, /utilisation\.warning: expected less than utilisation\.critical \(0\.95\), got 0\.99/],
  ['a list at the top', [1, 2], /risk\.yml: the document: expected a mapping, got \[1,2\]/],
];

for (const [what, doc, message] of bad) {
  test(`rejected: ${what}`, () => {
    assert.throws(() => parseRiskLimits(doc, 'risk.yml'), message);
  });
}

test('a valid file: limits per scope, tiers and the VaR model; omitted parts keep their defaults', () => {
  const l = parseRiskLimits(
    { exposure: { venue: { binance: { gross: 2e6, net: 5e5 } }, strategy: { mm: { gross: 1e6 } } }, var: { horizon: '10d', portfolios: { 'desk-1': { limit: 4e5 } } } },
    'risk.yml',
  );
  assert.deepEqual(l.exposure.venue.get('binance'), { gross: 2e6, net: 5e5 });
  assert.deepEqual(l.exposure.strategy.get('mm'), { gross: 1e6 });
  assert.equal(l.var.horizonSeconds, 864_000);
  assert.equal(l.var.confidence, 0.99);
  assert.equal(l.var.windowMs, 3_600_000);
  assert.deepEqual(l.utilisation, { warning: 0.8, critical: 0.95 });
  assert.equal(l.varLimits.get('desk-1'), 4e5);
  assert.equal(parseRiskLimits(null, 'empty.yml').exposure.venue.size, 0, 'an empty file means no limits');
});

test('the committed example file is valid', () => {
  const l = loadRiskLimits(new URL('../config/risk-limits.yml', import.meta.url).pathname);
  assert.ok(l.exposure.venue.size > 0 && l.varLimits.size > 0);
});

test('the exporter does not start on a bad or missing limits file, and says which field', async () => {
  const dir = tempDir('vigil-risk-');
  const file = join(dir, 'risk.yml');
  writeFileSync(file, 'exposure:\n  venue:\n    binance: { gross: lots }\n');
  await assert.rejects(startExporter([`--risk.limits-file=${file}`]), (err: Error) => {
    assert.match(err.message, /--risk\.limits-file: .*risk\.yml: exposure\.venue\.binance\.gross: expected a number greater than 0, got "lots"/);
    return true;
  });
  writeFileSync(file, 'exposure: [unclosed\n');
  await assert.rejects(startExporter([`--risk.limits-file=${file}`]), /risk\.yml: not valid YAML/);
  await assert.rejects(startExporter([`--risk.limits-file=${join(dir, 'nope.yml')}`]), /nope\.yml: cannot read the risk limits file/);
});
