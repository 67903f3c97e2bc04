// Fault suite: the journal as its real bin, with a real Prometheus and Alertmanager on 127.0.0.1, through the
// faults an operator meets: Prometheus down, Alertmanager down, a relay target that accepts the connection and
// never answers, a client sending a byte a second. Each gives a clear error naming what failed, a health state
// and a metric; webhooks keep being stored meanwhile, and after the fault ends everything acknowledged is there.
// (The disk-full fault is disk-full.test.ts.)
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { freePort, slowClient, startAlertmanager, startPrometheus, tempDir, waitFor, type RunningAlertmanager, type RunningPrometheus } from '@vigil/test-support';
import { api } from './helpers/journal.js';
import { metric, spawnJournal } from './helpers/journal-process.js';
import { postWebhook, webhookPayload } from './helpers/payloads.js';

const T0 = '2026-11-20T10:00:00Z';

interface Health {
  status: string;
  checks: Record<string, { status: string; message?: string }>;
}

async function health(url: string): Promise<{ code: number; body: Health }> {
  const res = await fetch(`${url}/health`);
  return { code: res.status, body: (await res.json()) as Health };
}

/** Posts one firing alert per name; every one must be acknowledged (200). */
async function store(url: string, names: string[]): Promise<void> {
  for (const alertname of names) {
    const r = await postWebhook(url, webhookPayload([{ alertname, fingerprint: createHash('sha256').update(alertname).digest('hex').slice(0, 16), startsAt: T0 }]));
    assert.equal(r.status, 200, `${alertname}: ${JSON.stringify(r.body)}`);
  }
}

async function assertStored(url: string, names: string[]): Promise<void> {
  for (const alertname of names) {
    const r = await api(url, `/api/v1/alerts/history?alertname=${alertname}`);
    assert.equal((r.body.occurrences as unknown[]).length, 1, `${alertname} is in the history`);
  }
}

const AM_CONFIG = `
route:
  receiver: nowhere
  group_wait: 0s
receivers:
  - name: nowhere
`;

