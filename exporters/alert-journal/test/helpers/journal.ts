// Starts a journal in-process on 127.0.0.1:0 with a temporary database, for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { buildJournal, type Journal } from '../../src/index.js';

export const API_KEY = 'test-api-key-0123456789';

export interface RunningJournal {
  url: string;
  dir: string;
  journal: Journal;
  logs: string[];
  stop(): Promise<void>;
}

export async function startJournal(extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}, dir = mkdtempSync(join(tmpdir(), 'journal-'))): Promise<RunningJournal> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const { exporter, journal } = await buildJournal(
    ['--web.listen-address=127.0.0.1:0', `--storage.path=${join(dir, 'journal.db')}`, '--log.level=debug', ...extraArgs],
    // Upstreams default to closed ports so no test talks to something it did not start.
    { API_KEY, ALERTMANAGER_URL: 'http://127.0.0.1:9', PROMETHEUS_URL: 'http://127.0.0.1:9', ...env },
    sink,
  );
  const { url } = await exporter.start();
  return {
    url,
    dir,
    journal,
    logs,
    async stop() {
      await exporter.shutdown('test done');
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function api(url: string, path: string, init: RequestInit & { json?: unknown; key?: string | null } = {}) {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (init.key !== null) headers['x-api-key'] = init.key ?? API_KEY;
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url + path, { ...init, headers, body });
  const text = await res.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // not JSON; keep the text
  }
  return { status: res.status, body: data as Record<string, unknown> & { error?: string; field?: string }, headers: res.headers };
}
