// Occurrence history with filters and keyset paging (newest first; the cursor is the last id seen), so pages
// stay stable while new alerts arrive.
import type { Database } from 'better-sqlite3';
import { toOccurrence, type Occurrence, type OccurrenceRow } from './occurrence.js';

export interface HistoryFilter {
  alertname?: string;
  severity?: string;
  service?: string;
  venue?: string;
  fingerprint?: string;
  status?: 'firing' | 'resolved';
  /** Occurrences firing at some point in [from, to] (ms). */
  from?: number;
  to?: number;
  limit: number;
  cursor?: number;
}

export interface HistoryPage {
  occurrences: Occurrence[];
  next_cursor: string | null;
}

export function queryHistory(db: Database, f: HistoryFilter): HistoryPage {
  const where: string[] = [];
  const args: Record<string, string | number> = {};
  for (const key of ['alertname', 'severity', 'service', 'venue', 'fingerprint', 'status'] as const) {
    const v = f[key];
    if (v !== undefined) {
      where.push(`${key} = @${key}`);
      args[key] = v;
    }
  }
  if (f.from !== undefined) {
    where.push('(ends_at IS NULL OR ends_at >= @from)');
    args.from = f.from;
  }
  if (f.to !== undefined) {
    where.push('starts_at <= @to');
    args.to = f.to;
  }
  if (f.cursor !== undefined) {
    where.push('id < @cursor');
    args.cursor = f.cursor;
  }
  args.limit = f.limit + 1;
  const sql = `SELECT * FROM occurrences ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT @limit`;
  const rows = db.prepare(sql).all(args) as OccurrenceRow[];
  const more = rows.length > f.limit;
  const page = rows.slice(0, f.limit);
  return { occurrences: page.map(toOccurrence), next_cursor: more ? String(page[page.length - 1].id) : null };
}

/** Occurrences overlapping [from, to], for statistics and reports. */
export function occurrencesInRange(db: Database, from: number, to: number): OccurrenceRow[] {
  return db
    .prepare('SELECT * FROM occurrences WHERE starts_at <= ? AND (ends_at IS NULL OR ends_at >= ?) ORDER BY fingerprint, starts_at')
    .all(to, from) as OccurrenceRow[];
}
