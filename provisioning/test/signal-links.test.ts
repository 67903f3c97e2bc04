// The links Grafana draws between signals only work when each side names the same thing: the compose services'
// log records carry the service name the Collector turns into service.name, Loki indexes that as service_name,
// and Tempo's traces-to-logs query filters on the label Loki really has. No Collector, Loki or Tempo runs here:
// these are the documented contracts, checked across the files that must agree.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { loadCompose } from '../grafana/src/testing/compose.js';
import { grafanaDir, readYaml, workspaceDir } from '../grafana/src/testing/repo.js';

type Obj = Record<string, unknown>;
interface Operator {
  type: string;
  if?: string;
  from?: string;
  to?: string;
}

const collector = readYaml<{ receivers: Record<string, { operators?: Operator[] }> }>(
  path.join(workspaceDir, 'otel-collector', 'otel-collector.yml'),
);
const datasources = readYaml<{ datasources: Obj[] }>(
  path.join(grafanaDir, 'provisioning', 'datasources', 'vigil.yml'),
).datasources;
const ds = (type: string) => datasources.find((d) => d.type === type)!.jsonData as Obj;
const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';

describe('signal links: container logs → Loki ← Tempo', () => {
  it('every compose service logs through json-file with its compose service label in the record (both variants)', () => {
    for (const variant of ['base', 'linux'] as const) {
      for (const [name, s] of Object.entries(loadCompose(variant).services)) {
        assert.equal(s.logging?.driver, 'json-file', `${variant}: ${name}`);
        assert.ok((s.logging?.options?.labels ?? '').split(',').includes(COMPOSE_SERVICE_LABEL), `${variant}: ${name}`);
      }
    }
  });

  it("the Collector sets service.name from that label, so container logs are not all unknown_service", () => {
    const ops = collector.receivers['filelog/docker'].operators ?? [];
    const move = ops.find((o) => o.type === 'move' && o.to === 'resource["service.name"]');
    assert.ok(move, 'no operator sets resource service.name');
    assert.equal(move.from, `attributes.attrs["${COMPOSE_SERVICE_LABEL}"]`);
    // It runs after the Docker record is parsed (attrs exist only then).
    assert.ok(ops.findIndex((o) => o.type === 'json_parser') < ops.indexOf(move));
    // Vigil's JSON lines give the record its trace context.
    assert.ok(ops.some((o) => o.type === 'trace_parser'), 'no trace_parser');
  });

  it("Tempo's traces-to-logs query filters on the label Loki derives from service.name, and on the trace id", () => {
    const t2l = ds('tempo').tracesToLogsV2 as { tags?: { key: string; value?: string }[]; filterByTraceID?: boolean };
    assert.equal(t2l.filterByTraceID, true);
    // Loki's OTLP ingestion indexes the resource attribute service.name as service_name (Loki 3 default); with
    // no tag at all Grafana's query would be `{}`, which Loki refuses.
    assert.deepEqual(t2l.tags, [{ key: 'service.name', value: 'service_name' }]);
    const loki = readYaml<{ limits_config: Obj }>(path.join(workspaceDir, 'loki', 'loki.yml'));
    assert.equal(loki.limits_config.otlp_config, undefined, "loki.yml overrides Loki's default OTLP labels");
  });

  it("Loki's derived field finds the trace id in a Vigil JSON log line, and links to the Tempo datasource", () => {
    const field = (ds('loki').derivedFields as { matcherRegex: string; datasourceUid: string }[])[0];
    const tempoUid = datasources.find((d) => d.type === 'tempo')!.uid;
    assert.equal(field.datasourceUid, tempoUid);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const line = JSON.stringify({ level: 30, time: '2026-12-02T10:00:00.000Z', trace_id: traceId, span_id: '00f067aa0ba902b7', msg: 'batch applied' });
    assert.equal(new RegExp(field.matcherRegex).exec(line)?.[1], traceId);
  });
});

