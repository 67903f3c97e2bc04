// Crash safety: webhooks at a steady rate, SIGKILL mid-stream, restart on the same file. Every webhook that
// got a 200 must be in the history exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_KEY, api, removeDir } from './helpers/journal.js';
import { webhookPayload } from './helpers/payloads.js';
import { freePort, waitFor } from '@vigil/test-support';

function startProcess(port: number, dbPath: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/bin/vigil-alert-journal.ts', `--web.listen-address=127.0.0.1:${port}`, `--storage.path=${dbPath}`, '--log.level=warn'], {
    cwd: new URL('..', import.meta.url),
    env: { ...process.env, API_KEY, ALERTMANAGER_URL: 'http://127.0.0.1:9', PROMETHEUS_URL: 'http://127.0.0.1:9' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function ready(url: string) {
  await waitFor(async () => (await fetch(`${url}/ready`)).ok || undefined, { what: 'journal ready', timeoutMs: 30_000 });
}

test('every 200-acknowledged webhook survives SIGKILL, once', { timeout: 90_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-crash-'));
  const dbPath = join(dir, 'journal.db');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child = startProcess(port, dbPath);
  try {
    await ready(url);
    const acknowledged: string[] = [];
    let failed = 0;
    let killed = false;
    const startsAt = new Date().toISOString();
    // Four senders at a steady pace; the process is killed while they are sending.
    const sender = async (lane: number) => {
      for (let i = 0; failed < 20; i++) {
        const fingerprint = `${lane.toString(16)}${i.toString(16).padStart(6, '0')}`;
        try {
          const res = await fetch(`${url}/v1/alertmanager`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(webhookPayload([{ fingerprint, startsAt, alertname: `Crash${lane}` }])),
          });
          if (res.status === 200) {
            await res.json();
            acknowledged.push(fingerprint);
          }
        } catch {
          failed++;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    };
    const lanes = [1, 2, 3, 4].map(sender);
    await waitFor(() => (acknowledged.length >= 200 ? true : undefined), { what: 'some webhooks stored', timeoutMs: 30_000, intervalMs: 10 });
    child.kill('SIGKILL');
    killed = true;
    await Promise.all(lanes);
    assert.ok(killed && failed >= 20, 'the stream was cut by the kill');

    child = startProcess(port, dbPath);
    await ready(url);
    const seen = new Map<string, number>();
    let cursor: string | null = null;
    do {
      const page = await api(url, `/api/v1/alerts/history?limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200);
      for (const o of page.body.occurrences as Array<{ fingerprint: string }>) seen.set(o.fingerprint, (seen.get(o.fingerprint) ?? 0) + 1);
      cursor = page.body.next_cursor as string | null;
    } while (cursor);
    const missing = acknowledged.filter((f) => !seen.has(f));
    assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged webhooks lost`);
    const duplicated = [...seen].filter(([, n]) => n > 1);
    assert.deepEqual(duplicated, []);
    // Stored but unanswered (killed between commit and reply) is allowed; Alertmanager would resend and dedup.
    assert.ok(seen.size >= acknowledged.length);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
    removeDir(dir);
  }
});
