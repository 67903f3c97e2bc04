// Relays against local receivers that check each provider's documented request format: Twilio Messages API,
// Telegram Bot API sendMessage, and the signed generic webhook. Cooldown, retries, attempts recorded, and a
// failing or hanging channel blocking neither the webhook nor the other channels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseRoutes } from '../src/relays/routing.js';
import { removeDir, startJournal } from './helpers/journal.js';
import { postWebhook, webhookPayload } from './helpers/payloads.js';
import { freePort, waitFor } from '@vigil/test-support';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'twilio-auth-token';
const BOT = '123456:telegram-bot-token';
const HMAC_KEY = 'relay-hmac-key';

interface Receiver {
  url: string;
  received: Array<{ path: string; headers: IncomingMessage['headers']; body: string }>;
  server: Server;
}

async function receiver(handle: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      handle(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, received, server };
}

const reply = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

// Twilio: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, basic auth SID:token, form-encoded To/From/Body, 201.
function twilio(req: IncomingMessage, body: string, res: ServerResponse) {
  const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '');
  if (req.method !== 'POST' || !m) return reply(res, 404, { code: 20404, message: 'not found', status: 404 });
  if (req.headers.authorization !== 'Basic ' + Buffer.from(`${SID}:${TOKEN}`).toString('base64') || m[1] !== SID) {
    return reply(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
  }
  if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return reply(res, 400, { code: 21602, message: 'form body expected', status: 400 });
  const form = new URLSearchParams(body);
  if (!/^\+[1-9]\d{6,14}$/.test(form.get('To') ?? '') || !form.get('From') || !form.get('Body')) return reply(res, 400, { code: 21604, message: 'To, From and Body are required', status: 400 });
  reply(res, 201, { sid: 'SM' + '0'.repeat(32), status: 'queued', to: form.get('To'), from: form.get('From'), body: form.get('Body') });
}

// Telegram: POST /bot<token>/sendMessage with JSON {chat_id, text}; answers {ok: true, result: Message}.
function telegram(req: IncomingMessage, body: string, res: ServerResponse) {
  if (req.method !== 'POST' || req.url !== `/bot${BOT}/sendMessage`) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
  let msg: { chat_id?: unknown; text?: unknown };
  try {
    msg = JSON.parse(body);
  } catch {
    return reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
  }
  if ((typeof msg.chat_id !== 'string' && typeof msg.chat_id !== 'number') || typeof msg.text !== 'string' || msg.text === '') {
    return reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat_id and text are required' });
  }
  reply(res, 200, { ok: true, result: { message_id: 1, chat: { id: msg.chat_id }, text: msg.text } });
}