describe('journal faults (real processes on loopback)', () => {
  it('Prometheus down: reports and metrics answer 502 naming it, health is degraded, webhooks are stored; all recovers on restart', { timeout: 120_000 }, async () => {
    const promPort = await freePort();
    const dataDir = tempDir();
    const promConfig = { global: { scrape_interval: '1s' }, scrape_configs: [] };
    let prom: RunningPrometheus | undefined = await startPrometheus({ config: promConfig, port: promPort, dataDir });
    const j = await spawnJournal({ port: await freePort(), db: join(tempDir(), 'journal.db'), env: { PROMETHEUS_URL: prom.url } });
    const metricsPath = '/api/v1/metrics/orders?metric=up&step=1m';
    try {
      assert.equal((await health(j.url)).body.checks.prometheus.status, 'healthy');
      assert.equal((await api(j.url, metricsPath)).status, 200);
      await store(j.url, ['BeforePromDown']);

      await prom.stop();
      prom = undefined;
      const down = await api(j.url, metricsPath);
      assert.equal(down.status, 502);
      assert.match(String(down.body.error), /^prometheus: unreachable \(ECONNREFUSED\)/);
      const h = await health(j.url);
      assert.equal(h.code, 200, 'degraded, not unhealthy: the journal still stores webhooks');
      assert.equal(h.body.status, 'degraded');
      assert.equal(h.body.checks.prometheus.status, 'degraded');
      assert.match(h.body.checks.prometheus.message ?? '', /prometheus: unreachable/);
      // The daily report is still built from the journal's own history, and says what it could not get.
      const report = await api(j.url, '/api/v1/reports/daily', { method: 'POST', json: { date: '2026-11-20', send: false } });
      assert.equal(report.status, 200);
      assert.match(String(report.body.prometheus_error), /prometheus: unreachable/);
      assert.equal(report.body.occurrences, 1);
      await store(j.url, ['DuringPromDown1', 'DuringPromDown2']);
      assert.ok((await metric(j.url, 'vigil_alert_journal_upstream_errors_total{upstream="prometheus"}')) >= 3, 'failed calls counted');
      assert.equal(await metric(j.url, 'vigil_alert_journal_health_check_status{check="prometheus",critical="false",state="degraded"}'), 1);

      // The fault ends: Prometheus again, on the same port and data.
      prom = await startPrometheus({ config: promConfig, port: promPort, dataDir });
      await waitFor(async () => (await health(j.url)).body.checks.prometheus.status === 'healthy', { what: 'the prometheus check healthy again', timeoutMs: 20_000 });
      assert.equal((await api(j.url, metricsPath)).status, 200);
      await assertStored(j.url, ['BeforePromDown', 'DuringPromDown1', 'DuringPromDown2']);
    } finally {
      await j.stop();
      await prom?.stop();
    }
  });

  it('Alertmanager down: silences and acknowledgements that need it answer 502 naming it, health is degraded, webhooks and plain acks are stored, the Watchdog alert reaches it once it is back', { timeout: 120_000 }, async () => {
    const amPort = await freePort();
    let am: RunningAlertmanager | undefined = await startAlertmanager({ config: AM_CONFIG, port: amPort });
    const j = await spawnJournal({
      port: await freePort(),
      db: join(tempDir(), 'journal.db'),
      env: { ALERTMANAGER_URL: am.url },
      // No Watchdog is sent here: after 1 s the journal raises VigilWatchdogMissing in Alertmanager, every 300 ms.
      args: ['--watchdog.timeout=1s', '--watchdog.check-interval=300ms', '--alertmanager.sync-interval=300ms'],
    });
    const silence = { matcher: { alertname: 'Noisy' }, duration_minutes: 30, created_by: 'ops', comment: 'maintenance' };
    const missingInAm = async () => {
      const res = await fetch(`${am!.url}/api/v2/alerts`);
      const alerts = (await res.json()) as Array<{ labels: Record<string, string> }>;
      return alerts.some((a) => a.labels.alertname === 'VigilWatchdogMissing');
    };
    try {
      assert.equal((await health(j.url)).body.checks.alertmanager.status, 'healthy');
      await waitFor(missingInAm, { what: 'VigilWatchdogMissing posted to Alertmanager', timeoutMs: 20_000 });
      assert.equal((await api(j.url, '/api/v1/alerts/silence', { method: 'POST', json: silence })).status, 201);
      await store(j.url, ['BeforeAmDown']);

      await am.stop();
      am = undefined;
      const refused = await api(j.url, '/api/v1/alerts/silence', { method: 'POST', json: silence });
      assert.equal(refused.status, 502);
      assert.match(String(refused.body.error), /^alertmanager: unreachable \(ECONNREFUSED\)/);
      const h = await health(j.url);
      assert.equal(h.code, 200);
      assert.equal(h.body.status, 'degraded');
      assert.match(h.body.checks.alertmanager.message ?? '', /alertmanager: unreachable/);
      await store(j.url, ['DuringAmDown']);
      const firing = (await api(j.url, '/api/v1/alerts/history?alertname=DuringAmDown')).body.occurrences as Array<{ fingerprint: string }>;
      const fp = firing[0].fingerprint;
      // An acknowledgement that silences needs Alertmanager: 502, and nothing half-done is kept.
      const ackSilenced = await api(j.url, `/api/v1/alerts/${fp}/ack`, { method: 'POST', json: { owner: 'ops', silence_until_resolved: true } });
      assert.equal(ackSilenced.status, 502);
      assert.match(String(ackSilenced.body.error), /^alertmanager: unreachable/);
      // A plain acknowledgement is the journal's own: stored.
      assert.equal((await api(j.url, `/api/v1/alerts/${fp}/ack`, { method: 'POST', json: { owner: 'ops', ticket: 'OPS-1' } })).status, 200);
      // The watchdog and the resolution sync keep trying, logged and counted, without ending the process.
      await waitFor(() => /cannot reach Alertmanager to raise or resolve VigilWatchdogMissing/.test(j.log()), { what: 'the watchdog failure logged', timeoutMs: 10_000 });
      const failures = await metric(j.url, 'vigil_alert_journal_upstream_errors_total{upstream="alertmanager"}');
      assert.ok(failures >= 3, `${failures} failed calls counted`);
      await waitFor(async () => (await metric(j.url, 'vigil_alert_journal_upstream_errors_total{upstream="alertmanager"}')) > failures, { what: 'background calls failing and counted', timeoutMs: 10_000 });
      assert.equal(j.child.exitCode, null);

      // The fault ends: a new Alertmanager on the same port (its state is gone, as after a real restart).
      am = await startAlertmanager({ config: AM_CONFIG, port: amPort });
      await waitFor(async () => (await health(j.url)).body.checks.alertmanager.status === 'healthy', { what: 'the alertmanager check healthy again', timeoutMs: 20_000 });
      await waitFor(missingInAm, { what: 'VigilWatchdogMissing re-posted to the new Alertmanager', timeoutMs: 20_000 });
      assert.equal((await api(j.url, '/api/v1/alerts/silence', { method: 'POST', json: silence })).status, 201);
      await assertStored(j.url, ['BeforeAmDown', 'DuringAmDown']);
      const acked = (await api(j.url, '/api/v1/alerts/history?alertname=DuringAmDown')).body.occurrences as Array<{ acknowledgement: { by?: string; owner?: string; ticket?: string } | null }>;
      assert.match(JSON.stringify(acked[0]), /OPS-1/, 'the acknowledgement made while Alertmanager was down is kept');
    } finally {
      await j.stop();
      await am?.stop();
    }
  });

  it('a relay target that never answers: attempts time out with a clear error, are retried and counted, block neither the webhook nor other channels, and its messages arrive in order once it answers', { timeout: 120_000 }, async () => {
    let hanging = true;
    const held: ServerResponse[] = [];
    const delivered: Array<{ target: string; status: string; alertname: string }> = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (hanging && req.url === '/stuck') return void held.push(res);
        const p = JSON.parse(body) as { status: string; labels: Record<string, string> };
        delivered.push({ target: req.url ?? '', status: p.status, alertname: p.labels.alertname });
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}`;
    const dir = tempDir();
    writeFileSync(join(dir, 'hmac'), 'relay-hmac-key\n');
    writeFileSync(
      join(dir, 'routes.yml'),
      `routes:
  - {name: stuck-hook, channel: webhook, to: "${hookUrl}/stuck", cooldown: "0", send_resolved: true}
  - {name: fine-hook, channel: webhook, to: "${hookUrl}/fine", cooldown: "0", send_resolved: true}
`,
    );
    const db = join(dir, 'journal.db');
    const j = await spawnJournal({
      port: await freePort(),
      db,
      args: [`--relay.routes-file=${join(dir, 'routes.yml')}`, `--relay.webhook.secret-file=${join(dir, 'hmac')}`, '--relay.timeout=400ms', '--relay.retry-backoff=200ms', '--relay.max-attempts=8'],
    });
    try {
      const fp = '0123456789abcdef';
      const started = Date.now();
      assert.equal((await postWebhook(j.url, webhookPayload([{ alertname: 'VenueDown', fingerprint: fp, startsAt: T0 }]))).status, 200);
      assert.equal((await postWebhook(j.url, webhookPayload([{ alertname: 'VenueDown', fingerprint: fp, startsAt: T0, status: 'resolved', endsAt: '2026-11-20T10:05:00Z' }]))).status, 200);
      assert.ok(Date.now() - started < 2000, 'webhooks answered without waiting for the stuck target');
      // The other channel gets both at once, in order.
      await waitFor(() => delivered.filter((d) => d.target === '/fine').length === 2 || undefined, { what: 'the fine hook served', timeoutMs: 10_000 });
      assert.deepEqual(delivered.filter((d) => d.target === '/fine').map((d) => d.status), ['firing', 'resolved']);
      // The stuck one: attempts time out, are recorded with the reason, retried with backoff, counted.
      await waitFor(async () => (await metric(j.url, 'vigil_alert_journal_relay_attempts_total{channel="webhook",outcome="failure"}')) >= 2 || undefined, { what: 'two timed-out attempts counted', timeoutMs: 15_000 });
      const reader = new Database(db, { readonly: true, fileMustExist: true });
      try {
        const failed = reader.prepare("SELECT error FROM relay_attempts WHERE route = 'stuck-hook' AND ok = 0").all() as Array<{ error: string }>;
        assert.ok(failed.length >= 2);
        for (const f of failed) assert.equal(f.error, 'webhook target did not answer within 400 ms (--relay.timeout)');
      } finally {
        reader.close();
      }
      assert.match(j.log(), /did not answer within 400 ms \(--relay.timeout\)","msg":"relay attempt failed"/);
      assert.ok(held.length >= 2, 'each attempt reached the target and was left hanging');
      const h = await health(j.url);
      assert.equal(h.body.checks.relays.status, 'degraded');
      assert.equal(h.body.checks.relays.message, 'stuck-hook: webhook target did not answer within 400 ms (--relay.timeout)');
      assert.equal(delivered.filter((d) => d.target === '/stuck').length, 0);

      // The fault ends: the target answers again; the queued FIRING goes out, then its RESOLVED.
      hanging = false;
      for (const res of held) res.destroy();
      await waitFor(() => delivered.filter((d) => d.target === '/stuck').length === 2 || undefined, { what: 'the stuck hook delivered', timeoutMs: 20_000 });
      assert.deepEqual(delivered.filter((d) => d.target === '/stuck').map((d) => d.status), ['firing', 'resolved']);
      assert.equal((await health(j.url)).body.checks.relays.status, 'healthy');
      // Nothing given up (the counter has no webhook sample until something is).
      assert.ok(!((await metric(j.url, 'vigil_alert_journal_relay_failures_total{channel="webhook"}')) > 0), 'nothing given up');
    } finally {
      await j.stop();
      hook.closeAllConnections();
      await new Promise((r) => hook.close(r));
    }
  });

  it('a client sending its webhook a byte a second is cut off with 408 and counted, while other webhooks are stored', { timeout: 60_000 }, async () => {
    const j = await spawnJournal({ port: await freePort(), db: join(tempDir(), 'journal.db'), args: ['--web.read-header-timeout=500ms', '--web.read-timeout=1500ms'] });
    try {
      const body = JSON.stringify(webhookPayload([{ alertname: 'SlowSender', fingerprint: 'aaaabbbbccccdddd', startsAt: T0 }]));
      const slowHead = slowClient(j.url, { method: 'POST', path: '/v1/alertmanager', headers: { 'content-type': 'application/json' }, body, byteEveryMs: 1000, giveUpMs: 20_000 });
      const slowBody = slowClient(j.url, { method: 'POST', path: '/v1/alertmanager', headers: { 'content-type': 'application/json' }, body, headersFirst: true, byteEveryMs: 250, giveUpMs: 20_000 });
      await store(j.url, ['FastSender']);
      for (const r of await Promise.all([slowHead, slowBody])) assert.match(r.answer, /^HTTP\/1\.1 408 Request Timeout/);
      assert.equal(await metric(j.url, 'vigil_alert_journal_web_request_timeouts_total'), 2);
      await assertStored(j.url, ['FastSender']);
      const none = await api(j.url, '/api/v1/alerts/history?alertname=SlowSender');
      assert.equal((none.body.occurrences as unknown[]).length, 0, 'a request cut off is not half-stored');
    } finally {
      await j.stop();
    }
  });
});
