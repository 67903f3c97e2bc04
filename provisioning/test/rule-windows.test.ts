import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { durationSeconds, expandRuleFiles, exprWindows, longestRuleWindow, retentionDaysFor } from '../slo/src/rule-windows.js';
import { tempDir } from '@vigil/test-support';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

test('durations: units, compound durations, and what is not a duration', () => {
  assert.equal(durationSeconds('30d'), 30 * 86_400);
  assert.equal(durationSeconds('1h30m'), 5400);
  assert.equal(durationSeconds('500ms'), 0.5);
  assert.equal(durationSeconds('2w'), 14 * 86_400);
  assert.ok(Number.isNaN(durationSeconds('30 days')));
  assert.ok(Number.isNaN(durationSeconds('')));
});

test('windows of an expression: ranges, subqueries, offsets and @ modifiers', () => {
  assert.deepEqual(exprWindows('rate(x[5m])'), [300]);
  assert.deepEqual(exprWindows('max_over_time(rate(x[5m])[30d:1m])'), [300, 30 * 86_400]);
  assert.deepEqual(exprWindows('avg_over_time(up[1h:])'), [3600]);
  assert.deepEqual(exprWindows('increase(x[1d] offset 1h)'), [86_400 + 3600]);
  assert.deepEqual(exprWindows('increase(x[1d] @ 1700000000 offset 2h)'), [86_400 + 7200]);
  assert.deepEqual(exprWindows('sum(x) by (job)'), []);
});

test('the longest window of rule files names the rule and file, and retention covers it', () => {
  const dir = tempDir();
  const a = join(dir, 'a.yml');
  const b = join(dir, 'b.yml');
  writeFileSync(a, 'groups:\n  - name: a\n    rules:\n      - record: short\n        expr: rate(x[5m])\n');
  writeFileSync(b, 'groups:\n  - name: b\n    rules:\n      - alert: Long\n        expr: increase(x[40d] offset 1d) > 0\n');
  assert.deepEqual(longestRuleWindow([a, b]), { seconds: 41 * 86_400, rule: 'Long', file: b });
  assert.equal(retentionDaysFor([a, b]), 42);
  assert.equal(retentionDaysFor([a]), 15, 'never under 15 days');
  assert.deepEqual(expandRuleFiles([join(dir, '*.yml'), join(dir, 'missing.yml')]), [a, b]);
});

test("Vigil's own rules: the SLO period rules read 30 days, so the local stack keeps 31 days", () => {
  const files = expandRuleFiles([
    join(repoRoot, 'provisioning/prometheus/rules/*.yml'),
    join(repoRoot, 'provisioning/slo/rules/slo-*.yml'),
  ]);
  assert.ok(files.length > 5, files.join(', '));
  const longest = longestRuleWindow(files)!;
  assert.equal(longest.seconds, 30 * 86_400, `${longest.rule} in ${longest.file}`);
  assert.equal(retentionDaysFor(files), 31);
});
