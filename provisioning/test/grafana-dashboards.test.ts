// The generated dashboards: valid against Grafana's dashboard schema, identical to a fresh generation, under
// the UIDs and variables the alert rules link to, every variable a query uses defined, SLO panel options in
// the plugin's shape.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

import { checkDashboards, renderDashboards, writeDashboards } from '../grafana/src/generate.js';
import { dashboardQueries, variablesIn } from '../grafana/src/promql.js';
import {
  committedDashboards,
  listFiles,
  readYaml,
  repoRoot,
  sharedSchema,
  workspaceDir,
} from '../grafana/src/testing/repo.js';
import { schemaValidator } from '../grafana/src/testing/schema.js';

type Obj = Record<string, unknown>;

const dashboards = committedDashboards();
const byUid = new Map([...dashboards.values()].map((d) => [d.uid as string, d]));
const varNames = (d: Obj) => (((d.templating as Obj).list as Obj[]) ?? []).map((v) => v.name as string);

// What the brief and the alert rules require of each dashboard.
const REQUIRED: Record<string, string[]> = {
  'vigil-trading': ['venue', 'symbol', 'strategy'],
  'vigil-hosts': ['instance'],
  'vigil-services': ['service'],
  'vigil-models': ['model', 'strategy'],
  'vigil-exchanges': ['venue'],
  'vigil-alerts': [],
  'vigil-slo': ['slo'],
  'vigil-overview': [],
  'vigil-research': ['kind', 'strategy'],
};

/** Seconds of a Grafana relative time such as `now-30d`; NaN for anything else. */
function relativeSeconds(from: string): number {
  const m = /^now-(\d+)([smhdwy])$/.exec(from);
  return m ? Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 }[m[2] as 's'] : Number.NaN;
}

