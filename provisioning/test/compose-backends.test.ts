// The observability backends' configs (Thanos object storage, Loki, Tempo, OpenTelemetry Collector): no
// binaries run here, so each is checked against a schema written from its documented format, and against the
// compose services that mount and run it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';

import {
  commandList,
  flagsOf,
  hostNames,
  loadCompose,
  mountsOf,
  repoPathOf,
  type Service,
} from '../grafana/src/testing/compose.js';
import { readYaml, workspaceDir } from '../grafana/src/testing/repo.js';
import { schemaValidator } from '../grafana/src/testing/schema.js';

type Obj = Record<string, unknown>;
const compose = loadCompose();
const svc = (name: string): Service => {
  const s = compose.services[name];
  assert.ok(s, `no compose service ${name}`);
  return s;
};
const cfg = (dir: string, file: string) => path.join(workspaceDir, dir, file);

/** The repo file a service reads as its config flag (e.g. -config.file), through its mounts. */
function configFileOf(name: string, flag: string): string {
  const s = svc(name);
  const value = flagsOf(commandList(s)).get(flag);
  assert.ok(value, `${name} has no --${flag}`);
  const repo = repoPathOf(s, value);
  assert.ok(repo, `${name}: ${value} is not mounted from the repo`);
  return repo;
}

const durationDays = (d: string) => {
  const m = /^(\d+)([dhy])$/.exec(d);
  assert.ok(m, `duration ${d}`);
  return Number(m[1]) * ({ d: 1, h: 1 / 24, y: 365 } as Record<string, number>)[m[2]];
};

describe('Thanos', () => {
  const validate = schemaValidator(cfg('thanos', 'objstore.schema.json'));

  it('object storage configs match the documented objstore format', () => {
    validate(readYaml(cfg('thanos', 'objstore.yml')), 'objstore.yml');
    validate(readYaml(cfg('thanos', 'objstore.s3.example.yml')), 'objstore.s3.example.yml');
    assert.throws(
      () => validate({ type: 'S3', config: { bucket: 'b' } }, 'S3 without endpoint'),
      /does not match/,
    );
    assert.throws(
      () => validate({ type: 'FILESYSTEM', config: { dir: '/x' } }, 'misspelt directory'),
      /does not match/,
    );
    assert.throws(() => validate({ type: 'S4', config: {} }, 'unknown type'), /does not match/);
  });

  it('the example S3 config carries no credentials', () => {
    const s3 = readYaml<{ config: Obj }>(cfg('thanos', 'objstore.s3.example.yml')).config;
    for (const k of ['access_key', 'secret_key', 'session_token']) assert.ok(!(k in s3), k);
  });

  it('sidecar, store and compactor share one bucket; the compactor keeps 1h resolution for a year', () => {
    const bucketDir = readYaml<{ config: { directory: string } }>(cfg('thanos', 'objstore.yml')).config
      .directory;
    const volumes = new Set<string>();
    for (const name of ['thanos-sidecar', 'thanos-store', 'thanos-compact']) {
      assert.equal(configFileOf(name, 'objstore.config-file'), cfg('thanos', 'objstore.yml'));
      const m = mountsOf(svc(name)).find((x) => x.target === bucketDir);
      assert.ok(m?.volume, `${name} does not mount the bucket at ${bucketDir}`);
      volumes.add(m.volume);
    }
    assert.equal(volumes.size, 1);
    const compact = commandList(svc('thanos-compact'));
    assert.equal(compact[0], 'compact');
    const f = flagsOf(compact);
    assert.ok(f.has('wait'));
    assert.ok(durationDays(f.get('retention.resolution-1h')!) >= 365, 'less than a year at 1h resolution');
    assert.ok(
      durationDays(f.get('retention.resolution-5m')!) >= durationDays(f.get('retention.resolution-raw')!),
    );
  });

  it('the sidecar reads the Prometheus TSDB volume, Prometheus keeps 2h blocks, and query deduplicates on replica', () => {
    const prom = svc('prometheus');
    const pf = flagsOf(commandList(prom));
    assert.equal(pf.get('storage.tsdb.min-block-duration'), '2h');
    assert.equal(pf.get('storage.tsdb.max-block-duration'), '2h');
    const tsdb = pf.get('storage.tsdb.path')!;
    const promVol = mountsOf(prom).find((m) => m.target === tsdb)?.volume;
    const sf = flagsOf(commandList(svc('thanos-sidecar')));
    assert.equal(
      mountsOf(svc('thanos-sidecar')).find((m) => m.target === sf.get('tsdb.path'))?.volume,
      promVol,
    );
    assert.equal(sf.get('prometheus.url'), 'http://prometheus:9090');
    const q = commandList(svc('thanos-query'));
    const endpoints = q
      .filter((a) => a.startsWith('--endpoint='))
      .map((a) => a.slice('--endpoint='.length).split(':')[0])
      .sort();
    assert.deepEqual(endpoints, ['thanos-sidecar', 'thanos-store']);
    const external = readYaml<{ global: { external_labels: Obj } }>(cfg('prometheus', 'prometheus.yml'))
      .global.external_labels;
    assert.ok(flagsOf(q).get('query.replica-label')! in external);
  });
});