describe('signal links: a slow order on the trading dashboard → its trace', () => {
  it("the latency graphs ask for exemplars, and the exemplar label Vigil writes is the one the datasource links to Tempo", () => {
    type Panel = { type?: string; title?: string; targets?: { expr?: string; exemplar?: boolean }[]; panels?: Panel[] };
    const dash = JSON.parse(readFileSync(path.join(grafanaDir, 'dashboards', 'trading.json'), 'utf8')) as { panels: Panel[] };
    const panels = dash.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
    for (const metric of ['trading_order_completion_duration_seconds', 'trading_order_ack_duration_seconds', 'trading_order_first_fill_duration_seconds']) {
      const targets = panels.filter((p) => p.type === 'timeseries').flatMap((p) => p.targets ?? []).filter((t) => t.expr?.includes(`${metric}_bucket`));
      assert.ok(targets.length > 0, metric);
      assert.ok(targets.every((t) => t.exemplar === true), `${metric}: exemplars not asked for`);
    }
    const dest = (ds('prometheus').exemplarTraceIdDestinations as { name: string; datasourceUid: string }[])[0];
    // The label name the exporter kit writes (packages/exporter-kit/src/series.ts traceExemplarLabels).
    assert.equal(dest.name, 'trace_id');
    assert.equal(dest.datasourceUid, datasources.find((d) => d.type === 'tempo')!.uid);
  });
});

describe("signal links: Vigil's traces reach the Collector under the name its logs carry", () => {
  it('every Vigil exporter in compose sends OTLP/HTTP to the Collector and is named as its compose service (both variants)', () => {
    const otlp = (collector.receivers as unknown as { otlp: { protocols: { http: { endpoint: string } } } }).otlp.protocols.http.endpoint;
    const port = otlp.split(':').pop();
    for (const variant of ['base', 'linux'] as const) {
      const services = loadCompose(variant).services;
      for (const name of ['trading-exporter', 'alert-journal', 'exchange-exporter', 'host-exporter']) {
        const env = services[name]?.environment ?? {};
        assert.equal(env.OTEL_EXPORTER_OTLP_ENDPOINT, `http://otel-collector:${port}`, `${variant}: ${name}`);
        // Tempo's traces-to-logs filters Loki on service_name = the span's service.name: the same name.
        assert.equal(env.OTEL_SERVICE_NAME, name, `${variant}: ${name}`);
      }
    }
  });
});

describe('Grafana starts offline and talks to the pinned versions', () => {
  const grafana = loadCompose().services.grafana;
  const env = grafana.environment ?? {};

  it('no plugin is installed synchronously at start-up; what is preinstalled is pinned and not auto-updated', () => {
    // preinstall_sync blocks Grafana's start until grafana.com answers: on a host without internet it never starts.
    assert.equal(env.GF_PLUGINS_PREINSTALL_SYNC, undefined);
    assert.equal(env.GF_INSTALL_PLUGINS, undefined, 'GF_INSTALL_PLUGINS is migrated to preinstall_sync');
    for (const entry of (env.GF_PLUGINS_PREINSTALL ?? '').split(',').filter(Boolean)) {
      assert.match(entry, /^[\w-]+@\d+\.\d+\.\d+$/, `${entry} is not pinned to a version`);
    }
    assert.equal(env.GF_PLUGINS_PREINSTALL_AUTO_UPDATE, 'false');
    // The journal datasource's plugin is among them.
    const journal = datasources.find((d) => d.uid === 'vigil-alert-journal')!;
    assert.ok((env.GF_PLUGINS_PREINSTALL ?? '').includes(`${String(journal.type)}@`));
  });

  it("the Prometheus datasource's prometheusVersion is the version of the pinned prom/prometheus image", () => {
    const image = loadCompose().services.prometheus.image ?? '';
    const version = /^prom\/prometheus:v(\d+\.\d+\.\d+)$/.exec(image)?.[1];
    assert.ok(version, image);
    const prom = datasources.find((d) => d.uid === 'vigil-prometheus')!.jsonData as Obj;
    assert.equal(prom.prometheusVersion, version);
  });
});
