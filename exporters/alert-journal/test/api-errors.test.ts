// Every 4xx path of the REST API, over real HTTP: auth, bad JSON, unknown fields, wrong types, ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_KEY, api, removeDir, startJournal, type RunningJournal } from './helpers/journal.js';
import { postWebhook, webhookPayload } from './helpers/payloads.js';

let j: RunningJournal;
test.before(async () => {
  j = await startJournal(['--auth.max-failures=0']); // this file presents wrong keys on every route: the guessing limit is auth-limit.test.ts
  await postWebhook(j.url, webhookPayload([{ fingerprint: 'ab12', startsAt: new Date(Date.now() - 60_000).toISOString() }]));
  await postWebhook(j.url, webhookPayload([{ fingerprint: 'cd34', alertname: 'Watchdog', startsAt: new Date(Date.now() - 60_000).toISOString() }]));
});
test.after(async () => {
  await j.stop();
  removeDir(j.dir);
});

const GOOD_SILENCE = { matcher: { alertname: 'X' }, duration_minutes: 30, created_by: 'ops', comment: 'maintenance' };

test('every /api route answers 401 without the key, with a wrong key, and accepts both header forms', async () => {
  const routes: Array<[string, string]> = [
    ['GET', '/api/v1/alerts'],
    ['POST', '/api/v1/alerts'],
    ['GET', '/api/v1/alerts/history'],
    ['GET', '/api/v1/alerts/stats'],
    ['GET', '/api/v1/alerts/history.csv'],
    ['GET', '/api/v1/alerts/firing-counts'],
    ['GET', '/api/v1/alerts/heatmap'],
    ['GET', '/api/v1/alerts/acks'],
    ['POST', '/api/v1/silences/backtest'],
    ['GET', '/api/v1/metrics/trading'],
    ['POST', '/api/v1/alerts/silence'],
    ['DELETE', '/api/v1/alerts/silence/00000000-0000-0000-0000-000000000000'],
    ['POST', '/api/v1/alerts/ab12/ack'],
    ['POST', '/api/v1/reports/daily'],
    ['GET', '/api/v1/openapi.json'],
    ['GET', '/api/v2/unknown'],
  ];
  for (const [method, path] of routes) {
    const none = await api(j.url, path, { method, key: null });
    assert.equal(none.status, 401, `${method} ${path}`);
    assert.match(String(none.body.error), /missing API key/);
    const wrong = await api(j.url, path, { method, key: 'nope' });
    assert.equal(wrong.status, 401, `${method} ${path}`);
    assert.equal(wrong.body.error, 'invalid API key');
  }
  assert.equal((await api(j.url, '/api/v1/alerts/history', { key: null, headers: { authorization: `Bearer ${API_KEY}` } })).status, 200);
  assert.equal((await api(j.url, '/api/v1/alerts/history', { key: null, headers: { authorization: 'Bearer nope' } })).status, 401);
  assert.equal((await api(j.url, '/api/v1/alerts/history')).status, 200);
});

