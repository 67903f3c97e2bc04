// A real Prometheus scrapes the journal: /api/v1/metrics reads it through query_range, and the daily report
// (on demand and on schedule) takes its figures from it and goes out by SMTP (a local smtp-server) and to a
// Slack-format receiver.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { SMTPServer } from 'smtp-server';
import express from 'express';
import { Registry } from 'prom-client';
import { httpMetrics } from '@vigil/instrument';
import { api, removeDir, startJournal, type RunningJournal } from './helpers/journal.js';
import { assertMatchesSchema } from './helpers/openapi-check.js';
import { postWebhook, webhookPayload } from './helpers/payloads.js';
import { freePort, startPrometheus, waitFor, type RunningPrometheus } from '@vigil/test-support';

let prom: RunningPrometheus;
let smtp: SMTPServer;
let smtpPort: number;
let slack: Server;
let slackUrl: string;
// A platform service instrumented with @vigil/instrument (job "gateway"): its http_* metrics are what
// /api/v1/metrics/{service}?metric=<name> charts by type.
let gateway: Server;
let gatewayTarget: string;
const mails: Array<{ from: string; to: string[]; raw: string }> = [];
const slackPosts: Array<{ text: string; blocks: unknown[] }> = [];
/** Slack posts still to be refused with a 500 (a provider outage). */
let slackFailures = 0;
const started: RunningJournal[] = [];

test.before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c) => (raw += c));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  smtpPort = (smtp.server.address() as { port: number }).port;
  // Slack incoming webhooks take JSON with `text` (and optional `blocks`) and answer "ok".
  slack = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const msg = JSON.parse(body) as { text?: unknown; blocks?: unknown };
      if (req.headers['content-type'] !== 'application/json' || typeof msg.text !== 'string' || (msg.blocks !== undefined && !Array.isArray(msg.blocks))) {
        res.writeHead(400).end('invalid_payload');
        return;
      }
      if (slackFailures > 0) {
        slackFailures--;
        res.writeHead(500).end('internal_error');
        return;
      }
      slackPosts.push(msg as { text: string; blocks: unknown[] });
      res.writeHead(200, { 'content-type': 'text/html' }).end('ok');
    });
  });
  await new Promise<void>((r) => slack.listen(0, '127.0.0.1', () => r()));
  slackUrl = `http://127.0.0.1:${(slack.address() as { port: number }).port}/services/T000/B000/XXXX`;
  const registry = new Registry();
  const app = express();
  app.use(httpMetrics({ registry, service: 'gateway', excludePaths: ['/metrics'] }).middleware);
  app.get('/orders/:id', (_req, res) => void setTimeout(() => res.json({ ok: true }), 30));
  app.get('/metrics', async (_req, res) => void res.type('text/plain').send(await registry.metrics()));
  gateway = createServer(app);
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
  gatewayTarget = `127.0.0.1:${(gateway.address() as { port: number }).port}`;
});

test.after(async () => {
  for (const j of started) {
    await j.stop();
    removeDir(j.dir);
  }
  await prom?.stop();
  await new Promise<void>((r) => smtp.close(() => r()));
  slack.closeAllConnections();
  await new Promise((r) => slack.close(r));
  gateway.closeAllConnections();
  await new Promise((r) => gateway.close(r));
});

async function journalWithPrometheus(extra: string[] = [], dir?: string): Promise<RunningJournal> {
  const j = await startJournal(
    ['--report.email-to=desk@example.com', '--report.email-to=risk@example.com', ...extra],
    { EMAIL_SERVER: `smtp://127.0.0.1:${smtpPort}`, EMAIL_FROM: 'vigil@example.com', SLACK_WEBHOOK_URL: slackUrl, PROMETHEUS_URL: prom?.url ?? 'http://127.0.0.1:9' },
    dir,
  );
  started.push(j);
  return j;
}