describe('Thanos for a year of HA Prometheus data', () => {
  it('query reads downsampled blocks for long ranges (auto-downsampling), so a year-long view has data', () => {
    // Raw data is kept 30 days (compactor): without auto-downsampling a range query asks for raw resolution
    // and shows nothing older.
    assert.ok(commandList(svc('thanos-query')).includes('--query.auto-downsampling'));
  });

  it('the compactor merges HA replicas with the penalty algorithm (the 1:1 default interleaves both replicas)', () => {
    const f = flagsOf(commandList(svc('thanos-compact')));
    assert.equal(f.get('deduplication.func'), 'penalty');
    const external = readYaml<{ global: { external_labels: Obj } }>(cfg('prometheus', 'prometheus.yml')).global
      .external_labels;
    assert.ok(f.get('deduplication.replica-label')! in external);
  });

  it("Prometheus drops the replica label from the alerts it sends, so a pair's alerts are identical", () => {
    const alerting = readYaml<{ alerting: { alert_relabel_configs?: Obj[] } }>(cfg('prometheus', 'prometheus.yml'))
      .alerting;
    assert.deepEqual(alerting.alert_relabel_configs, [{ action: 'labeldrop', regex: 'replica' }]);
    // The live pipeline test (alert-pipeline.test.ts) checks the real Alertmanager receives no replica label.
  });
});

describe('Loki', () => {
  const file = cfg('loki', 'loki.yml');
  const validate = schemaValidator(cfg('loki', 'loki.schema.json'));

  it('matches the documented configuration blocks and is what the loki service runs', () => {
    validate(readYaml(file), 'loki.yml');
    assert.equal(configFileOf('loki', 'config.file'), file);
    assert.throws(
      () => validate({ ...readYaml<Obj>(file), schema_configs: {} }, 'misspelt block'),
      /does not match/,
    );
  });

  it('retention is enforced: compactor retention on, a delete-request store, and a retention period', () => {
    const c = readYaml<{ compactor: Obj; limits_config: Obj; common: { path_prefix: string } }>(file);
    assert.equal(c.compactor.retention_enabled, true);
    assert.ok(c.compactor.delete_request_store);
    assert.ok(durationDays(String(c.limits_config.retention_period)) >= 7);
    const data = mountsOf(svc('loki')).find((m) => m.target === c.common.path_prefix);
    assert.ok(data?.volume, 'loki path_prefix is not on a volume');
  });
});