test('POST /api/v1/alerts/silence: 400 naming the field, nothing sent to Alertmanager', async () => {
  const cases: Array<[unknown, string]> = [
    [[], 'body'],
    [{ ...GOOD_SILENCE, extra: 1 }, 'extra'],
    [{ ...GOOD_SILENCE, matcher: {} }, 'matcher'],
    [{ ...GOOD_SILENCE, matcher: 'alertname=X' }, 'matcher'],
    [{ ...GOOD_SILENCE, matcher: { alertname: 3 } }, 'matcher.alertname'],
    [{ ...GOOD_SILENCE, matcher: { 'bad-label': 'x' } }, 'matcher.bad-label'],
    [{ ...GOOD_SILENCE, duration_minutes: 0 }, 'duration_minutes'],
    [{ ...GOOD_SILENCE, duration_minutes: 43201 }, 'duration_minutes'],
    [{ ...GOOD_SILENCE, duration_minutes: '30' }, 'duration_minutes'],
    [{ matcher: { alertname: 'X' }, created_by: 'ops', comment: 'c' }, 'duration_minutes'],
    [{ ...GOOD_SILENCE, created_by: '' }, 'created_by'],
    [{ ...GOOD_SILENCE, comment: 5 }, 'comment'],
    // The heartbeat, named or matched by its labels (the Watchdog posted above has venue=binance): silenced, the
    // journal stops hearing it and pages VigilWatchdogMissing.
    [{ ...GOOD_SILENCE, matcher: { alertname: 'Watchdog' } }, 'matcher'],
    [{ ...GOOD_SILENCE, matcher: { venue: 'binance' } }, 'matcher'],
  ];
  for (const [json, field] of cases) {
    const r = await api(j.url, '/api/v1/alerts/silence', { method: 'POST', json });
    assert.equal(r.status, 400, JSON.stringify(json));
    assert.equal(r.body.field, field, JSON.stringify(r.body));
  }
  const badJson = await api(j.url, '/api/v1/alerts/silence', { method: 'POST', body: '{"matcher":', headers: { 'content-type': 'application/json' } });
  assert.equal(badJson.status, 400);
  assert.equal(badJson.body.field, 'body');
  // A body of another media type is a 415 naming the accepted one (the same answer as the trading exporter's).
  const notJson = await api(j.url, '/api/v1/alerts/silence', { method: 'POST', body: 'matcher=x', headers: { 'content-type': 'text/plain' } });
  assert.equal(notJson.status, 415);
  assert.equal(notJson.body.field, 'Content-Type');
  assert.match(String(notJson.body.error), /^Content-Type: "text\/plain" is not accepted; send application\/json/);
  assert.equal(notJson.headers.get('accept-post'), 'application/json');
  // With a valid body the journal calls Alertmanager, which is not running here: 502, not 400.
  assert.equal((await api(j.url, '/api/v1/alerts/silence', { method: 'POST', json: GOOD_SILENCE })).status, 502);
  assert.equal((await api(j.url, '/api/v1/alerts/silence/not-a-uuid', { method: 'DELETE' })).body.field, 'id');
});

test('POST /api/v1/alerts/{id}/ack: 400, 404 and 409 paths; nothing written on a 400', async () => {
  const cases: Array<[string, unknown, string]> = [
    ['ab12', {}, 'owner'],
    ['ab12', { owner: 7 }, 'owner'],
    ['ab12', { owner: 'ana', ticket: 12 }, 'ticket'],
    ['ab12', { owner: 'ana', silence_until_resolved: 'yes' }, 'silence_until_resolved'],
    ['ab12', { owner: 'ana', extra: true }, 'extra'],
    ['ZZ-not-hex', { owner: 'ana' }, 'id'],
    // The heartbeat never resolves: muted "until resolved" it would stay silenced 30 days and page VigilWatchdogMissing.
    ['cd34', { owner: 'ana', silence_until_resolved: true }, 'silence_until_resolved'],
  ];
  for (const [id, json, field] of cases) {
    const r = await api(j.url, `/api/v1/alerts/${id}/ack`, { method: 'POST', json });
    assert.equal(r.status, 400, JSON.stringify(json));
    assert.equal(r.body.field, field);
  }
  assert.equal(j.journal.store.latestByFingerprint('ab12')?.acked_at, null);
  assert.equal(j.journal.store.latestByFingerprint('cd34')?.acked_at, null);
  // Unknown to the journal: Alertmanager is asked, and it is not running here.
  const unknown = await api(j.url, '/api/v1/alerts/ffff/ack', { method: 'POST', json: { owner: 'ana' } });
  assert.equal(unknown.status, 502);
  assert.match(String(unknown.body.error), /^alertmanager: unreachable/);
  const ok = await api(j.url, '/api/v1/alerts/ab12/ack', { method: 'POST', json: { owner: 'ana', ticket: 'OPS-1' } });
  assert.equal(ok.status, 200);
  assert.equal((ok.body.occurrence as { owner: string }).owner, 'ana');
  const again = await api(j.url, '/api/v1/alerts/ab12/ack', { method: 'POST', json: { owner: 'bob' } });
  assert.equal(again.status, 409);
});

