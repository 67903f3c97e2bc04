// Versioned schema migrations. Each runs once, in order, inside a transaction; the applied versions are kept
// in schema_migrations so a database written by an older release is upgraded in place and never re-created.
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'webhook receipts and alert occurrences',
    sql: `
      CREATE TABLE webhook_receipts (
        id INTEGER PRIMARY KEY,
        received_at INTEGER NOT NULL,
        receiver TEXT NOT NULL,
        status TEXT NOT NULL,
        group_key TEXT NOT NULL,
        alert_count INTEGER NOT NULL,
        truncated_alerts INTEGER NOT NULL
      );
      CREATE INDEX webhook_receipts_received_at ON webhook_receipts (received_at);
      CREATE TABLE occurrences (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        alertname TEXT NOT NULL,
        severity TEXT NOT NULL,
        service TEXT NOT NULL,
        venue TEXT NOT NULL,
        labels TEXT NOT NULL,
        annotations TEXT NOT NULL,
        generator_url TEXT NOT NULL,
        starts_at INTEGER NOT NULL,
        ends_at INTEGER,
        status TEXT NOT NULL CHECK (status IN ('firing', 'resolved')),
        first_received_at INTEGER NOT NULL,
        last_received_at INTEGER NOT NULL,
        notifications INTEGER NOT NULL DEFAULT 1,
        UNIQUE (fingerprint, starts_at)
      );
      CREATE INDEX occurrences_starts_at ON occurrences (starts_at);
      CREATE INDEX occurrences_open ON occurrences (status, fingerprint);
    `,
  },
  {
    version: 2,
    description: 'acknowledgements',
    sql: `
      ALTER TABLE occurrences ADD COLUMN acked_at INTEGER;
      ALTER TABLE occurrences ADD COLUMN acked_by TEXT;
      ALTER TABLE occurrences ADD COLUMN ack_ticket TEXT;
      ALTER TABLE occurrences ADD COLUMN ack_comment TEXT;
      ALTER TABLE occurrences ADD COLUMN ack_silence_id TEXT;
    `,
  },
  {
    version: 3,
    description: 'relay attempts and cooldowns',
    sql: `
      CREATE TABLE relay_attempts (
        id INTEGER PRIMARY KEY,
        occurrence_id INTEGER,
        route TEXT NOT NULL,
        channel TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        ok INTEGER NOT NULL,
        status_code INTEGER,
        error TEXT,
        at INTEGER NOT NULL
      );
      CREATE INDEX relay_attempts_at ON relay_attempts (at);
      CREATE TABLE relay_cooldowns (
        route TEXT NOT NULL,
        alertname TEXT NOT NULL,
        severity TEXT NOT NULL,
        last_sent_at INTEGER NOT NULL,
        PRIMARY KEY (route, alertname, severity)
      );
    `,
  },
  {
    version: 4,
    description: 'end of acknowledgement silences',
    sql: 'ALTER TABLE occurrences ADD COLUMN ack_silence_ended_at INTEGER;',
  },
  {
    version: 5,
    description: 'scheduled report runs',
    sql: 'CREATE TABLE report_runs (kind TEXT NOT NULL, date TEXT NOT NULL, ran_at INTEGER NOT NULL, PRIMARY KEY (kind, date));',
  },
  {
    version: 6,
    description: 'relay outbox',
    sql: `
      CREATE TABLE relay_jobs (
        id INTEGER PRIMARY KEY,
        occurrence_id INTEGER NOT NULL,
        route TEXT NOT NULL,
        channel TEXT NOT NULL,
        target TEXT NOT NULL,
        message TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE INDEX relay_jobs_pending ON relay_jobs (status) WHERE status = 'pending';
      ALTER TABLE relay_attempts ADD COLUMN job_id INTEGER;
    `,
  },
];

/** Applies the migrations the database has not seen yet; returns the versions applied now. */
export function migrate(db: Database, migrations: Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version),
  );
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new Error(`database schema version ${newest} is newer than this release understands (${known}); upgrade vigil-alert-journal`);
  }
  const done: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(m.version, m.description, Date.now());
    })();
    done.push(m.version);
  }
  return done;
}

export function schemaVersion(db: Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}
