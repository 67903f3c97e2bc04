// Opens the journal's SQLite file with the durability the webhook contract needs: WAL so readers do not block
// the writer, synchronous=FULL so a committed webhook survives power loss, not only a process crash.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

export function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // A writer waits briefly for another connection (e.g. a backup) instead of failing at once.
  db.pragma('busy_timeout = 2000');
  migrate(db);
  return db;
}