describe('generated dashboards', () => {
  it("the platform overview is Grafana's home dashboard, and each of its panels links to a detailed dashboard", () => {
    const compose = readYaml<{ services: Record<string, { environment: Record<string, string>; volumes: string[] }> }>(
      path.join(repoRoot, 'docker-compose.yml'),
    );
    const grafana = compose.services.grafana!;
    const home = grafana.environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH!;
    const mount = grafana.volumes.map((v) => v.split(':')).find(([, target]) => home.startsWith(`${target}/`));
    assert.ok(mount, `no volume holds ${home}`);
    const file = path.resolve(repoRoot, mount[0]!, path.relative(mount[1]!, home));
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).uid, 'vigil-overview');
    const overview = byUid.get('vigil-overview')!;
    const panels = (overview.panels as Obj[]).filter((p) => p.type !== 'row');
    assert.ok(panels.length >= 15, `${panels.length} panels`);
    const linked = new Set<string>();
    for (const p of panels) {
      const links = (p.links as Obj[] | undefined) ?? [];
      assert.equal(links.length, 1, `${String(p.title)} has no link`);
      const uid = /^\/d\/([^/]+)\//.exec(String(links[0]!.url))?.[1];
      assert.ok(uid && byUid.has(uid) && uid !== 'vigil-overview', `${String(p.title)} links to ${String(links[0]!.url)}`);
      linked.add(uid);
    }
    // Services, alerts, SLOs, trading, hosts, exchanges, research: every area of the first screen.
    for (const uid of ['vigil-services', 'vigil-alerts', 'vigil-slo', 'vigil-trading', 'vigil-hosts', 'vigil-exchanges', 'vigil-research']) {
      assert.ok(linked.has(uid), `nothing links to ${uid}`);
    }
  });

  it('a dashboard with the SLO panel opens on at least the SLO window the panel shows', () => {
    let seen = 0;
    for (const [file, d] of dashboards) {
      for (const p of (d.panels as Obj[]) ?? []) {
        if (p.type !== 'vigil-sloburnrate-panel') continue;
        seen++;
        const window = relativeSeconds(`now-${String((p.options as Obj).window)}`);
        const opened = relativeSeconds(String((d.time as Obj).from));
        assert.ok(opened >= window, `${file} opens on ${String((d.time as Obj).from)}, the panel shows ${String((p.options as Obj).window)}`);
      }
    }
    assert.ok(seen > 0, 'no SLO panel found');
  });

  it('are committed exactly as a fresh generation writes them', async () => {
    assert.deepEqual(await checkDashboards(), []);
  });

  it('the check notices a stale, a missing and an extra file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vigil-dash-'));
    try {
      await writeDashboards(dir);
      assert.deepEqual(await checkDashboards(dir), []);
      const trading = path.join(dir, 'trading.json');
      await writeFile(trading, (await readFile(trading, 'utf8')).replace('"vigil-trading"', '"changed"'));
      await rm(path.join(dir, 'hosts.json'));
      await writeFile(path.join(dir, 'old.json'), '{}');
      assert.deepEqual((await checkDashboards(dir)).sort(), [
        'hosts.json: missing',
        'old.json: not produced by the generator',
        'trading.json: differs from a fresh generation',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the generate-dashboards CLI --check passes on the committed files', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'grafana/src/bin/generate-dashboards.ts', '--check'],
      {
        cwd: workspaceDir,
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /dashboards up to date/);
  });

  it('generation is deterministic', () => {
    assert.deepEqual([...renderDashboards()], [...renderDashboards()]);
  });

  it('validate against the vendored Grafana dashboard schema', () => {
    const validate = schemaValidator(sharedSchema('grafana-dashboard.jsonschema.json'));
    assert.equal(dashboards.size, Object.keys(REQUIRED).length);
    for (const [file, d] of dashboards) validate(d, file);
  });

  it('Prometheus targets and timeseries panels validate against their vendored schemas', () => {
    const target = schemaValidator(sharedSchema('grafana-prometheus.jsonschema.json'));
    const ts = schemaValidator(sharedSchema('grafana-timeseries.jsonschema.json'));
    let targets = 0;
    for (const [file, d] of dashboards) {
      for (const p of d.panels as Obj[]) {
        if (p.type === 'timeseries') {
          ts(
            { ...(p.options as Obj), ...(((p.fieldConfig as Obj).defaults as Obj).custom as Obj) },
            `${file} ${String(p.title)} options`,
          );
        }
        for (const t of (p.targets as Obj[] | undefined) ?? []) {
          if ((t.datasource as Obj | undefined)?.type !== 'prometheus') continue;
          target(t, `${file} ${String(p.title)} target ${String(t.refId)}`);
          targets++;
        }
      }
    }
    assert.ok(targets > 100, `only ${targets} Prometheus targets`);
  });

  it('have the UIDs and variables the brief asks for, unique panel titles and unique UIDs', () => {
    assert.deepEqual([...byUid.keys()].sort(), Object.keys(REQUIRED).sort());
    for (const [uid, vars] of Object.entries(REQUIRED)) {
      const d = byUid.get(uid)!;
      for (const v of vars) assert.ok(varNames(d).includes(v), `${uid} lacks variable ${v}`);
      const titles = (d.panels as Obj[]).filter((p) => p.type !== 'row').map((p) => p.title);
      assert.equal(new Set(titles).size, titles.length, `${uid} repeats a panel title`);
    }
  });

  it('every dashboard_url in the alert and SLO rules names a dashboard and variables it has', () => {
    const ruleFiles = [
      ...listFiles(path.join(workspaceDir, 'prometheus', 'rules'), (f) => f.endsWith('.yml')),
      ...listFiles(path.join(workspaceDir, 'slo', 'rules'), (f) => f.endsWith('.yml')),
    ];
    let links = 0;
    for (const file of ruleFiles) {
      const doc = readYaml<{ groups: { rules: { annotations?: Obj }[] }[] }>(file);
      for (const rule of doc.groups.flatMap((g) => g.rules)) {
        const url = rule.annotations?.dashboard_url;
        if (typeof url !== 'string') continue;
        links++;
        const m = /^\/d\/([^/?]+)(?:\/[^?]*)?(?:\?(.*))?$/.exec(url);
        assert.ok(m, `${file}: dashboard_url ${url} is not /d/<uid>/...`);
        const d = byUid.get(m[1]);
        assert.ok(d, `${file}: dashboard_url ${url} names no generated dashboard`);
        for (const [k] of new URLSearchParams(m[2] ?? '')) {
          if (!k.startsWith('var-')) continue;
          assert.ok(varNames(d).includes(k.slice(4)), `${file}: ${url} sets ${k}, which ${m[1]} lacks`);
        }
      }
    }
    assert.ok(links >= 20, `only ${links} dashboard links found in ${ruleFiles.length} rule files`);
  });

  it("every template variable a query uses is defined (or is one of Grafana's $__ variables)", () => {
    for (const [file, d] of dashboards) {
      const defined = new Set(varNames(d));
      for (const q of dashboardQueries(d)) {
        for (const v of variablesIn(q.expr)) {
          assert.ok(v.startsWith('__') || defined.has(v), `${file} ${q.where}: $${v} is not a variable`);
        }
      }
    }
  });

  it('panels use provisioned datasources: the datasource variable, or a fixed provisioned UID', () => {
    const provisioned = readYaml<{ datasources: { uid: string; type: string }[] }>(
      path.join(workspaceDir, 'grafana', 'provisioning', 'datasources', 'vigil.yml'),
    ).datasources;
    const uids = new Map(provisioned.map((d) => [d.uid, d.type]));
    for (const [file, d] of dashboards) {
      for (const p of d.panels as Obj[]) {
        const refs = [p.datasource, ...((p.targets as Obj[] | undefined) ?? []).map((t) => t.datasource)];
        for (const ref of refs as (Obj | undefined)[]) {
          if (!ref) continue;
          if (ref.uid === '${datasource}') {
            assert.equal(ref.type, 'prometheus');
            continue;
          }
          assert.equal(
            uids.get(ref.uid as string),
            ref.type,
            `${file} ${String(p.title)}: datasource ${JSON.stringify(ref)} is not provisioned`,
          );
        }
      }
      const dsVar = ((d.templating as Obj).list as Obj[]).find((v) => v.name === 'datasource')!;
      assert.equal(uids.get((dsVar.current as Obj).value as string), 'prometheus');
    }
  });

  it('the SLO dashboard uses the SLO panel plugin with options in its current saved shape', () => {
    const d = byUid.get('vigil-slo')!;
    const panel = (d.panels as Obj[]).find((p) => p.type === 'vigil-sloburnrate-panel');
    assert.ok(panel, 'no vigil-sloburnrate-panel panel');
    const pluginJson = JSON.parse(
      readFileSync(path.join(repoRoot, 'plugins', 'slo-burnrate-panel', 'src', 'plugin.json'), 'utf8'),
    ) as Obj;
    assert.equal(pluginJson.id, panel.type);
    // Option names and version as the plugin declares them (types.ts, slo/condition.ts).
    const pluginSrc = path.join(repoRoot, 'plugins', 'slo-burnrate-panel', 'src');
    const types = readFileSync(path.join(pluginSrc, 'types.ts'), 'utf8');
    const version = Number(/OPTIONS_VERSION = (\d+)/.exec(types)?.[1]);
    const optionsBody = /interface SloPanelOptions \{([\s\S]*?)\n\}/.exec(types)?.[1] ?? '';
    const fields = [...optionsBody.matchAll(/^\s{2}(\w+)\??:/gm)].map((m) => m[1]).sort();
    const factorsBody =
      /interface BurnFactors \{([\s\S]*?)\n\}/.exec(
        readFileSync(path.join(pluginSrc, 'slo', 'condition.ts'), 'utf8'),
      )?.[1] ?? '';
    const factorFields = [...factorsBody.matchAll(/^\s{2}(\w+)\??:/gm)].map((m) => m[1]).sort();
    const options = panel.options as Obj;
    assert.equal(options.version, version);
    assert.deepEqual(Object.keys(options).sort(), fields);
    assert.deepEqual(Object.keys(options.burnFactors as Obj).sort(), factorFields);
    const expr = (panel.targets as Obj[])[0].expr as string;
    assert.match(expr, /slo:\(sli_error:ratio_rate/);
  });
});
