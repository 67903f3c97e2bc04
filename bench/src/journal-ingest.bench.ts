// Alert journal webhook ingest over HTTP (POST /v1/alertmanager, payloads of 10 alerts, each committed with
// WAL + synchronous=FULL before the 200) vs raw better-sqlite3 inserts of the same rows (receipt + 10
// occurrences per transaction) with the same durability settings, interleaved in one run.
// Target: journal_ingest_vs_raw_insert_ratio >= 0.3 (payloads per second over HTTP / raw transactions per second).
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { buildJournal, MIGRATIONS, migrate } from '@vigil/alert-journal';
import { interleave, median, quantile, report } from './stats.js';

const ALERTS = 10;
const PAYLOADS = Number(process.env.JOURNAL_BENCH_PAYLOADS ?? 600);
const WARMUP = 30;
const dir = mkdtempSync(join(tmpdir(), 'journal-bench-'));

function alerts(i: number) {
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  return Array.from({ length: ALERTS }, (_, k) => ({
    status: 'firing',
    labels: { alertname: `BenchAlert${k}`, severity: k % 3 ? 'warning' : 'critical', service: 'orders', venue: 'binance', instance: `host-${i}` },
    annotations: { summary: 'benchmark alert', description: 'an alert of the ingest benchmark' },
    startsAt,
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus.example/graph',
    fingerprint: (i * ALERTS + k).toString(16).padStart(16, '0'),
  }));
}

const bodies = Array.from({ length: PAYLOADS + WARMUP }, (_, i) =>
  Buffer.from(JSON.stringify({ version: '4', groupKey: '{}:{}', truncatedAlerts: 0, status: 'firing', receiver: 'journal', alerts: alerts(i) })),
);

// The journal, as deployed: its own database file.
const quiet = new Writable({ write: (_c, _e, cb) => cb() });
const { exporter } = await buildJournal(
  ['--web.listen-address=127.0.0.1:0', `--storage.path=${join(dir, 'journal.db')}`, '--log.level=error'],
  { API_KEY: 'bench', ALERTMANAGER_URL: 'http://127.0.0.1:9', PROMETHEUS_URL: 'http://127.0.0.1:9' },
  quiet,
);
const { port } = await exporter.start();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function post(body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/v1/alertmanager', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// The reference: the same schema and rows, same pragmas, written straight with better-sqlite3.
const raw = new Database(join(dir, 'raw.db'));
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = FULL');
migrate(raw, MIGRATIONS);
const insertReceipt = raw.prepare('INSERT INTO webhook_receipts (received_at, receiver, status, group_key, alert_count, truncated_alerts) VALUES (?, ?, ?, ?, ?, ?)');
const insertOccurrence = raw.prepare(
  `INSERT INTO occurrences (fingerprint, alertname, severity, service, venue, labels, annotations, generator_url, starts_at, ends_at, status, first_received_at, last_received_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'firing', ?, ?)`,
);
const rawPayloads = bodies.map((_, i) => alerts(i));
const insertPayload = raw.transaction((list: ReturnType<typeof alerts>) => {
  const now = Date.now();
  insertReceipt.run(now, 'journal', 'firing', '{}:{}', list.length, 0);
  for (const a of list) {
    insertOccurrence.run(a.fingerprint, a.labels.alertname, a.labels.severity, a.labels.service, a.labels.venue, JSON.stringify(a.labels), JSON.stringify(a.annotations), a.generatorURL, Date.parse(a.startsAt), now, now);
  }
});

let a = 0;
let b = 0;
const res = await interleave(
  PAYLOADS,
  WARMUP,
  () => post(bodies[a++]),
  () => insertPayload(rawPayloads[b++]),
);
await exporter.shutdown();
raw.close();
rmSync(dir, { recursive: true, force: true });

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const httpPps = (res.a.length * 1000) / sum(res.a);
const rawPps = (res.b.length * 1000) / sum(res.b);
report('journal_ingest_payload_alerts', ALERTS);
report('journal_ingest_payloads', PAYLOADS);
report('journal_ingest_http_payloads_per_second', Math.round(httpPps));
report('journal_ingest_http_alerts_per_second', Math.round(httpPps * ALERTS));
report('journal_ingest_http_median_seconds', median(res.a) / 1000, 6);
report('journal_ingest_http_p99_seconds', quantile(res.a, 0.99) / 1000, 6);
report('raw_insert_payloads_per_second', Math.round(rawPps));
report('raw_insert_median_seconds', median(res.b) / 1000, 6);
report('raw_insert_p99_seconds', quantile(res.b, 0.99) / 1000, 6);
report('journal_ingest_vs_raw_insert_ratio', httpPps / rawPps);
report('journal_ingest_target_ratio', 0.3);
