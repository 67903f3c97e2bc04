// Prometheus must keep as much as its rules read: the SLO period rules take 30 days, and with 15 days kept every
// period figure (budget remaining, period error ratio) silently covers 15. The local stack derives its retention
// from the rules (apps/stack's rule-windows, tested there against the running Prometheus); compose pins one.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';

import { durationSeconds, expandRuleFiles, longestRuleWindow } from '../slo/src/rule-windows.js';

import { commandList, flagsOf, loadCompose } from '../grafana/src/testing/compose.js';
import { readYaml } from '../grafana/src/testing/repo.js';
import { prometheusDir } from './helpers/paths.js';

const config = readYaml<{ rule_files: string[] }>(path.join(prometheusDir, 'prometheus.yml'));
const ruleFiles = expandRuleFiles(config.rule_files.map((f) => path.resolve(prometheusDir, f)));

describe('Prometheus retention against the rules it evaluates', () => {
  it('the rule files prometheus.yml loads read at most 30 days back (the SLO period)', () => {
    assert.ok(ruleFiles.some((f) => f.includes(`${path.sep}slo${path.sep}rules${path.sep}`)), 'SLO rules loaded');
    const longest = longestRuleWindow(ruleFiles)!;
    assert.equal(longest.seconds, 30 * 86_400, `${longest.rule} (${longest.file})`);
  });

  it('the compose Prometheus keeps at least the longest window any rule reads', () => {
    const flags = flagsOf(commandList(loadCompose().services.prometheus));
    const kept = durationSeconds(flags.get('storage.tsdb.retention.time') ?? '15d');
    const longest = longestRuleWindow(ruleFiles)!;
    assert.ok(kept >= longest.seconds, `retention ${kept / 86_400} days < ${longest.rule}'s ${longest.seconds / 86_400} days`);
  });

  it('the compose Prometheus stores exemplars (trace ids on histogram buckets)', () => {
    assert.ok(commandList(loadCompose().services.prometheus).includes('--enable-feature=exemplar-storage'));
  });
});