function verifySignature(header: string | undefined, body: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m || Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false;
  const expected = createHmac('sha256', HMAC_KEY).update(`${m[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(m[2], 'hex'));
}

test('routing file errors name the route and field', () => {
  assert.throws(() => parseRoutes('routes: [{name: a, channel: fax, to: x}]'), /routes\[0\]\.channel/);
  assert.throws(() => parseRoutes('routes: [{name: a, channel: sms, to: "5551234"}]'), /routes\[0\]\.to: expected an E\.164/);
  assert.throws(() => parseRoutes('routes: [{name: a, channel: webhook, to: "http://x", cooldown: soon}]'), /routes\[0\]\.cooldown/);
  assert.throws(() => parseRoutes('routes: [{name: a, channel: telegram, to: "1", colour: red}]'), /routes\[0\]\.colour: unknown field/);
  assert.throws(() => parseRoutes('routes: [{name: a, channel: telegram, to: "1"}, {name: a, channel: telegram, to: "2"}]'), /duplicate/);
  assert.throws(() => parseRoutes('nothing: here'), /routes:/);
  // An unquoted chat id is a YAML number; it is still a valid Telegram target.
  assert.equal(parseRoutes('routes: [{name: a, channel: telegram, to: -1001234}]')[0].to, '-1001234');
  assert.throws(() => parseRoutes('routes: [{name: a, channel: sms, to: 15551234567}]'), /routes\[0\]\.to/);
});

test('relays deliver in each provider format, honour cooldown and send_resolved, retry and record every attempt', { timeout: 60_000 }, async () => {
  const sms = await receiver(twilio);
  const tg = await receiver(telegram);
  const signed = await receiver((req, body, res) => reply(res, verifySignature(req.headers['x-vigil-signature'] as string, body) ? 200 : 401, {}));
  const broken = await receiver((_req, _body, res) => reply(res, 503, { error: 'down' }));
  const hanging: ServerResponse[] = [];
  const slow = await receiver((_req, _body, res) => hanging.push(res));
  const first = await startJournal();
  const dir = first.dir;
  await first.stop();
  for (const [f, v] of [['sid', SID], ['token', TOKEN], ['bot', BOT], ['hmac', HMAC_KEY]]) writeFileSync(join(dir, f), v + '\n');
  writeFileSync(
    join(dir, 'routes.yml'),
    `routes:
  - {name: desk-sms, channel: sms, match: {severity: critical}, to: "+15550001111", cooldown: 1h, send_resolved: true}
  - {name: binance-telegram, channel: telegram, match: {venue: binance}, to: "-1001234", cooldown: 1h}
  - {name: risk-hook, channel: webhook, to: "${signed.url}/hook", cooldown: "0"}
  - {name: broken-hook, channel: webhook, to: "${broken.url}/hook", cooldown: "0"}
  - {name: slow-hook, channel: webhook, match: {alertname: SlowOnly}, to: "${slow.url}/hook", cooldown: "0"}
  - {name: other-desk, channel: sms, match: {severity: info}, to: "+15550002222"}
`,
  );
  const j = await startJournal(
    [
      `--relay.routes-file=${join(dir, 'routes.yml')}`,
      `--relay.twilio.url=${sms.url}`,
      `--relay.twilio.account-sid-file=${join(dir, 'sid')}`,
      `--relay.twilio.auth-token-file=${join(dir, 'token')}`,
      '--relay.twilio.from=+15559990000',
      `--relay.telegram.url=${tg.url}`,
      `--relay.telegram.token-file=${join(dir, 'bot')}`,
      `--relay.webhook.secret-file=${join(dir, 'hmac')}`,
      '--relay.max-attempts=3',
      '--relay.retry-backoff=20ms',
      '--relay.timeout=30s',
    ],
    {},
    dir,
  );
  try {
    const t0 = '2026-11-20T10:00:00Z';
    // The slow route never answers while the webhook and the other channels go on.
    const slowRes = await postWebhook(j.url, webhookPayload([{ fingerprint: '5100', startsAt: t0, alertname: 'SlowOnly', labels: { severity: 'warning', venue: 'kraken' } }]));
    assert.equal(slowRes.status, 200);
    await waitFor(() => (hanging.length ? true : undefined), { what: 'slow receiver holds a request', timeoutMs: 20_000 });

    const a = await postWebhook(j.url, webhookPayload([{ fingerprint: 'a100', startsAt: t0, alertname: 'OrderRejectsHigh', labels: { severity: 'critical' } }]));
    assert.equal(a.status, 200);
    await waitFor(() => (sms.received.length && tg.received.length && signed.received.length >= 2 && broken.received.length >= 4 ? true : undefined), { what: 'deliveries', timeoutMs: 20_000 });
    assert.equal(hanging.length, 1, 'still waiting on the slow channel');

    const form = new URLSearchParams(sms.received[0].body);
    assert.equal(form.get('To'), '+15550001111');
    assert.equal(form.get('From'), '+15559990000');
    assert.match(form.get('Body') ?? '', /^\[FIRING\] OrderRejectsHigh \(critical orders binance\): p99 above 250ms/);
    const tgMsg = JSON.parse(tg.received[0].body) as { chat_id: string; text: string };
    assert.equal(tgMsg.chat_id, '-1001234');
    assert.match(tgMsg.text, /OrderRejectsHigh/);
    const hook = JSON.parse(signed.received.at(-1)!.body) as { status: string; fingerprint: string; labels: Record<string, string> };
    assert.equal(hook.status, 'firing');
    assert.equal(hook.fingerprint, 'a100');

    // Same alert name and severity within the cooldown: SMS and Telegram stay quiet, the 0-cooldown hook sends.
    await postWebhook(j.url, webhookPayload([{ fingerprint: 'a101', startsAt: t0, alertname: 'OrderRejectsHigh', labels: { severity: 'critical', venue: 'binance' } }]));
    // Resolution: desk-sms has send_resolved, binance-telegram does not.
    await postWebhook(j.url, webhookPayload([{ fingerprint: 'a100', startsAt: t0, alertname: 'OrderRejectsHigh', status: 'resolved', endsAt: '2026-11-20T10:07:00Z', labels: { severity: 'critical' } }]));
    await waitFor(() => (sms.received.length === 2 ? true : undefined), { what: 'resolved SMS', timeoutMs: 20_000 });
    hanging[0].writeHead(200).end('{}');
    await j.journal.dispatcher.idle();
    assert.match(new URLSearchParams(sms.received[1].body).get('Body') ?? '', /^\[RESOLVED\] OrderRejectsHigh .*after 7m/);
    assert.equal(tg.received.length, 1);
    // OrderRejectsHigh twice + its resolution is not sent to the hook (send_resolved false), plus SlowOnly.
    assert.equal(signed.received.length, 3);

    const attempts = j.journal.store.db.prepare('SELECT route, attempt, ok, status_code FROM relay_attempts ORDER BY id').all() as Array<{ route: string; attempt: number; ok: number; status_code: number | null }>;
    const broke = attempts.filter((x) => x.route === 'broken-hook');
    assert.equal(broke.length, 9, '3 alerts-worth of deliveries (SlowOnly, a100, a101) × 3 attempts');
    assert.ok(broke.every((x) => x.ok === 0 && x.status_code === 503));
    assert.deepEqual(attempts.filter((x) => x.route === 'desk-sms').map((x) => x.ok), [1, 1]);
    assert.deepEqual(attempts.filter((x) => x.route === 'risk-hook').map((x) => x.ok), [1, 1, 1], 'HMAC signature accepted');
    assert.deepEqual(attempts.filter((x) => x.route === 'slow-hook').map((x) => x.ok), [1]);
    assert.equal(attempts.filter((x) => x.route === 'other-desk').length, 0);

    const metrics = await (await fetch(`${j.url}/metrics`)).text();
    assert.match(metrics, /vigil_alert_journal_relay_failures_total\{channel="webhook"\} 3/);
    assert.match(metrics, /vigil_alert_journal_relay_attempts_total\{channel="sms",outcome="success"\} 2/);
    assert.match(metrics, /vigil_alert_journal_relay_cooldown_suppressed_total\{channel="sms"\} 1/);
    assert.match(metrics, /vigil_alert_journal_relay_cooldown_suppressed_total\{channel="telegram"\} 1/);
    // Credentials never reach logs.
    const logs = j.logs.join('');
    for (const secret of [TOKEN, BOT, HMAC_KEY]) assert.ok(!logs.includes(secret), 'secret in logs');
  } finally {
    for (const r of [sms, tg, signed, broken, slow]) r.server.closeAllConnections();
    await j.stop();
    await Promise.all([sms, tg, signed, broken, slow].map((r) => new Promise((ok) => r.server.close(ok))));
    removeDir(dir);
  }
});

test('relay jobs still pending at shutdown are delivered after the restart', { timeout: 60_000 }, async () => {
  const port = await freePort();
  const first = await startJournal();
  const dir = first.dir;
  await first.stop();
  writeFileSync(join(dir, 'hmac'), HMAC_KEY);
  writeFileSync(join(dir, 'routes.yml'), `routes:\n  - {name: risk-hook, channel: webhook, to: "http://127.0.0.1:${port}/hook", cooldown: "0"}\n`);
  const args = [`--relay.routes-file=${join(dir, 'routes.yml')}`, `--relay.webhook.secret-file=${join(dir, 'hmac')}`, '--relay.max-attempts=5', '--relay.retry-backoff=1m'];
  const j = await startJournal(args, {}, dir);
  const attempts = () => j.journal.store.db.prepare('SELECT ok FROM relay_attempts ORDER BY id').all() as Array<{ ok: number }>;
  await postWebhook(j.url, webhookPayload([{ fingerprint: 'be11', startsAt: '2026-11-20T10:00:00Z', alertname: 'RiskLimitBreached' }]));
  // The receiver is not listening yet: the first attempt fails and the job waits for its retry.
  await waitFor(() => (attempts().length === 1 ? true : undefined), { what: 'first failed attempt', timeoutMs: 20_000 });
  await j.stop();
  const db = new Database(join(dir, 'journal.db'), { readonly: true });
  assert.deepEqual(db.prepare('SELECT status FROM relay_jobs').all(), [{ status: 'pending' }]);
  db.close();

  const hook = await receiver((req, body, res) => reply(res, verifySignature(req.headers['x-vigil-signature'] as string, body) ? 200 : 401, {}));
  hook.server.close();
  await new Promise<void>((r) => hook.server.listen(port, '127.0.0.1', () => r()));
  const again = await startJournal(args, {}, dir);
  try {
    await waitFor(() => (hook.received.length ? true : undefined), { what: 'delivered after restart', timeoutMs: 20_000 });
    await again.journal.dispatcher.idle();
    assert.equal((JSON.parse(hook.received[0].body) as { fingerprint: string }).fingerprint, 'be11');
    const rows = again.journal.store.db.prepare('SELECT ok FROM relay_attempts ORDER BY id').all() as Array<{ ok: number }>;
    assert.deepEqual(rows.map((r) => r.ok), [0, 1]);
    assert.deepEqual(again.journal.store.db.prepare('SELECT status FROM relay_jobs').all(), [{ status: 'delivered' }]);
  } finally {
    await again.stop();
    hook.server.closeAllConnections();
    await new Promise((r) => hook.server.close(r));
    removeDir(dir);
  }
});

test('the RESOLVED relay of an alert never overtakes its FIRING, even while the FIRING is retried', { timeout: 60_000 }, async () => {
  const first = await startJournal();
  const dir = first.dir;
  await first.stop();
  // The receiver fails the first FIRING delivery; its retry comes after the backoff, by which time RESOLVED is planned.
  let refused = 0;
  const hook = await receiver((req, body, res) => {
    const msg = JSON.parse(body) as { status: string };
    if (msg.status === 'firing' && refused === 0) {
      refused++;
      return reply(res, 503, {});
    }
    reply(res, 200, {});
  });
  writeFileSync(join(dir, 'hmac'), HMAC_KEY);
  writeFileSync(join(dir, 'routes.yml'), `routes:\n  - {name: risk-hook, channel: webhook, to: "${hook.url}/hook", cooldown: "0", send_resolved: true}\n`);
  const j = await startJournal([`--relay.routes-file=${join(dir, 'routes.yml')}`, `--relay.webhook.secret-file=${join(dir, 'hmac')}`, '--relay.max-attempts=3', '--relay.retry-backoff=500ms'], {}, dir);
  try {
    const alert = { fingerprint: 'c0ffee', startsAt: '2026-11-20T10:00:00Z', alertname: 'RiskLimitBreached' };
    await postWebhook(j.url, webhookPayload([alert]));
    await waitFor(() => (refused === 1 ? true : undefined), { what: 'the FIRING refused once', timeoutMs: 20_000 });
    await postWebhook(j.url, webhookPayload([{ ...alert, status: 'resolved', endsAt: '2026-11-20T10:05:00Z' }]));
    await waitFor(() => (hook.received.length === 3 ? true : undefined), { what: 'three deliveries', timeoutMs: 20_000 });
    await j.journal.dispatcher.idle();
    // Received: FIRING (refused), FIRING (retried), RESOLVED — never RESOLVED before the FIRING was delivered.
    assert.deepEqual(hook.received.map((r) => (JSON.parse(r.body) as { status: string }).status), ['firing', 'firing', 'resolved']);
  } finally {
    await j.stop();
    hook.server.closeAllConnections();
    await new Promise((r) => hook.server.close(r));
    removeDir(dir);
  }
});
