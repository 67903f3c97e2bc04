// Alert and recording rules: promtool check/test on the committed files, and a coverage check that parses
// the rule and test files: every alert has a firing case (per severity) and a quiet case, every recording
// rule a case with samples and one without, every alert its annotations and a runbook section.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { promtool } from '@vigil/test-support';
import { prometheusDir, repoRoot, sloDir } from './helpers/paths.js';

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface TestFile {
  rule_files: string[];
  tests: {
    alert_rule_test?: { alertname: string; exp_alerts?: { exp_labels?: Record<string, string> }[] }[];
    promql_expr_test?: { expr: string; exp_samples?: unknown[] }[];
  }[];
}

const rulesDir = join(prometheusDir, 'rules');
const testsDir = join(prometheusDir, 'tests');
const ruleFiles = readdirSync(rulesDir).filter((f) => f.endsWith('.yml')).sort();
const testFiles = readdirSync(testsDir).filter((f) => f.endsWith('.test.yml')).sort();
const rules: Rule[] = ruleFiles.flatMap((f) =>
  (parse(readFileSync(join(rulesDir, f), 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules),
);
const tests = testFiles.map((f) => parse(readFileSync(join(testsDir, f), 'utf8')) as TestFile);
const alertCases = tests.flatMap((t) => t.tests.flatMap((g) => g.alert_rule_test ?? []));
const exprCases = tests.flatMap((t) => t.tests.flatMap((g) => g.promql_expr_test ?? []));
const runbook = readFileSync(join(repoRoot, 'docs', 'runbooks.md'), 'utf8');
/** The dead man's switch always fires: it has no quiet case by design. */
const ALWAYS_FIRING = new Set(['Watchdog']);

describe('Prometheus rules (promtool)', () => {
  it('promtool check rules passes on every rule file, hand-written and generated', () => {
    const sloRules = readdirSync(join(sloDir, 'rules')).map((f) => join(sloDir, 'rules', f));
    const r = promtool(['check', 'rules', ...ruleFiles.map((f) => join(rulesDir, f)), ...sloRules]);
    assert.equal(r.status, 0, r.output);
  });

  it('promtool test rules passes on every test file', () => {
    const r = promtool(['test', 'rules', ...testFiles], { cwd: testsDir });
    assert.equal(r.status, 0, r.output);
    assert.equal(r.output.match(/SUCCESS/g)?.length, testFiles.length, r.output);
  });

  it('every rule file is loaded by at least one test file', () => {
    const loaded = new Set(tests.flatMap((t) => t.rule_files.map((f) => f.replace(/^\.\.\/rules\//, ''))));
    for (const f of ruleFiles) assert.ok(loaded.has(f), `${f} is not tested`);
  });
});

describe('alert coverage and annotations', () => {
  const alerts = rules.filter((r) => r.alert);
  it('finds the alerts the issue asks for', () => {
    const names = new Set(alerts.map((a) => a.alert));
    for (const n of ['HostHighCpuUsage', 'HostDiskWillFillIn4Hours', 'TargetDown', 'TradingHalt', 'ExchangeDown', 'Watchdog']) {
      assert.ok(names.has(n), n);
    }
    assert.ok(alerts.length >= 25, `only ${alerts.length} alerts`);
  });

  for (const a of alerts) {
    const name = a.alert!;
    const severity = a.labels?.severity ?? '';
    it(`${name} (${severity}): firing and quiet cases, annotations, runbook`, () => {
      assert.ok(['critical', 'warning', 'info'].includes(severity), `severity "${severity}"`);
      const fires = alertCases.some(
        (c) => c.alertname === name && (c.exp_alerts ?? []).some((e) => e.exp_labels?.severity === severity),
      );
      assert.ok(fires, `no promtool case where ${name} fires with severity ${severity}`);
      if (!ALWAYS_FIRING.has(name)) {
        const quiet = alertCases.some((c) => c.alertname === name && (c.exp_alerts ?? []).length === 0);
        assert.ok(quiet, `no promtool case where ${name} stays quiet`);
      }
      const ann = a.annotations ?? {};
      for (const k of ['summary', 'description', 'runbook_url', 'dashboard_url']) assert.ok(ann[k], `missing annotation ${k}`);
      // A state alert (`== 0`, always-on) has no meaningful value; every other description shows it humanised.
      if (!/==\s*0\b/.test(a.expr) && !/^vector\(1\)$/.test(a.expr.trim())) {
        assert.match(ann.description!, /\{\{ \$value \| (humanize|humanizePercentage|humanizeDuration|humanize1024|printf)/);
      }
      assert.equal(ann.runbook_url, `docs/runbooks.md#${name.toLowerCase()}`);
      assert.match(ann.dashboard_url!, /^\/d\/vigil-[a-z]+\//);
      assert.match(runbook, new RegExp(`^## ${name}$`, 'm'), `docs/runbooks.md has no "## ${name}" section`);
    });
  }
});

describe('recording rule coverage', () => {
  for (const r of rules.filter((x) => x.record)) {
    it(`${r.record}: a case with samples and a case without`, () => {
      const mentions = exprCases.filter((c) => new RegExp(`(^|[^a-z_:])${r.record!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9_:])`).test(c.expr));
      assert.ok(mentions.some((c) => (c.exp_samples ?? []).length > 0), `no case where ${r.record} has samples`);
      assert.ok(mentions.some((c) => (c.exp_samples ?? []).length === 0), `no quiet case for ${r.record}`);
    });
  }
});
