// A real Alertmanager (Debian 0.25) routes to the journal through the documented webhook_configs snippet:
// alerts posted to Alertmanager arrive, are stored, resolve; silences made through the journal really mute;
// acknowledgements merge into the active alerts. Every response is checked against the OpenAPI schemas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, removeDir, startJournal, type RunningJournal } from './helpers/journal.js';
import { assertMatchesSchema, assertValidOpenApi31 } from './helpers/openapi-check.js';
import { freePort, startAlertmanager, waitFor, type RunningAlertmanager } from '@vigil/test-support';

let j: RunningJournal;
let am: RunningAlertmanager;

function alertmanagerYml(journalUrl: string, tokenFile: string): string {
  return `
route:
  receiver: journal
  group_by: ['alertname']
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: journal
    webhook_configs:
      - url: ${journalUrl}/v1/alertmanager
        send_resolved: true
        max_alerts: 0
        http_config:
          authorization:
            type: Bearer
            credentials_file: ${tokenFile}
`;
}

async function history(query: string) {
  const r = await api(j.url, `/api/v1/alerts/history?${query}`);
  assert.equal(r.status, 200);
  assertMatchesSchema('HistoryPage', r.body);
  return r.body.occurrences as Array<Record<string, unknown>>;
}

test.before(async () => {
  const amPort = await freePort();
  const first = await startJournal();
  const dir = first.dir;
  await first.stop();
  writeFileSync(join(dir, 'webhook-token'), 'am-shared-secret\n');
  j = await startJournal([`--webhook.bearer-token-file=${join(dir, 'webhook-token')}`, '--alertmanager.sync-interval=500ms'], { ALERTMANAGER_URL: `http://127.0.0.1:${amPort}` }, dir);
  am = await startAlertmanager({ config: alertmanagerYml(j.url, join(dir, 'webhook-token')), port: amPort });
});

test.after(async () => {
  await am?.stop();
  await j?.stop();
  if (j) removeDir(j.dir);
});

const labels = (alertname: string, extra: Record<string, string> = {}) => ({ alertname, severity: 'critical', service: 'orders', venue: 'binance', ...extra });

test('alerts posted to Alertmanager arrive in the journal, are stored, and resolve', async () => {
  const startsAt = new Date(Date.now() - 5_000).toISOString();
  await am.postAlerts([{ labels: labels('JournalE2EFiring'), annotations: { description: 'order latency high' }, startsAt }]);
  const [occ] = await waitFor(async () => {
    const rows = await history('alertname=JournalE2EFiring');
    return rows.length ? rows : undefined;
  }, { what: 'firing occurrence', timeoutMs: 20_000 });
  assert.equal(occ.status, 'firing');
  assert.equal(occ.starts_at, new Date(startsAt).toISOString());
  const amAlerts = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as Array<{ fingerprint: string; labels: Record<string, string> }>;
  const fingerprint = amAlerts.find((a) => a.labels.alertname === 'JournalE2EFiring')?.fingerprint;
  assert.equal(occ.fingerprint, fingerprint, "stored under Alertmanager's fingerprint");

  const active = await api(j.url, '/api/v1/alerts?severity=critical&service=orders&venue=binance');
  assert.equal(active.status, 200);
  assertMatchesSchema('AlertList', active.body);
  const mine = (active.body.alerts as Array<Record<string, unknown>>).find((a) => a.id === fingerprint);
  assert.ok(mine);
  assert.equal(mine.severity, 'critical');
  assert.equal(mine.service, 'orders');
  assert.equal(mine.description, 'order latency high');
  assert.equal(mine.status, 'firing');
  assert.deepEqual((await api(j.url, '/api/v1/alerts?severity=info')).body.alerts, []);

  await am.postAlerts([{ labels: labels('JournalE2EFiring'), startsAt, endsAt: new Date().toISOString() }]);
  const [resolved] = await waitFor(async () => {
    const rows = await history('alertname=JournalE2EFiring&status=resolved');
    return rows.length ? rows : undefined;
  }, { what: 'resolved occurrence', timeoutMs: 20_000 });
  assert.ok((resolved.duration_seconds as number) >= 5);
  assert.equal((await history('alertname=JournalE2EFiring')).length, 1, 'one occurrence, not one per notification');
});