test('GET /api/v1/metrics/{service} returns a real query_range series from Prometheus', { timeout: 60_000 }, async () => {
  const target = `127.0.0.1:${await freePort()}`;
  prom = await startPrometheus({
    config: `
global: {scrape_interval: 1s, evaluation_interval: 1s}
rule_files: [slo.yml]
scrape_configs:
  - job_name: alert-journal
    static_configs: [{targets: ['${target}']}]
  - job_name: gateway
    static_configs: [{targets: ['${gatewayTarget}']}]
`,
    files: {
    // An SLO budget series in the shape provisioning/slo generates.
    'slo.yml': `groups:
  - name: slo
    rules:
      - record: slo:period_error_budget_remaining:ratio
        expr: vector(0.75)
        labels: {slo: order-execution-success, service: order-execution}
      # Trading gauges as the trading exporter exports them, so the report's queries run on real data.
      - record: trading_realized_pnl
        expr: vector(1250.5)
        labels: {venue: binance, strategy: mm}
      - record: trading_drawdown_ratio
        expr: vector(0.042)
        labels: {venue: binance}
`,
    },
  });
  const k = await journalWithPrometheus([`--web.listen-address=${target}`]);
  await waitFor(async () => {
    const r = await fetch(`${prom.url}/api/v1/query?query=count_over_time(up{job="alert-journal"}[1m])`);
    const v = (await r.json()) as { data: { result: Array<{ value: [number, string] }> } };
    return Number(v.data.result[0]?.value[1] ?? 0) >= 2 || undefined;
  }, { what: 'two scrapes', timeoutMs: 30_000, intervalMs: 250 });
  const end = new Date();
  const start = new Date(end.getTime() - 60_000);
  const r = await api(k.url, `/api/v1/metrics/alert-journal?start_time=${start.toISOString()}&end_time=${end.toISOString()}&step=1s`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assertMatchesSchema('MetricSeries', r.body);
  assert.equal(r.body.service, 'alert-journal');
  assert.equal(r.body.metric, 'up');
  const values = r.body.values as number[];
  assert.equal((r.body.timestamps as string[]).length, values.length);
  assert.ok(values.length >= 2);
  assert.ok(values.every((v) => v === 1));
  const none = await api(k.url, `/api/v1/metrics/no-such-job?metric=request_rate&start_time=${start.toISOString()}&end_time=${end.toISOString()}`);
  assert.equal(none.status, 200);
  assert.deepEqual(none.body.values, []);
  const health = (await (await fetch(`${k.url}/health`)).json()) as { checks: Record<string, { status: string }> };
  assert.equal(health.checks.prometheus.status, 'healthy');
});

test('GET /api/v1/metrics/{service} charts any metric name by its scraped type: histogram quantile, counter rate, gauge', { timeout: 60_000 }, async () => {
  const j = started[0];
  // Requests of about 30 ms spread over several scrapes, so rate() over the 5m window has two points or more.
  const scraped = async (expr: string) => {
    const r = (await (await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(expr)}`)).json()) as { data: { result: Array<{ value: [number, string] }> } };
    return Number(r.data.result[0]?.value[1] ?? NaN);
  };
  await waitFor(async () => {
    for (let i = 0; i < 3; i++) await (await fetch(`http://${gatewayTarget}/orders/${i}`)).text();
    return (await scraped('count_over_time(http_requests_total{job="gateway"}[1m])')) >= 3 && (await scraped('rate(http_requests_total{job="gateway"}[5m])')) > 0 ? true : undefined;
  }, { what: 'gateway requests in three scrapes', timeoutMs: 30_000, intervalMs: 500 });
  const end = new Date().toISOString();
  const start = new Date(Date.now() - 60_000).toISOString();
  const chart = async (params: string) => {
    const r = await api(j.url, `/api/v1/metrics/gateway?start_time=${start}&end_time=${end}&step=1s&${params}`);
    assert.equal(r.status, 200, `${params}: ${JSON.stringify(r.body)}`);
    assertMatchesSchema('MetricSeries', r.body);
    const values = (r.body.values as Array<number | null>).filter((v): v is number => v !== null);
    assert.ok(values.length > 0, `${params}: no values (${r.body.query})`);
    return { body: r.body, last: values[values.length - 1] };
  };
  // The seed's example: a histogram by its family name, as the p95 of its buckets (30 ms timers: above 25 ms, and at most 100 ms on a loaded machine).
  const p95 = await chart('metric=http_request_duration_seconds');
  assert.equal(p95.body.type, 'histogram');
  assert.match(String(p95.body.query), /^histogram_quantile\(0\.95, sum by \(le\) \(rate\(http_request_duration_seconds_bucket\{job="gateway"\}\[5m\]\)\)\)$/);
  assert.ok(p95.last > 0.025 && p95.last <= 0.1, `p95 ${p95.last}`);
  const p50 = await chart('metric=http_request_duration_seconds&quantile=0.5');
  assert.ok(p50.last > 0.025 && p50.last <= 0.1, `p50 ${p50.last}`);
  const rate = await chart('metric=http_requests_total');
  assert.equal(rate.body.type, 'counter');
  assert.ok(rate.last > 0, 'a per-second request rate');
  const inFlight = await chart('metric=http_requests_in_flight&aggregation=max');
  assert.equal(inFlight.body.type, 'gauge');
  assert.equal(inFlight.body.query, 'max(http_requests_in_flight{job="gateway"})');
  // Types Prometheus knows settle what a parameter may apply to: a quantile of a counter is a 400 naming it.
  const wrong = await api(j.url, `/api/v1/metrics/gateway?metric=http_requests_total&quantile=0.9`);
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.field, 'quantile');
  assert.match(String(wrong.body.error), /http_requests_total is a counter/);
  // A name Prometheus has never scraped: charted by its suffix, an empty series rather than an error.
  const unknown = await api(j.url, `/api/v1/metrics/gateway?metric=no_such_metric_bucket&start_time=${start}&end_time=${end}`);
  assert.equal(unknown.status, 200);
  assert.equal(unknown.body.type, 'histogram');
  assert.deepEqual(unknown.body.values, []);
});

