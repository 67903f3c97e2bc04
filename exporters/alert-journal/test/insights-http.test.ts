// The app's journal endpoints over real HTTP: answers valid against the OpenAPI component schemas, 400s naming
// the field (counted, nothing written), CSV download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, removeDir, startJournal, type RunningJournal } from './helpers/journal.js';
import { assertMatchesSchema } from './helpers/openapi-check.js';
import { postWebhook, webhookPayload } from './helpers/payloads.js';

let j: RunningJournal;
const now = Date.now();
const ago = (min: number) => new Date(now - min * 60_000).toISOString();

test.before(async () => {
  j = await startJournal();
  await postWebhook(j.url, webhookPayload([
    { fingerprint: 'aa01', alertname: 'VenueDown', startsAt: ago(300), status: 'resolved', endsAt: ago(280), labels: { venue: 'binance' } },
    { fingerprint: 'aa01', alertname: 'VenueDown', startsAt: ago(120), labels: { venue: 'binance' } },
    { fingerprint: 'bb02', alertname: 'VenueDown', startsAt: ago(60), labels: { venue: 'okx' }, annotations: { summary: '=cmd|calc' } },
    { fingerprint: 'cc03', alertname: 'RejectsHigh', startsAt: ago(30), labels: { venue: 'binance' } },
  ]));
  assert.equal((await api(j.url, '/api/v1/alerts/aa01/ack', { method: 'POST', json: { owner: 'ana', ticket: 'OPS-7', comment: 'failover' } })).status, 200);
});
test.after(async () => {
  await j.stop();
  removeDir(j.dir);
});

const VENUE_DOWN = [{ name: 'alertname', value: 'VenueDown', isRegex: false, isEqual: true }];

test('POST /api/v1/silences/backtest counts the stored occurrences a silence would have matched', async () => {
  const r = await api(j.url, '/api/v1/silences/backtest', { method: 'POST', json: { matchers: [...VENUE_DOWN, { name: 'venue', value: 'binance|okx', isRegex: true }] } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assertMatchesSchema('Backtest', r.body);
  assert.equal(r.body.matched_occurrences, 3);
  assert.equal(r.body.matched_alerts, 2);
  const onlyOkx = await api(j.url, '/api/v1/silences/backtest', { method: 'POST', json: { matchers: [...VENUE_DOWN, { name: 'venue', value: 'okx', isRegex: false, isEqual: true }] } });
  assert.equal(onlyOkx.body.matched_occurrences, 1);
  // A window that ends before the first one started matches none.
  const early = await api(j.url, '/api/v1/silences/backtest', { method: 'POST', json: { matchers: VENUE_DOWN, start_time: ago(2000), end_time: ago(1000) } });
  assert.equal(early.body.matched_occurrences, 0);
});

test('backtest: 400 naming the field; a window over 7 days is refused', async () => {
  const cases: Array<[unknown, string]> = [
    [{}, 'matchers'],
    [{ matchers: [] }, 'matchers'],
    [{ matchers: 'alertname=X' }, 'matchers'],
    [{ matchers: [{ name: 'bad-name', value: 'x', isRegex: false }] }, 'matchers[0].name'],
    [{ matchers: [...VENUE_DOWN, { name: 'venue', value: '(', isRegex: true }] }, 'matchers[1].value'],
    [{ matchers: [{ name: 'venue', value: 'x', isRegex: 'no' }] }, 'matchers[0].isRegex'],
    [{ matchers: [{ name: 'venue', value: 'x', isRegex: false, extra: 1 }] }, 'matchers[0].extra'],
    [{ matchers: Array.from({ length: 65 }, () => VENUE_DOWN[0]) }, 'matchers'],
    [{ matchers: VENUE_DOWN, start_time: ago(8 * 24 * 60) }, 'start_time'],
    [{ matchers: VENUE_DOWN, end_time: 5 }, 'end_time'],
    [{ matchers: VENUE_DOWN, sample: 5000 }, 'sample'],
    [{ matchers: VENUE_DOWN, since: 'monday' }, 'since'],
  ];
  for (const [json, field] of cases) {
    const r = await api(j.url, '/api/v1/silences/backtest', { method: 'POST', json });
    assert.equal(r.status, 400, JSON.stringify(json));
    assert.equal(r.body.field, field, JSON.stringify(r.body));
  }
  const text = await (await fetch(`${j.url}/metrics`)).text();
  assert.match(text, /vigil_alert_journal_bad_requests_total\{route="\/api\/v1\/silences\/backtest"\} 12/);
});

test('firing counts, heat map and open acknowledgements', async () => {
  const counts = await api(j.url, '/api/v1/alerts/firing-counts');
  assert.equal(counts.status, 200);
  assertMatchesSchema('FiringCounts', counts.body);
  assert.deepEqual(counts.body.by_fingerprint, { aa01: 2, bb02: 1, cc03: 1 });
  assert.deepEqual(counts.body.by_alertname, { VenueDown: 3, RejectsHigh: 1 });

  const heat = await api(j.url, '/api/v1/alerts/heatmap?alertname=VenueDown&timezone=Asia/Tokyo');
  assert.equal(heat.status, 200, JSON.stringify(heat.body));
  assertMatchesSchema('Heatmap', heat.body);
  const starts = (heat.body.starts as number[][]).flat().reduce((a, b) => a + b, 0);
  assert.equal(starts, 3);
  for (const [path, field] of [
    ['/api/v1/alerts/heatmap?timezone=Mars/Olympus', 'timezone'],
    ['/api/v1/alerts/heatmap?start_time=2020-01-01T00:00:00Z', 'start_time'],
    ['/api/v1/alerts/heatmap?top=3', 'top'],
    ['/api/v1/alerts/firing-counts?end_time=tomorrow', 'end_time'],
    ['/api/v1/alerts/acks?owner=ana', 'owner'],
  ]) {
    const r = await api(j.url, path);
    assert.equal(r.status, 400, path);
    assert.equal(r.body.field, field);
  }

  const acks = await api(j.url, '/api/v1/alerts/acks');
  assertMatchesSchema('AckList', acks.body);
  assert.deepEqual((acks.body.acks as Array<Record<string, unknown>>).map((a) => [a.fingerprint, a.owner, a.ticket, a.comment]), [['aa01', 'ana', 'OPS-7', 'failover']]);
});

test('GET /api/v1/alerts/history.csv: the history filters as CSV, formula cells neutralised, paging header', async () => {
  const res = await fetch(`${j.url}/api/v1/alerts/history.csv?alertname=VenueDown&limit=2`, { headers: { 'x-api-key': 'test-api-key-0123456789' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
  const next = res.headers.get('x-next-cursor');
  assert.ok(next && /^\d+$/.test(next));
  const lines = (await res.text()).trimEnd().split('\r\n');
  assert.equal(lines.length, 3);
  assert.match(lines[1], /,'=cmd\|calc,/);
  const rest = await fetch(`${j.url}/api/v1/alerts/history.csv?alertname=VenueDown&limit=2&cursor=${next}`, { headers: { 'x-api-key': 'test-api-key-0123456789' } });
  assert.equal((await rest.text()).trimEnd().split('\r\n').length, 2);
  assert.equal(rest.headers.get('x-next-cursor'), null);
  const bad = await api(j.url, '/api/v1/alerts/history.csv?limit=10001');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'limit');
  assert.equal((await api(j.url, '/api/v1/alerts/history.csv', { key: null })).status, 401);
});
