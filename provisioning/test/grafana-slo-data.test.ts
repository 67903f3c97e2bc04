// The SLO dashboard against the generated SLO rules loaded in a real Prometheus: its service and slo variables
// list every SLO the generator wrote, and the burn-rate panel's query returns the per-SLO constants
// (objective, window) the panel needs to draw a card, for every SLO.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';

import { dashboardQueries, substitute } from '../grafana/src/promql.js';
import { startPrometheus, type TestPrometheus } from '../grafana/src/testing/prometheus.js';
import { committedDashboards, listFiles, readYaml, workspaceDir } from '../grafana/src/testing/repo.js';

type Series = { metric: Record<string, string> };
const sloRuleFiles = listFiles(path.join(workspaceDir, 'slo', 'rules'), (f) => /^slo-.*\.yml$/.test(f));

/** slo label → service label of every generated `slo:objective:ratio` rule. */
function generatedSlos(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of sloRuleFiles) {
    const doc = readYaml<{ groups: { rules: { record?: string; labels?: Record<string, string> }[] }[] }>(f);
    for (const r of doc.groups.flatMap((g) => g.rules)) {
      if (r.record === 'slo:objective:ratio') out.set(r.labels!.slo, r.labels!.service);
    }
  }
  return out;
}

describe('SLO dashboard on the generated SLO rules', () => {
  let prom: TestPrometheus | undefined;
  const slo = committedDashboards().get('slo.json')!;
  const slos = generatedSlos();
  const get = <T>(p: string, params: Record<string, string>) => prom!.get<T>(p, params);

  before(async () => {
    assert.ok(slos.size >= 4, `only ${slos.size} SLOs in ${sloRuleFiles.length} files`);
    // The generator evaluates its constant groups every minute; evaluate every second here (same expressions).
    prom = await startPrometheus(async (dir) => {
      const ruleFiles: string[] = [];
      for (const [i, f] of sloRuleFiles.entries()) {
        const doc = readYaml<{ groups: Record<string, unknown>[] }>(f);
        for (const g of doc.groups) delete g.interval;
        ruleFiles.push(path.join(dir, `rules-${i}.yml`));
        await writeFile(ruleFiles[i], stringify(doc));
      }
      return { global: { evaluation_interval: '1s' }, rule_files: ruleFiles };
    });
    await prom.waitForSeries('slo:objective:ratio', 'every SLO objective recorded', { count: slos.size, timeoutMs: 20_000 });
  });

  after(async () => {
    await prom?.stop();
  });

  it('the service and slo variables list every generated SLO', async () => {
    const vars = (slo.templating as { list: { name: string; query?: string }[] }).list;
    for (const [name, expected] of [
      ['service', new Set(slos.values())],
      ['slo', new Set(slos.keys())],
    ] as const) {
      const q = vars.find((v) => v.name === name)!.query!;
      const m = /^label_values\((.+), (\w+)\)$/.exec(substitute(q, '.*'))!;
      const values = await get<string[]>(`/api/v1/label/${m[2]}/values`, { 'match[]': m[1] });
      assert.deepEqual(values.sort(), [...expected].sort(), `variable ${name}`);
    }
  });

  it('the burn-rate panel query returns objective and window for every SLO, filtered by the variables', async () => {
    const panel = dashboardQueries(slo).find((q) => q.where.startsWith('SLOs:'))!;
    const all = await get<{ result: Series[] }>('/api/v1/query', { query: substitute(panel.expr, '.*') });
    for (const name of ['slo:objective:ratio', 'slo:window:seconds']) {
      const got = new Set(all.result.filter((s) => s.metric.__name__ === name).map((s) => s.metric.slo));
      assert.deepEqual([...got].sort(), [...slos.keys()].sort(), name);
    }
    // With one SLO selected, only its series come back.
    const [one, service] = [...slos][0];
    const expr = panel.expr.replaceAll('$slo', one).replaceAll('$service', service);
    const picked = await get<{ result: Series[] }>('/api/v1/query', { query: expr });
    assert.ok(picked.result.length > 0);
    assert.deepEqual([...new Set(picked.result.map((s) => s.metric.slo))], [one]);
  });
});