describe('Tempo', () => {
  const file = cfg('tempo', 'tempo.yml');
  const validate = schemaValidator(cfg('tempo', 'tempo.schema.json'));

  it('matches the documented configuration blocks and is what the tempo service runs', () => {
    validate(readYaml(file), 'tempo.yml');
    assert.equal(configFileOf('tempo', 'config.file'), file);
    assert.throws(
      () => validate({ ...readYaml<Obj>(file), storage: { trace: { backend: 'disk' } } }, 'bad backend'),
      /does not match/,
    );
  });

  it('writes generated metrics to a Prometheus that accepts remote write, and keeps data on a volume', () => {
    const t = readYaml<{
      metrics_generator: { storage: { remote_write: { url: string }[] } };
      storage: { trace: { local: { path: string } } };
    }>(file);
    for (const rw of t.metrics_generator.storage.remote_write)
      assert.equal(new URL(rw.url).host, 'prometheus:9090');
    assert.ok(commandList(svc('prometheus')).includes('--web.enable-remote-write-receiver'));
    const data = mountsOf(svc('tempo')).find((m) => t.storage.trace.local.path.startsWith(m.target));
    assert.ok(data?.volume);
  });
});

describe('OpenTelemetry Collector', () => {
  const file = cfg('otel-collector', 'otel-collector.yml');
  const validate = schemaValidator(cfg('otel-collector', 'otel-collector.schema.json'));
  const c = readYaml<
    Record<string, Obj> & {
      service: { pipelines: Record<string, Record<string, string[]>>; extensions: string[] };
    }
  >(file);

  it('matches the documented configuration shape and is what the otel-collector service runs', () => {
    validate(c, 'otel-collector.yml');
    assert.equal(configFileOf('otel-collector', 'config'), file);
    assert.throws(
      () =>
        validate(
          { ...c, service: { pipelines: { trace: { receivers: ['otlp'], exporters: ['x'] } } } },
          'bad pipeline',
        ),
      /does not match/,
    );
  });

  it('pipelines and service extensions only name components that are defined, and every component is used', () => {
    const used = new Set<string>();
    for (const [name, p] of Object.entries(c.service.pipelines)) {
      for (const kind of ['receivers', 'processors', 'exporters'] as const) {
        for (const id of p[kind] ?? []) {
          assert.ok(id in (c[kind] ?? {}), `pipeline ${name}: ${kind} ${id} is not defined`);
          used.add(`${kind}:${id}`);
        }
      }
    }
    for (const id of c.service.extensions) {
      assert.ok(id in (c.extensions ?? {}), `extension ${id} is not defined`);
      used.add(`extensions:${id}`);
    }
    for (const kind of ['receivers', 'processors', 'exporters', 'extensions']) {
      for (const id of Object.keys(c[kind] ?? {}))
        assert.ok(used.has(`${kind}:${id}`), `${kind} ${id} is defined but unused`);
    }
  });

  it('exporters send to compose services on the ports those backends are configured to listen on', () => {
    const hosts = hostNames(compose);
    const tempo = readYaml<{
      distributor: { receivers: { otlp: { protocols: { grpc: { endpoint: string } } } } };
    }>(cfg('tempo', 'tempo.yml'));
    const loki = readYaml<{ server: { http_listen_port: number } }>(cfg('loki', 'loki.yml'));
    const listen: Record<string, string> = {
      tempo: tempo.distributor.receivers.otlp.protocols.grpc.endpoint.split(':').pop()!,
      loki: String(loki.server.http_listen_port),
      prometheus: '9090',
    };
    for (const [id, e] of Object.entries(c.exporters as Record<string, { endpoint: string }>)) {
      const url = new URL(e.endpoint.includes('://') ? e.endpoint : `grpc://${e.endpoint}`);
      assert.ok(hosts.has(url.hostname), `${id}: ${url.hostname} is not a compose service`);
      assert.equal(
        url.port,
        listen[url.hostname],
        `${id}: port ${url.port} is not where ${url.hostname} listens`,
      );
    }
  });
});
