// The committed SLO rule files: identical to a fresh generation, valid for promtool, and carrying the series
// the SLO burn-rate panel reads (the agreed series contract).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { BURN_WINDOWS, generateRules, loadSpecs, renderRuleFiles } from '../slo/src/index.js';
import { repoRoot, sloDir } from './helpers/paths.js';

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}
const specsDir = join(sloDir, 'specs');
const rulesDir = join(sloDir, 'rules');

describe('generated SLO rules', () => {
  it('are committed exactly as a fresh generation writes them (run npm run slo:generate if this fails)', () => {
    const fresh = renderRuleFiles(loadSpecs([specsDir]));
    const committed = readdirSync(rulesDir).filter((f) => /^slo-.+\.yml$/.test(f)).sort();
    assert.deepEqual(committed, [...fresh.keys()].sort(), 'generated file set differs');
    for (const [name, text] of fresh) assert.equal(readFileSync(join(rulesDir, name), 'utf8'), text, `${name} is stale`);
    // The check mode used in CI agrees.
    assert.deepEqual(generateRules([specsDir], rulesDir, { check: true }).stale, []);
  });

  it('check mode reports a stale, a missing and an extra file without writing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-slo-'));
    try {
      const first = generateRules([specsDir], dir);
      assert.equal(first.stale.length, first.files.length);
      assert.deepEqual(generateRules([specsDir], dir, { check: true }).stale, []);
      rmSync(join(dir, first.files[0]!));
      writeFileSync(join(dir, first.files[1]!), 'groups: []\n');
      writeFileSync(join(dir, 'slo-retired.yml'), 'groups: []\n');
      assert.deepEqual(generateRules([specsDir], dir, { check: true }).stale, [first.files[0], first.files[1], 'slo-retired.yml'].sort());
      // Generation repairs all three.
      generateRules([specsDir], dir);
      assert.deepEqual(generateRules([specsDir], dir, { check: true }).stale, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.yml'));
  const rules: Rule[] = files.flatMap((f) => {
    const text = readFileSync(join(rulesDir, f), 'utf8');
    assert.equal(text.match(/^---/gm), null, `${f} must be a single YAML document`);
    return (parse(text) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
  });
  const models = loadSpecs([specsDir]);

  it('hold the five platform SLOs with their objectives', () => {
    const objective = (slo: string) => rules.find((r) => r.record === 'slo:objective:ratio' && r.labels.slo === slo)?.expr;
    assert.equal(objective('trading-gateway-availability'), 'vector(0.995)');
    assert.equal(objective('trading-gateway-latency'), 'vector(0.95)');
    assert.equal(objective('order-execution-success'), 'vector(0.995)');
    assert.equal(objective('ml-inference-latency'), 'vector(0.95)');
    assert.equal(objective('strategy-engine-execution-latency'), 'vector(0.95)');
  });

  for (const m of models) {
    it(`${m.id}: every series of the contract, labelled slo/service, plus page and ticket alerts`, () => {
      const mine = rules.filter((r) => r.labels?.slo === m.id || r.expr.includes(`slo="${m.id}"`));
      const records = new Set(mine.filter((r) => r.record).map((r) => r.record));
      const expected = [
        ...BURN_WINDOWS.flatMap((w) => [`slo:sli_error:ratio_rate${w}`, `slo:burn_rate:ratio_rate${w}`]),
        'slo:sli_error:ratio_rate_period',
        'slo:sli_events:increase_period',
        'slo:sli_error_events:increase_period',
        'slo:objective:ratio',
        'slo:error_budget:ratio',
        'slo:window:seconds',
        'slo:period_error_budget_remaining:ratio',
      ];
      for (const e of expected) assert.ok(records.has(e), `missing ${e}`);
      for (const r of mine.filter((x) => x.record)) {
        assert.equal(r.labels.slo, m.id);
        assert.equal(r.labels.service, m.service);
      }
      assert.equal(mine.find((r) => r.record === 'slo:window:seconds')!.expr, 'vector(2592000)');
      const page = mine.find((r) => r.alert && r.labels.slo_alert === 'page')!;
      const ticket = mine.find((r) => r.alert && r.labels.slo_alert === 'ticket')!;
      assert.equal(page.labels.severity, 'critical');
      assert.equal(ticket.labels.severity, 'warning');
      const budget = Number((1 - m.objectivePercent / 100).toPrecision(12));
      for (const f of [`14.4 * ${budget}`, `6 * ${budget}`]) assert.ok(page.expr.includes(f), `page lacks ${f}`);
      for (const f of [`3 * ${budget}`, `1 * ${budget}`]) assert.ok(ticket.expr.includes(f), `ticket lacks ${f}`);
      for (const a of [page, ticket]) {
        assert.equal(a.annotations?.runbook_url, `docs/runbooks.md#${a.alert!.toLowerCase()}`);
        assert.match(readFileSync(join(repoRoot, 'docs', 'runbooks.md'), 'utf8'), new RegExp(`^## ${a.alert}$`, 'm'));
      }
    });
  }
});
