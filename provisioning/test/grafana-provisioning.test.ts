// Grafana provisioning files checked against small schemas written from Grafana's provisioning documentation
// (no Grafana server runs here), plus the cross-references a schema cannot see.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { DS_UID } from '../grafana/src/datasources.js';
import { grafanaDir, readJson, readYaml, repoRoot } from '../grafana/src/testing/repo.js';
import { schemaValidator } from '../grafana/src/testing/schema.js';

type Obj = Record<string, unknown>;
const prov = path.join(grafanaDir, 'provisioning');
const schemas = path.join(grafanaDir, 'schemas');
const files = (sub: string) =>
  readdirSync(path.join(prov, sub))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(prov, sub, f));

describe('Grafana provisioning', () => {
  const datasources = files('datasources').flatMap((f) => readYaml<{ datasources: Obj[] }>(f).datasources);

  it('datasource files match the documented datasource provisioning format', () => {
    const validate = schemaValidator(path.join(schemas, 'datasources.schema.json'));
    assert.ok(files('datasources').length > 0);
    for (const f of files('datasources')) validate(readYaml(f), f);
  });

  it('the datasource schema refuses what Grafana would refuse', () => {
    const validate = schemaValidator(path.join(schemas, 'datasources.schema.json'));
    const ok = {
      apiVersion: 1,
      datasources: [{ name: 'P', type: 'prometheus', access: 'proxy', url: 'http://p:9090' }],
    };
    validate(ok, 'minimal');
    const bad: [string, unknown][] = [
      ['no apiVersion', { datasources: ok.datasources }],
      ['access typo', { apiVersion: 1, datasources: [{ ...ok.datasources[0], access: 'server' }] }],
      ['unknown field', { apiVersion: 1, datasources: [{ ...ok.datasources[0], jsondata: {} }] }],
      ['uid too long', { apiVersion: 1, datasources: [{ ...ok.datasources[0], uid: 'x'.repeat(41) }] }],
    ];
    for (const [what, doc] of bad) assert.throws(() => validate(doc, what), /does not match/, what);
  });

  it('provides Prometheus, Thanos, Alertmanager, Loki, Tempo and the alert journal under the UIDs the dashboards use', () => {
    const byUid = new Map(datasources.map((d) => [d.uid as string, d]));
    const expected: Record<string, string> = {
      [DS_UID.prometheus]: 'prometheus',
      [DS_UID.thanos]: 'prometheus',
      [DS_UID.alertmanager]: 'alertmanager',
      [DS_UID.loki]: 'loki',
      [DS_UID.tempo]: 'tempo',
      [DS_UID.journal]: 'yesoreyeram-infinity-datasource',
    };
    for (const [uid, type] of Object.entries(expected)) assert.equal(byUid.get(uid)?.type, type, uid);
    assert.equal(
      new Set(datasources.map((d) => d.name)).size,
      datasources.length,
      'duplicate datasource names',
    );
    assert.deepEqual(
      datasources.filter((d) => d.isDefault).map((d) => d.uid),
      [DS_UID.prometheus],
    );
    assert.equal((byUid.get(DS_UID.thanos)!.jsonData as Obj).prometheusType, 'Thanos');
  });

  it('datasources point at compose services and refer to each other by provisioned UIDs', () => {
    const compose = readYaml<{ services: Record<string, Obj> }>(path.join(repoRoot, 'docker-compose.yml'));
    const uids = new Set(datasources.map((d) => d.uid));
    for (const d of datasources) {
      const host = new URL(d.url as string).hostname;
      // alert-journal is a network alias (it shares Alertmanager's network namespace).
      assert.ok(
        host in compose.services || host === 'alert-journal',
        `${String(d.name)}: ${host} is not a compose service`,
      );
      const refs = JSON.stringify(d.jsonData ?? {}).matchAll(/"(?:datasourceUid)":"([^"]+)"/g);
      for (const [, uid] of refs)
        assert.ok(uids.has(uid), `${String(d.name)} refers to unknown datasource ${uid}`);
    }
  });

  it('secrets are read from files, never inlined', () => {
    for (const d of datasources) {
      for (const [k, v] of Object.entries((d.secureJsonData as Record<string, string> | undefined) ?? {})) {
        assert.match(v, /^\$__file\{\/run\/secrets\/[^}]+\}$/, `${String(d.name)} ${k}`);
      }
    }
  });

  it('dashboard providers match the documented format and load the generated dashboards where compose mounts them', () => {
    const validate = schemaValidator(path.join(schemas, 'dashboard-providers.schema.json'));
    const compose = readYaml<{ services: Record<string, { volumes?: string[] }> }>(
      path.join(repoRoot, 'docker-compose.yml'),
    );
    const grafanaMounts = (compose.services.grafana.volumes ?? []).map((v) => v.split(':'));
    for (const f of files('dashboards')) {
      const doc = readYaml<{ providers: { options: { path: string } }[] }>(f);
      validate(doc, f);
      for (const p of doc.providers) {
        const mount = grafanaMounts.find(([, target]) => target === p.options.path);
        assert.ok(mount, `${f}: ${p.options.path} is not mounted into grafana`);
        assert.equal(path.resolve(repoRoot, mount[0]), path.join(grafanaDir, 'dashboards'));
      }
    }
  });

  it("plugin provisioning matches the documented format and lists exactly the repo's app plugins", () => {
    const validate = schemaValidator(path.join(schemas, 'plugins.schema.json'));
    const pluginsDir = path.join(repoRoot, 'plugins');
    const repoApps = readdirSync(pluginsDir)
      .map((p) => path.join(pluginsDir, p, 'src', 'plugin.json'))
      .filter((f) => existsSync(f))
      .map((f) => readJson<{ id: string; type: string }>(f))
      .filter((p) => p.type === 'app')
      .map((p) => p.id)
      .sort();
    const listed: string[] = [];
    for (const f of files('plugins')) {
      const doc = readYaml<{ apps: { type: string }[] }>(f);
      validate(doc, f);
      listed.push(...doc.apps.map((a) => a.type));
    }
    assert.deepEqual(listed.sort(), repoApps);
    assert.throws(
      () => validate({ apiVersion: 1, apps: [{ name: 'x' }] }, 'app without type'),
      /does not match/,
    );
  });
});