test('POST /api/v1/reports/daily builds the report from the journal and Prometheus and sends email and Slack', { timeout: 60_000 }, async () => {
  const j = started[0];
  const today = new Date().toISOString().slice(0, 10);
  const startsAt = new Date(Date.now() - 10 * 60_000).toISOString();
  await postWebhook(j.url, webhookPayload([{ fingerprint: 'f00d', startsAt, alertname: 'VenueDisconnected', labels: { severity: 'critical' } }]));
  await api(j.url, '/api/v1/alerts/f00d/ack', { method: 'POST', json: { owner: 'ana' } });
  await postWebhook(j.url, webhookPayload([{ fingerprint: 'f00d', startsAt, alertname: 'VenueDisconnected', status: 'resolved', endsAt: new Date().toISOString(), labels: { severity: 'critical' } }]));
  mails.length = 0;
  slackPosts.length = 0;
  const r = await api(j.url, '/api/v1/reports/daily', { method: 'POST', json: { date: today } });
  assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 300));
  assertMatchesSchema('DailyReport', r.body);
  assert.deepEqual(r.body.sent, { email: 'sent', slack: 'sent' });
  assert.equal(r.body.occurrences, 1);
  assert.ok(Math.abs((r.body.mttr_seconds as number) - 600) < 5);
  assert.equal(r.body.prometheus_error, null);
  const up = (r.body.host as Array<{ name: string; value: number | null }>).find((f) => f.name === 'targets up');
  assert.equal(up?.value, 2, 'sum(up) from the real Prometheus: the journal and the gateway');
  const trading = Object.fromEntries((r.body.trading as Array<{ name: string; value: number | null }>).map((f) => [f.name, f.value]));
  // A position first seen today: its whole running total was realised today.
  assert.equal(trading['realised P&L (day)'], 1250.5);
  assert.equal(trading['worst drawdown (day)'], 0.042);
  // No order counters in this Prometheus: shown as unavailable, not as 0.
  assert.equal(trading['orders submitted'], null);
  assert.match(String(r.body.text), /orders submitted: unavailable/);
  assert.deepEqual(r.body.slo_budgets, [{ slo: 'order-execution-success', remaining_ratio: 0.75 }]);
  assert.match(String(r.body.text), /order-execution-success: 75\.0% remaining/);
  assert.equal(mails.length, 1);
  assert.equal(mails[0].from, 'vigil@example.com');
  assert.deepEqual(mails[0].to.sort(), ['desk@example.com', 'risk@example.com']);
  assert.match(mails[0].raw, /Subject: Vigil daily report/);
  assert.match(mails[0].raw, /Content-Type: text\/plain/);
  assert.match(mails[0].raw, /Content-Type: text\/html/);
  assert.match(mails[0].raw, /VenueDisconnected/);
  assert.equal(slackPosts.length, 1);
  assert.match(slackPosts[0].text, /Vigil daily report/);
  const dryRun = await api(j.url, '/api/v1/reports/daily', { method: 'POST', json: { send: false } });
  assert.deepEqual(dryRun.body.sent, { email: 'not requested', slack: 'not requested' });
  assert.equal(mails.length, 1);
});

test('the scheduled report goes out once a day per sink, a failed sink is retried, also across a restart', { timeout: 60_000 }, async () => {
  slackPosts.length = 0;
  mails.length = 0;
  slackFailures = 1;
  const delivered = (j: RunningJournal) => j.logs.some((l) => l.includes('daily report of the previous day already delivered'));
  const schedule = ['--report.daily-time=00:00', '--report.check-interval=200ms'];
  const j = await journalWithPrometheus(schedule);
  // Slack refuses the first post: the email is recorded as delivered, Slack is retried at the next check.
  await waitFor(() => delivered(j), { what: 'every sink delivered', timeoutMs: 20_000 });
  assert.equal(slackFailures, 0, 'Slack refused once');
  assert.equal(slackPosts.length, 1, 'Slack received the retry');
  assert.equal(mails.length, 1, 'the email went out once, not again with the Slack retry');
  assert.ok(j.logs.some((l) => l.includes('retrying at the next check')), 'the failed delivery is logged');
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  assert.match(slackPosts[0].text, new RegExp(`Vigil daily report ${yesterday}`));
  await j.stop();
  started.pop();
  // After a restart the records say both sinks have today's report: the first check decides so, and sends nothing.
  const again = await journalWithPrometheus(schedule, j.dir);
  await waitFor(() => delivered(again), { what: 'the restarted journal finding the report delivered', timeoutMs: 20_000 });
  assert.equal(slackPosts.length, 1, 'Slack not sent again after the restart');
  assert.equal(mails.length, 1, 'email not sent again after the restart');
});