test('POST /api/v1/alerts: 400 naming the field, counted, nothing sent to Alertmanager; 502 when it is down', async () => {
  const GOOD = { name: 'OrderGatewayDown', severity: 'critical', labels: { service: 'orders' } };
  const cases: Array<[unknown, string]> = [
    [[GOOD], 'body'],
    [{ ...GOOD, extra: 1 }, 'extra'],
    [{ severity: 'critical' }, 'name'],
    [{ ...GOOD, name: 'order gateway down' }, 'name'],
    [{ ...GOOD, name: 7 }, 'name'],
    [{ ...GOOD, name: 'X'.repeat(201) }, 'name'],
    [{ name: 'X' }, 'severity'],
    [{ ...GOOD, severity: 'page' }, 'severity'],
    [{ ...GOOD, labels: 'service=orders' }, 'labels'],
    [{ ...GOOD, labels: { 'bad-label': 'x' } }, 'labels.bad-label'],
    [{ ...GOOD, labels: { venue: '' } }, 'labels.venue'],
    [{ ...GOOD, labels: { venue: 3 } }, 'labels.venue'],
    [{ ...GOOD, labels: { alertname: 'Other' } }, 'labels.alertname'],
    [{ ...GOOD, labels: { severity: 'info' } }, 'labels.severity'],
    [{ ...GOOD, labels: { __name__: 'x' } }, 'labels.__name__'],
    [{ ...GOOD, labels: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`l${i}`, 'v'])) }, 'labels'],
    [{ ...GOOD, annotations: { summary: 'x'.repeat(10_001) } }, 'annotations.summary'],
    [{ ...GOOD, annotations: ['summary'] }, 'annotations'],
    [{ ...GOOD, startsAt: 'yesterday' }, 'startsAt'],
    [{ ...GOOD, startsAt: '2026-11-24T10:00:00' }, 'startsAt'],
    [{ ...GOOD, startsAt: 1764000000000 }, 'startsAt'],
    [{ ...GOOD, startsAt: new Date(Date.now() + 3_600_000).toISOString() }, 'startsAt'],
    [{ ...GOOD, startsAt: '2026-11-24T10:00:00Z', endsAt: '2026-11-24T09:00:00Z' }, 'endsAt'],
    [{ ...GOOD, generatorURL: 'javascript:alert(1)' }, 'generatorURL'],
  ];
  for (const [json, field] of cases) {
    const r = await api(j.url, '/api/v1/alerts', { method: 'POST', json });
    assert.equal(r.status, 400, `${JSON.stringify(json).slice(0, 200)}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.field, field, JSON.stringify(r.body));
    assert.ok(String(r.body.error).startsWith(field), r.body.error);
  }
  const badJson = await api(j.url, '/api/v1/alerts', { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } });
  assert.equal(badJson.status, 400);
  assert.equal(badJson.body.field, 'body');
  // A valid alert with Alertmanager down (this journal points at a closed port): 502 naming it, counted as failed.
  const down = await api(j.url, '/api/v1/alerts', { method: 'POST', json: GOOD });
  assert.equal(down.status, 502);
  assert.match(String(down.body.error), /^alertmanager: unreachable/);
  const text = await (await fetch(`${j.url}/metrics`)).text();
  // Bad JSON fails in the router-wide body parser, before the route runs: still counted under the route it was for.
  assert.match(text, new RegExp(`vigil_alert_journal_bad_requests_total\\{route="/api/v1/alerts"\\} ${cases.length + 1}\\b`));
  assert.doesNotMatch(text, /bad_requests_total\{route="unmatched"\}/);
  assert.match(text, /vigil_alert_journal_service_alerts_total\{severity="critical",outcome="failed"\} 1/);
  assert.doesNotMatch(text, /outcome="forwarded"/);
});

test('history, stats, metrics and reports: 400 naming the parameter', async () => {
  const cases: Array<[string, string, string?]> = [
    ['/api/v1/alerts/history?limit=0', 'limit'],
    ['/api/v1/alerts/history?limit=abc', 'limit'],
    ['/api/v1/alerts/history?status=open', 'status'],
    ['/api/v1/alerts/history?start_time=yesterday', 'start_time'],
    ['/api/v1/alerts/history?start_time=2026-11-02T00:00:00Z&end_time=2026-11-01T00:00:00Z', 'end_time'],
    ['/api/v1/alerts/history?cursor=x', 'cursor'],
    ['/api/v1/alerts/history?sort=asc', 'sort'],
    ['/api/v1/alerts/history?severity=a&severity=b', 'severity'],
    ['/api/v1/alerts/stats?end_time=2026-13-45', 'end_time'],
    ['/api/v1/alerts/stats?top=1000', 'top'],
    ['/api/v1/alerts?status=sleeping', 'status'],
    ['/api/v1/alerts?owner=ana', 'owner'],
    ['/api/v1/metrics/trading?metric=rm%20-rf', 'metric'],
    ['/api/v1/metrics/trading?metric=up%7Bjob%3D%22x%22%7D', 'metric'],
    ['/api/v1/metrics/trading?metric=9lives', 'metric'],
    [`/api/v1/metrics/trading?metric=${'a'.repeat(201)}`, 'metric'],
    ['/api/v1/metrics/trading?metric=http_requests_total&aggregation=median', 'aggregation'],
    ['/api/v1/metrics/trading?metric=http_request_duration_seconds&quantile=1', 'quantile'],
    ['/api/v1/metrics/trading?metric=http_request_duration_seconds&quantile=abc', 'quantile'],
    ['/api/v1/metrics/trading?metric=error_ratio&quantile=0.5', 'quantile'],
    ['/api/v1/metrics/trading?metric=up&aggregation=max', 'aggregation'],
    ['/api/v1/metrics/trading?metric=up&start_time=2026-01-01T00:00:00Z&end_time=2026-02-02T00:00:00Z&step=1h', 'start_time'],
    ['/api/v1/metrics/trading?start_time=noon', 'start_time'],
    ['/api/v1/metrics/trading?end_time=2026-11-01T00:00:00Z&start_time=2026-11-02T00:00:00Z', 'end_time'],
    ['/api/v1/metrics/trading?step=fast', 'step'],
    ['/api/v1/metrics/trading?step=0', 'step'],
    ['/api/v1/metrics/trading?start_time=2026-11-01T00:00:00Z&end_time=2026-11-02T00:00:00Z&step=1s', 'step'],
    ['/api/v1/metrics/bad%20service', 'service'],
  ];
  for (const [path, field] of cases) {
    const r = await api(j.url, path);
    assert.equal(r.status, 400, path);
    assert.equal(r.body.field, field, `${path}: ${JSON.stringify(r.body)}`);
    assert.ok(String(r.body.error).startsWith(field), r.body.error);
  }
  for (const [json, field] of [
    [{ date: '2026-02-31x' }, 'date'],
    [{ send: 'yes' }, 'send'],
    [{ when: 'now' }, 'when'],
  ] as const) {
    const r = await api(j.url, '/api/v1/reports/daily', { method: 'POST', json });
    assert.equal(r.status, 400);
    assert.equal(r.body.field, field);
  }
  // 11,000 points is the limit: 1 day at 8s is 10,801 points and allowed (Prometheus is down here: 502).
  assert.equal((await api(j.url, '/api/v1/metrics/trading?start_time=2026-11-01T00:00:00Z&end_time=2026-11-02T00:00:00Z&step=8s')).status, 502);
  // Any valid metric name goes to Prometheus (down here: 502), also one that is an Object property name.
  assert.equal((await api(j.url, '/api/v1/metrics/trading?metric=constructor')).status, 502);
  assert.equal((await api(j.url, '/api/v1/nothing-here')).status, 404);
});

test('an oversized body is a 413 naming the body; an unreachable Alertmanager is a 502 naming it', async () => {
  const big = await api(j.url, '/api/v1/alerts/silence', { method: 'POST', json: { ...GOOD_SILENCE, comment: 'x'.repeat(1_100_000) } });
  assert.equal(big.status, 413);
  assert.equal(big.body.field, 'body');
  const down = await api(j.url, '/api/v1/alerts');
  assert.equal(down.status, 502);
  assert.match(String(down.body.error), /^alertmanager: unreachable/);
});

test('a known path with a wrong method is a 405 with Allow, past the key; OPTIONS a 204; the webhook takes JSON only', async () => {
  const cases: Array<[string, string, string]> = [
    ['GET', '/api/v1/alerts/silence', 'OPTIONS, POST'],
    ['PUT', '/api/v1/alerts', 'GET, HEAD, OPTIONS, POST'],
    ['GET', '/api/v1/alerts/ab12/ack', 'OPTIONS, POST'],
    ['POST', '/api/v1/alerts/silence/00000000-0000-0000-0000-000000000000', 'DELETE, OPTIONS'],
    ['DELETE', '/api/v1/alerts/stats', 'GET, HEAD, OPTIONS'],
    ['GET', '/api/v1/reports/daily', 'OPTIONS, POST'],
  ];
  for (const [method, path, allow] of cases) {
    const r = await api(j.url, path, { method });
    assert.equal(r.status, 405, `${method} ${path}`);
    assert.equal(r.headers.get('allow'), allow, `${method} ${path}`);
    assert.ok(String(r.body.error).includes(`${method} is not allowed on ${path}`), r.body.error);
    // Without the key the API says nothing about its routes.
    assert.equal((await api(j.url, path, { method, key: null })).status, 401, `${method} ${path} without the key`);
  }
  const options = await api(j.url, '/api/v1/alerts', { method: 'OPTIONS' });
  assert.equal(options.status, 204);
  assert.equal(options.headers.get('allow'), 'GET, HEAD, OPTIONS, POST');
  assert.equal((await api(j.url, '/api/v1/nothing-here', { method: 'OPTIONS' })).status, 404);
  const webhook = await fetch(`${j.url}/v1/alertmanager`);
  assert.equal(webhook.status, 405);
  assert.equal(webhook.headers.get('allow'), 'OPTIONS, POST');
  const before = await (await fetch(`${j.url}/metrics`)).text();
  const formBody = await fetch(`${j.url}/v1/alertmanager`, { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(formBody.status, 415);
  assert.equal(formBody.headers.get('accept-post'), 'application/json');
  assert.equal(((await formBody.json()) as { field: string }).field, 'Content-Type');
  const count = (text: string) => Number(/^vigil_alert_journal_bad_requests_total\{route="\/v1\/alertmanager"\} (\d+)$/m.exec(text)?.[1] ?? 0);
  assert.equal(count(await (await fetch(`${j.url}/metrics`)).text()), count(before) + 1, 'the 415 counted under the webhook route');
  const text = await (await fetch(`${j.url}/metrics`)).text();
  assert.match(text, /^vigil_alert_journal_web_requests_refused_total\{route="\/api\/v1\/alerts\/:id\/ack",code="405"\} 1$/m);
  assert.match(text, /^vigil_alert_journal_web_requests_refused_total\{route="\/v1\/alertmanager",code="415"\} 1$/m);
});

test('rejections are counted by route pattern, never by raw path', async () => {
  const text = await (await fetch(`${j.url}/metrics`)).text();
  assert.match(text, /vigil_alert_journal_bad_requests_total\{route="\/api\/v1\/alerts\/silence"\} \d+/);
  assert.match(text, /vigil_alert_journal_bad_requests_total\{route="\/api\/v1\/alerts\/:id\/ack"\} \d+/);
  // Refused for the key: counted under the route too, a path no route takes as "unmatched".
  assert.match(text, /vigil_alert_journal_unauthorized_requests_total\{route="\/api\/v1\/alerts\/:id\/ack"\} \d+/);
  assert.match(text, /vigil_alert_journal_unauthorized_requests_total\{route="\/api\/v1\/alerts\/silence\/:id"\} \d+/);
  assert.match(text, /vigil_alert_journal_unauthorized_requests_total\{route="unmatched"\} 2/);
  assert.doesNotMatch(text, /ZZ-not-hex/);
  // The API key was sent with every request above and never reaches the logs.
  assert.ok(j.logs.length > 0);
  assert.ok(!j.logs.join('').includes(API_KEY));
});