test('a silence made through POST /api/v1/alerts/silence really mutes the alert, and DELETE lifts it', async () => {
  const created = await api(j.url, '/api/v1/alerts/silence', {
    method: 'POST',
    json: { matcher: { alertname: 'JournalE2EMuted' }, duration_minutes: 10, created_by: 'e2e', comment: 'maintenance window' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assertMatchesSchema('SilenceCreated', created.body);
  const id = String(created.body.id);
  const silence = (await (await fetch(`${am.url}/api/v2/silence/${id}`)).json()) as { status: { state: string }; createdBy: string; matchers: Array<{ name: string; value: string }> };
  assert.equal(silence.status.state, 'active');
  assert.equal(silence.createdBy, 'e2e');
  assert.deepEqual(silence.matchers.map((m) => [m.name, m.value]), [['alertname', 'JournalE2EMuted']]);

  await am.postAlerts([{ labels: labels('JournalE2EMuted') }, { labels: labels('JournalE2EControl') }]);
  // The control alert, sent at the same moment, proves notifications are flowing while the muted one stays out.
  await waitFor(async () => ((await history('alertname=JournalE2EControl')).length ? true : undefined), { what: 'control alert', timeoutMs: 20_000 });
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal((await history('alertname=JournalE2EMuted')).length, 0, 'a silenced alert must not reach the journal');
  const silenced = await api(j.url, '/api/v1/alerts?status=silenced');
  assert.deepEqual((silenced.body.alerts as Array<{ alertname: string }>).map((a) => a.alertname), ['JournalE2EMuted']);

  const expired = await api(j.url, `/api/v1/alerts/silence/${id}`, { method: 'DELETE' });
  assert.equal(expired.status, 200);
  assertMatchesSchema('SilenceExpired', expired.body);
  const after = (await (await fetch(`${am.url}/api/v2/silence/${id}`)).json()) as { status: { state: string } };
  assert.equal(after.status.state, 'expired');
  await waitFor(async () => ((await history('alertname=JournalE2EMuted')).length ? true : undefined), { what: 'unmuted alert delivered', timeoutMs: 20_000 });
  assert.equal((await api(j.url, '/api/v1/alerts/silence/11111111-2222-3333-4444-555555555555', { method: 'DELETE' })).status, 404);
});

test('POST /api/v1/alerts: a service alert goes through Alertmanager into the history, under the fingerprint it answered, and resolves', async () => {
  const generatorURL = 'http://order-gateway.internal:8080/status';
  const raised = await api(j.url, '/api/v1/alerts', {
    method: 'POST',
    json: { name: 'ServiceE2EGatewayDegraded', severity: 'warning', labels: { service: 'order-gateway', venue: 'binance' }, annotations: { summary: 'FIX session flapping' }, generatorURL },
  });
  assert.equal(raised.status, 202, JSON.stringify(raised.body));
  assertMatchesSchema('ServiceAlertAccepted', raised.body);
  assert.equal(raised.body.status, 'firing');
  assert.deepEqual(raised.body.labels, { alertname: 'ServiceE2EGatewayDegraded', severity: 'warning', service: 'order-gateway', venue: 'binance' });
  const inAm = await waitFor(async () => {
    const all = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as Array<{ fingerprint: string; labels: Record<string, string>; generatorURL: string }>;
    return all.find((a) => a.labels.alertname === 'ServiceE2EGatewayDegraded');
  }, { what: 'the service alert in Alertmanager', timeoutMs: 10_000 });
  assert.equal(raised.body.fingerprint, inAm.fingerprint, "the answered fingerprint is Alertmanager's");
  assert.equal(inAm.generatorURL, generatorURL);
  const [occ] = await waitFor(async () => {
    const rows = await history('alertname=ServiceE2EGatewayDegraded');
    return rows.length ? rows : undefined;
  }, { what: 'the service alert in the history (through the webhook)', timeoutMs: 20_000 });
  assert.equal(occ.fingerprint, inAm.fingerprint);
  assert.equal(occ.severity, 'warning');
  assert.equal(occ.service, 'order-gateway');
  assert.equal(occ.venue, 'binance');
  assert.equal(occ.generator_url, generatorURL);
  assert.deepEqual(occ.annotations, { summary: 'FIX session flapping' });
  const active = await api(j.url, '/api/v1/alerts?service=order-gateway');
  assert.deepEqual((active.body.alerts as Array<{ id: string }>).map((a) => a.id), [inAm.fingerprint]);

  // The service resolves it by posting it again with an end time.
  const resolved = await api(j.url, '/api/v1/alerts', {
    method: 'POST',
    json: { name: 'ServiceE2EGatewayDegraded', severity: 'warning', labels: { service: 'order-gateway', venue: 'binance' }, endsAt: new Date().toISOString() },
  });
  assert.equal(resolved.status, 202);
  assert.equal(resolved.body.status, 'resolved');
  assert.equal(resolved.body.fingerprint, inAm.fingerprint);
  await waitFor(async () => ((await history('alertname=ServiceE2EGatewayDegraded&status=resolved')).length ? true : undefined), { what: 'the service alert resolved in the history', timeoutMs: 20_000 });
  const text = await (await fetch(`${j.url}/metrics`)).text();
  assert.match(text, /vigil_alert_journal_service_alerts_total\{severity="warning",outcome="forwarded"\} 2/);
});

test('POST /api/v1/alerts: a silence mutes a service alert as it mutes Prometheus alerts', async () => {
  const silence = await api(j.url, '/api/v1/alerts/silence', {
    method: 'POST',
    json: { matcher: { alertname: 'ServiceE2EMuted', service: 'risk-engine' }, duration_minutes: 10, created_by: 'e2e', comment: 'risk engine redeploy' },
  });
  assert.equal(silence.status, 201);
  const id = String(silence.body.id);
  const raise = (name: string) => api(j.url, '/api/v1/alerts', { method: 'POST', json: { name, severity: 'critical', labels: { service: 'risk-engine' } } });
  const muted = await raise('ServiceE2EMuted');
  assert.equal(muted.status, 202);
  assert.equal((await raise('ServiceE2EUnmuted')).status, 202);
  // The control, posted after the muted one, proves notifications flow while the muted one stays out.
  await waitFor(async () => ((await history('alertname=ServiceE2EUnmuted')).length ? true : undefined), { what: 'control service alert', timeoutMs: 20_000 });
  const state = await waitFor(async () => {
    const all = (await (await fetch(`${am.url}/api/v2/alerts?silenced=true`)).json()) as Array<{ fingerprint: string; status: { state: string; silencedBy: string[] } }>;
    const a = all.find((x) => x.fingerprint === muted.body.fingerprint);
    return a?.status.state === 'suppressed' ? a : undefined;
  }, { what: 'the muted alert suppressed in Alertmanager', timeoutMs: 10_000 });
  assert.deepEqual(state.status.silencedBy, [id]);
  assert.equal((await history('alertname=ServiceE2EMuted')).length, 0, 'a silenced service alert must not reach the journal');
  assert.equal((await api(j.url, `/api/v1/alerts/silence/${id}`, { method: 'DELETE' })).status, 200);
  await waitFor(async () => ((await history('alertname=ServiceE2EMuted')).length ? true : undefined), { what: 'the unmuted service alert delivered', timeoutMs: 20_000 });
});

test('acknowledging with a silence: owner shows in the active alerts, and the silence ends when the alert resolves', async () => {
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  await am.postAlerts([{ labels: labels('JournalE2EAck'), startsAt }]);
  const [occ] = await waitFor(async () => {
    const rows = await history('alertname=JournalE2EAck');
    return rows.length ? rows : undefined;
  }, { what: 'ack alert', timeoutMs: 20_000 });
  const ack = await api(j.url, `/api/v1/alerts/${occ.fingerprint}/ack`, { method: 'POST', json: { owner: 'ana', ticket: 'OPS-42', comment: 'on it', silence_until_resolved: true } });
  assert.equal(ack.status, 200, JSON.stringify(ack.body));
  assertMatchesSchema('AckResult', ack.body);
  const silenceId = String(ack.body.silence_id);
  const acked = await waitFor(async () => {
    const r = await api(j.url, '/api/v1/alerts?status=acknowledged');
    const a = (r.body.alerts as Array<Record<string, unknown>>).find((x) => x.id === occ.fingerprint);
    return a && a.silenced ? a : undefined;
  }, { what: 'acknowledged status', timeoutMs: 20_000 });
  assert.equal(acked.owner, 'ana');
  assert.equal(acked.acknowledged, true);

  await am.postAlerts([{ labels: labels('JournalE2EAck'), startsAt, endsAt: new Date().toISOString() }]);
  await waitFor(async () => ((await history('alertname=JournalE2EAck&status=resolved')).length ? true : undefined), { what: 'resolution sync', timeoutMs: 20_000 });
  await waitFor(async () => {
    const s = (await (await fetch(`${am.url}/api/v2/silence/${silenceId}`)).json()) as { status: { state: string } };
    return s.status.state === 'expired' || undefined;
  }, { what: 'silence expired', timeoutMs: 20_000 });
});

test('an alert Alertmanager holds but never sent (silenced from the start) can be acknowledged; unknown ids are 404', async () => {
  const silence = await api(j.url, '/api/v1/alerts/silence', {
    method: 'POST',
    json: { matcher: { alertname: 'JournalE2EAdopt' }, duration_minutes: 5, created_by: 'e2e', comment: 'muted from the start' },
  });
  assert.equal(silence.status, 201);
  await am.postAlerts([{ labels: labels('JournalE2EAdopt') }]);
  const shown = await waitFor(async () => {
    const r = await api(j.url, '/api/v1/alerts?status=silenced');
    return (r.body.alerts as Array<{ id: string; alertname: string }>).find((a) => a.alertname === 'JournalE2EAdopt');
  }, { what: 'silenced alert listed', timeoutMs: 20_000 });
  assert.equal((await history('alertname=JournalE2EAdopt')).length, 0);
  const ack = await api(j.url, `/api/v1/alerts/${shown.id}/ack`, { method: 'POST', json: { owner: 'bob' } });
  assert.equal(ack.status, 200, JSON.stringify(ack.body));
  assertMatchesSchema('AckResult', ack.body);
  const [occ] = await history('alertname=JournalE2EAdopt');
  assert.equal(occ.owner, 'bob');
  assert.equal(occ.fingerprint, shown.id);
  const missing = await api(j.url, '/api/v1/alerts/0123456789abcdef/ack', { method: 'POST', json: { owner: 'bob' } });
  assert.equal(missing.status, 404);
});

test('an alert that resolves while silenced (no resolved notification) is closed from Alertmanager state', async () => {
  const startsAt = new Date(Date.now() - 30_000).toISOString();
  await am.postAlerts([{ labels: labels('JournalE2EQuietEnd'), startsAt }]);
  await waitFor(async () => ((await history('alertname=JournalE2EQuietEnd')).length ? true : undefined), { what: 'firing', timeoutMs: 20_000 });
  const silence = await api(j.url, '/api/v1/alerts/silence', {
    method: 'POST',
    json: { matcher: { alertname: 'JournalE2EQuietEnd' }, duration_minutes: 5, created_by: 'e2e', comment: 'mute then resolve' },
  });
  assert.equal(silence.status, 201);
  await am.postAlerts([{ labels: labels('JournalE2EQuietEnd'), startsAt, endsAt: new Date().toISOString() }]);
  const [occ] = await waitFor(async () => {
    const rows = await history('alertname=JournalE2EQuietEnd&status=resolved');
    return rows.length ? rows : undefined;
  }, { what: 'closed by the sync', timeoutMs: 20_000 });
  // One notification (the firing one): the resolution was muted by Alertmanager and came from the sync.
  assert.equal(occ.notifications, 1);
  // A firing alert that is not silenced and still active is left alone by the sync.
  const control = await history('alertname=JournalE2EControl');
  assert.equal(control[0].status, 'firing');
});

test('stats, health, openapi and the webhook answer match the OpenAPI document', async () => {
  const stats = await api(j.url, '/api/v1/alerts/stats');
  assert.equal(stats.status, 200);
  assertMatchesSchema('Stats', stats.body);
  const byName = stats.body.by_alertname as Array<{ key: string; acknowledged: number; mean_time_to_acknowledge_seconds: number | null }>;
  const ackRow = byName.find((g) => g.key === 'JournalE2EAck');
  assert.equal(ackRow?.acknowledged, 1);
  assert.ok((ackRow?.mean_time_to_acknowledge_seconds ?? 0) >= 60);

  const health = await fetch(`${j.url}/health`);
  const body = (await health.json()) as { status: string; checks: Record<string, { status: string }> };
  assertMatchesSchema('Health', body);
  assert.equal(body.checks.store.status, 'healthy');
  assert.equal(body.checks.alertmanager.status, 'healthy');
  // No Prometheus in this test: degraded, still answering 200.
  assert.equal(body.checks.prometheus.status, 'degraded');
  assert.equal(body.status, 'degraded');
  assert.equal(health.status, 200);

  const doc = await api(j.url, '/api/v1/openapi.json');
  assert.equal(doc.body.openapi, '3.1.0');
  assertValidOpenApi31(doc.body);
  const paths = Object.keys(doc.body.paths as object);
  for (const p of ['/v1/alertmanager', '/api/v1/alerts', '/api/v1/metrics/{service}', '/api/v1/alerts/silence', '/api/v1/alerts/silence/{id}', '/api/v1/alerts/{id}/ack', '/api/v1/alerts/history', '/api/v1/alerts/stats', '/api/v1/reports/daily', '/health']) {
    assert.ok(paths.includes(p), p);
  }
  const hook = await fetch(`${j.url}/v1/alertmanager`, {
    method: 'POST',
    headers: { authorization: 'Bearer am-shared-secret', 'content-type': 'application/json' },
    body: JSON.stringify({ version: '4', status: 'firing', alerts: [] }),
  });
  assertMatchesSchema('WebhookStored', await hook.json());
  const bad = await api(j.url, '/api/v1/alerts/silence', { method: 'POST', json: {} });
  assertMatchesSchema('Error', bad.body);
});
