import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runExporter } from '@vigil/exporter-kit';
import { LISTEN_ENV, applyPortEnv, buildJournal, journalOptions } from '../src/index.js';
import { api, removeDir } from './helpers/journal.js';
import { freePort } from '@vigil/test-support';

async function runCli(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | undefined; stderr: string; stdout: string }> {
  const stderr = new PassThrough();
  const stdout = new PassThrough();
  let err = '';
  let out = '';
  stderr.on('data', (c) => (err += c));
  stdout.on('data', (c) => (out += c));
  let code: number | undefined;
  await runExporter(journalOptions(), { argv, env, stderr, stdout, exit: (c) => (code = c) });
  return { code, stderr: err, stdout: out };
}

const dir = mkdtempSync(join(tmpdir(), 'journal-config-'));
const base = [`--storage.path=${join(dir, 'j.db')}`, '--web.listen-address=127.0.0.1:0'];

test('a missing API key stops start-up with a message naming the variables', async () => {
  const r = await runCli(base, {});
  assert.equal(r.code, 2);
  assert.match(r.stderr, /API_KEY or API_KEY_FILE/);
  const f = await runCli(base, { API_KEY_FILE: join(dir, 'absent') });
  assert.equal(f.code, 2);
  assert.match(f.stderr, /API_KEY_FILE .*does not exist.*--api-key\.generate-if-missing/);
});

test('malformed values stop start-up naming the variable', async () => {
  const cases: Array<[NodeJS.ProcessEnv, RegExp]> = [
    [{ PROMETHEUS_URL: 'prometheus:9090' }, /PROMETHEUS_URL/],
    [{ ALERTMANAGER_URL: 'ftp://x' }, /ALERTMANAGER_URL/],
    [{ RETENTION_DAYS: 'thirty' }, /RETENTION_DAYS/],
    [{ RETENTION_DAYS: '0' }, /RETENTION_DAYS/],
    [{ EMAIL_SERVER: 'mail.example.com' }, /EMAIL_SERVER/],
    [{ EMAIL_FROM: 'nobody' }, /EMAIL_FROM/],
    [{ SLACK_WEBHOOK_URL: 'hooks.slack.com' }, /SLACK_WEBHOOK_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ REPORT_DAILY_TIME: '25:00' }, /REPORT_DAILY_TIME/],
  ];
  for (const [env, re] of cases) {
    const r = await runCli(base, { API_KEY: 'k', ...env });
    assert.equal(r.code, 2, JSON.stringify(env));
    assert.match(r.stderr, re);
  }
});

test('PORT sets the listen port unless the flag or its variable is given, and must be a number', async () => {
  assert.deepEqual(applyPortEnv([], { PORT: '8123' }, LISTEN_ENV)[LISTEN_ENV], ':8123');
  assert.equal(applyPortEnv(['--web.listen-address=127.0.0.1:1'], { PORT: '8123' }, LISTEN_ENV)[LISTEN_ENV], undefined);
  assert.throws(() => applyPortEnv([], { PORT: 'http' }, LISTEN_ENV), /PORT/);
  const port = await freePort();
  const { exporter } = await buildJournal([`--storage.path=${join(dir, 'port.db')}`, '--log.level=error', '--webhook.allow-unauthenticated'], { PORT: String(port), API_KEY: 'k' });
  const started = await exporter.start();
  try {
    assert.equal(started.port, port);
  } finally {
    await exporter.shutdown();
  }
});

test('an unauthenticated webhook on a network address stops start-up unless --webhook.allow-unauthenticated; the log says what is open', async () => {
  const open = [`--storage.path=${join(dir, 'open.db')}`, '--web.listen-address=0.0.0.0:0'];
  const refused = await runCli(open, { API_KEY: 'k' });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /the Alertmanager webhook \(POST \/v1\/alertmanager\) would accept writes from anyone who can reach 0\.0\.0\.0:0: set --webhook\.bearer-token-file or --webhook\.basic-auth-user .*--webhook\.allow-unauthenticated/);

  const logs: string[] = [];
  const sink = new PassThrough();
  sink.on('data', (c) => logs.push(String(c)));
  const allowed = await buildJournal([...open, '--log.level=warn'], { API_KEY: 'k', WEBHOOK_ALLOW_UNAUTHENTICATED: 'true' }, sink);
  await allowed.exporter.start();
  await allowed.exporter.shutdown();
  assert.match(logs.join(''), /POST \/v1\/alertmanager\) is OPEN: anyone who can reach 0\.0\.0\.0:0 can write to it/);

  const tokenFile = join(dir, 'webhook-token');
  writeFileSync(tokenFile, 'hook-secret\n');
  const withToken = await buildJournal([...open, `--webhook.bearer-token-file=${tokenFile}`, '--log.level=error'], { API_KEY: 'k' });
  await withToken.exporter.start();
  await withToken.exporter.shutdown();
});

test('--api-key.generate-if-missing writes a private key file once and the API accepts it', async () => {
  const keyFile = join(dir, 'stack', 'api-key');
  const { exporter } = await buildJournal(
    ['--web.listen-address=127.0.0.1:0', `--storage.path=${join(dir, 'gen.db')}`, '--api-key.generate-if-missing', '--log.level=error'],
    { API_KEY_FILE: keyFile },
  );
  const { url } = await exporter.start();
  try {
    assert.ok(existsSync(keyFile));
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    assert.ok(key.length >= 30);
    assert.equal((await api(url, '/api/v1/alerts/history', { key })).status, 200);
    assert.equal((await api(url, '/api/v1/alerts/history', { key: key + 'x' })).status, 401);
  } finally {
    await exporter.shutdown();
  }
});

test('--help lists every flag with the variable that sets it', async () => {
  const r = await runCli(['--help'], {});
  assert.equal(r.code, 0);
  for (const v of ['LOG_LEVEL', 'PROMETHEUS_URL', 'ALERTMANAGER_URL', 'GRAFANA_URL', 'API_KEY_FILE', 'SLACK_WEBHOOK_URL', 'EMAIL_SERVER', 'EMAIL_FROM', 'RETENTION_DAYS', 'STORAGE_PATH']) {
    assert.ok(r.stdout.includes(`env: ${v}`), v);
  }
});

test.after(() => removeDir(dir));

test('without Alertmanager and Prometheus the journal starts, is ready, and reports itself degraded', async () => {
  const { exporter } = await buildJournal(
    ['--web.listen-address=127.0.0.1:0', `--storage.path=${join(dir, 'degraded.db')}`, '--log.level=error'],
    { API_KEY: 'k', ALERTMANAGER_URL: 'http://127.0.0.1:9', PROMETHEUS_URL: 'http://127.0.0.1:9' },
  );
  const { url } = await exporter.start();
  try {
    assert.equal((await fetch(`${url}/ready`)).status, 200);
    const res = await fetch(`${url}/health`);
    const body = (await res.json()) as { status: string; checks: Record<string, { status: string; message?: string }> };
    assert.equal(res.status, 200);
    assert.equal(body.status, 'degraded');
    assert.equal(body.checks.store.status, 'healthy');
    assert.equal(body.checks.alertmanager.status, 'degraded');
    assert.match(body.checks.alertmanager.message ?? '', /alertmanager: unreachable/);
    assert.equal(body.checks.prometheus.status, 'degraded');
  } finally {
    await exporter.shutdown();
  }
});
