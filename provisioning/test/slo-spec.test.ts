// Spec validation and the vigil-slo CLI: bad specs are rejected with a message naming file, SLO and field.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseSpecText, runCli, SpecError } from '../slo/src/index.js';
import { workspaceDir } from './helpers/paths.js';

const GOOD = `version: vigil/v1
service: gateway
labels: { team: platform }
slos:
  - name: availability
    objective: 99.5
    window: 28d
    sli:
      events:
        errors: http_requests_total{service="gateway", status=~"5.."}
        total: http_requests_total{service="gateway"}
    alerting:
      name: GatewayBudgetBurn
`;

function specError(text: string): SpecError {
  try {
    parseSpecText(text, 'specs/gateway.yml');
  } catch (e) {
    assert.ok(e instanceof SpecError, String(e));
    return e;
  }
  assert.fail('spec was accepted');
}

describe('SLO spec validation', () => {
  it('accepts a Vigil spec and applies its window', () => {
    const [m] = parseSpecText(GOOD, 'specs/gateway.yml');
    assert.equal(m!.id, 'gateway-availability');
    assert.equal(m!.period, '28d');
    assert.deepEqual(m!.labels, { team: 'platform' });
    assert.equal(m!.page!.name, 'GatewayBudgetBurn');
    assert.equal(m!.ticket!.name, 'GatewayBudgetBurn');
  });

  const cases: [string, string, string, string][] = [
    ['objective above 100', GOOD.replace('99.5', '100.5'), 'objective', 'availability'],
    ['objective as a string', GOOD.replace('99.5', '"high"'), 'objective', 'availability'],
    ['unknown window', GOOD.replace('28d', '7d'), 'window', 'availability'],
    ['no SLI', GOOD.replace(/ {4}sli:[\s\S]*? {4}alerting:/, '    alerting:'), 'sli', 'availability'],
    ['a range in a counter selector', GOOD.replace('total: http_requests_total{service="gateway"}', 'total: rate(http_requests_total[5m])'), 'sli.events.total', 'availability'],
    ['a reserved label', GOOD.replace('team: platform', 'slo: x'), 'labels.slo', ''],
    ['no alert name', GOOD.replace('      name: GatewayBudgetBurn\n', '      labels: {}\n'), 'alerting.name', 'availability'],
    ['an unknown field', GOOD.replace('    objective: 99.5', '    objectiv: 99.5\n    objective: 99.5'), 'objectiv', 'availability'],
    ['a latency metric with _bucket', GOOD.replace(/ {6}events:[\s\S]*? {4}alerting:/, '      latency: { metric: x_bucket, threshold: 0.2 }\n    alerting:'), 'sli.latency.metric', 'availability'],
    ['a wrong version', GOOD.replace('vigil/v1', 'vigil/v2'), 'version', ''],
  ];
  for (const [what, text, field, slo] of cases) {
    it(`rejects ${what}, naming file, SLO and field`, () => {
      const e = specError(text);
      assert.equal(e.field, field);
      assert.equal(e.file, 'specs/gateway.yml');
      if (slo) assert.equal(e.slo, slo);
      assert.ok(e.message.startsWith(`specs/gateway.yml: ${slo ? `slo "${slo}": ` : ''}field "${field}": `), e.message);
    });
  }

  it('names the document of a multi-document file', () => {
    const e = specError(`${GOOD}---\n${GOOD.replace('service: gateway', 'service: other').replace('99.5', '0')}`);
    assert.equal(e.file, 'specs/gateway.yml#2');
    assert.equal(e.field, 'objective');
  });

  it('accepts sloth prometheus/v1 and rejects sloth plugins with a clear message', () => {
    const sloth = `version: prometheus/v1
service: svc
slos:
  - name: a
    objective: 99.9
    sli:
      raw:
        error_ratio_query: sum(rate(errors[{{.window}}])) / sum(rate(total[{{.window}}]))
    alerting:
      name: SvcBurn
      page_alert: { disable: true }
`;
    const [m] = parseSpecText(sloth, 'sloth.yml');
    assert.equal(m!.page, undefined);
    assert.equal(m!.sli.errorRatio('1h'), '(sum(rate(errors[1h])) / sum(rate(total[1h])))');
    const e = (() => {
      try {
        parseSpecText(sloth.replace(/raw:\n.*\n/, 'plugin: { id: x }\n'), 'sloth.yml');
      } catch (err) {
        return err as SpecError;
      }
      return undefined;
    })();
    assert.equal(e?.field, 'sli.plugin');
  });
});

describe('vigil-slo CLI', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  };

  it('validates the committed specs', () => {
    const t = io();
    const cwd = process.cwd();
    process.chdir(workspaceDir);
    try {
      assert.equal(runCli(['validate'], t.io), 0);
    } finally {
      process.chdir(cwd);
    }
    assert.deepEqual(t.out, ['5 SLOs valid']);
  });

  it('exits 1 with file, SLO and field for a bad spec, and 2 on a usage error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-slo-cli-'));
    try {
      writeFileSync(join(dir, 'bad.yml'), GOOD.replace('99.5', '120'));
      const t = io();
      assert.equal(runCli(['validate', join(dir, 'bad.yml')], t.io), 1);
      assert.match(t.err[0]!, /bad\.yml: slo "availability": field "objective": must be a percentage/);
      assert.equal(runCli(['generate', '--bogus'], io().io), 2);
      assert.equal(runCli(['frobnicate'], io().io), 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the built bin generates into a folder and --check passes on it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-slo-bin-'));
    try {
      const bin = join(workspaceDir, 'dist', 'bin', 'vigil-slo.js');
      const gen = spawnSync(process.execPath, [bin, 'generate', '--out', dir, 'slo/specs'], { cwd: workspaceDir, encoding: 'utf8' });
      assert.equal(gen.status, 0, gen.stderr);
      assert.equal(readFileSync(join(dir, 'slo-order-execution.yml'), 'utf8'), readFileSync(join(workspaceDir, 'slo', 'rules', 'slo-order-execution.yml'), 'utf8'));
      const check = spawnSync(process.execPath, [bin, 'generate', '--check', `--out=${dir}`, 'slo/specs'], { cwd: workspaceDir, encoding: 'utf8' });
      assert.equal(check.status, 0, check.stderr);
      writeFileSync(join(dir, 'slo-order-execution.yml'), 'groups: []\n');
      const stale = spawnSync(process.execPath, [bin, 'generate', '--check', `--out=${dir}`, 'slo/specs'], { cwd: workspaceDir, encoding: 'utf8' });
      assert.equal(stale.status, 1);
      assert.match(stale.stderr, /stale: .*slo-order-execution\.yml/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
