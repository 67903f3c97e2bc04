// The journal's writes and lookups: one transaction per webhook (receipt + every alert), deduplication by
// fingerprint + startsAt, resolution, acknowledgements and retention.
import type { Database, Statement } from 'better-sqlite3';
import type { WebhookAlert, WebhookPayload } from '../webhook/payload.js';
import { openDatabase } from './open-database.js';
import type { OccurrenceRow } from './occurrence.js';

export interface AlertOutcome {
  alert: WebhookAlert;
  occurrenceId: number;
  /** opened: a new firing period; resolved: this notification closed it; repeat: nothing new. */
  change: 'opened' | 'resolved' | 'repeat';
}

export interface IngestResult {
  receiptId: number;
  outcomes: AlertOutcome[];
}

export interface AckInput {
  owner: string;
  ticket?: string;
  comment?: string;
  silenceId?: string;
}

/** The routing labels the journal indexes; an absent label is stored as "". */
function routingLabels(labels: Record<string, string>) {
  return {
    alertname: labels.alertname ?? '',
    severity: labels.severity ?? '',
    service: labels.service ?? labels.job ?? '',
    venue: labels.venue ?? '',
  };
}

export class JournalStore {
  readonly db: Database;
  private readonly insertReceipt: Statement;
  private readonly findOccurrence: Statement;
  private readonly insertOccurrence: Statement;
  private readonly touchOccurrence: Statement;
  private readonly resolveOccurrence: Statement;
  private readonly closeEarlier: Statement;
  private readonly ingestTx: (p: WebhookPayload, now: number) => IngestResult;
  /** Runs inside the webhook's transaction, so work planned from it (relay jobs) commits with the alerts or not at all. */
  inTransactionAfterIngest?: (result: IngestResult, now: number) => void;

  constructor(readonly path: string) {
    this.db = openDatabase(path);
    this.insertReceipt = this.db.prepare(
      `INSERT INTO webhook_receipts (received_at, receiver, status, group_key, alert_count, truncated_alerts)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.findOccurrence = this.db.prepare('SELECT id, status, ends_at FROM occurrences WHERE fingerprint = ? AND starts_at = ?');
    this.insertOccurrence = this.db.prepare(
      `INSERT INTO occurrences (fingerprint, alertname, severity, service, venue, labels, annotations, generator_url,
         starts_at, ends_at, status, first_received_at, last_received_at)
       VALUES (@fingerprint, @alertname, @severity, @service, @venue, @labels, @annotations, @generator_url,
         @starts_at, @ends_at, @status, @now, @now)`,
    );
    this.touchOccurrence = this.db.prepare(
      'UPDATE occurrences SET last_received_at = ?, notifications = notifications + 1, annotations = ? WHERE id = ?',
    );
    this.resolveOccurrence = this.db.prepare(
      `UPDATE occurrences SET status = 'resolved', ends_at = ?, last_received_at = ?, notifications = notifications + 1
       WHERE id = ?`,
    );
    // The same fingerprint cannot fire twice at once: a new startsAt means the previous period ended,
    // even if its resolved notification never came (e.g. it was silenced).
    this.closeEarlier = this.db.prepare(
      `UPDATE occurrences SET status = 'resolved', ends_at = ? WHERE fingerprint = ? AND status = 'firing' AND starts_at < ?`,
    );
    this.ingestTx = this.db.transaction((p: WebhookPayload, now: number) => this.ingestRows(p, now));
  }

  /** Stores one webhook durably; returns only after the commit reached the disk (synchronous=FULL). */
  ingest(payload: WebhookPayload, now = Date.now()): IngestResult {
    return this.ingestTx(payload, now);
  }

  private ingestRows(p: WebhookPayload, now: number): IngestResult {
    const receipt = this.insertReceipt.run(now, p.receiver, p.status, p.groupKey, p.alerts.length, p.truncatedAlerts);
    const outcomes: AlertOutcome[] = [];
    for (const alert of p.alerts) {
      const existing = this.findOccurrence.get(alert.fingerprint, alert.startsAt) as { id: number; status: string; ends_at: number | null } | undefined;
      const resolvedAt = alert.status === 'resolved' ? (alert.endsAt ?? now) : null;
      if (!existing) {
        this.closeEarlier.run(alert.startsAt, alert.fingerprint, alert.startsAt);
        const info = this.insertOccurrence.run({
          fingerprint: alert.fingerprint,
          ...routingLabels(alert.labels),
          labels: JSON.stringify(alert.labels),
          annotations: JSON.stringify(alert.annotations),
          generator_url: alert.generatorURL,
          starts_at: alert.startsAt,
          ends_at: resolvedAt,
          status: alert.status,
          now,
        });
        outcomes.push({ alert, occurrenceId: Number(info.lastInsertRowid), change: alert.status === 'firing' ? 'opened' : 'resolved' });
      } else if (alert.status === 'resolved' && existing.status === 'firing') {
        this.resolveOccurrence.run(resolvedAt, now, existing.id);
        outcomes.push({ alert, occurrenceId: existing.id, change: 'resolved' });
      } else if (alert.status === 'resolved' && alert.endsAt !== undefined && existing.ends_at !== alert.endsAt) {
        // Closed earlier from Alertmanager's state (resolved while silenced) with the time of the check; a late
        // resolved notification carries the real end.
        this.resolveOccurrence.run(alert.endsAt, now, existing.id);
        outcomes.push({ alert, occurrenceId: existing.id, change: 'repeat' });
      } else {
        this.touchOccurrence.run(now, JSON.stringify(alert.annotations), existing.id);
        outcomes.push({ alert, occurrenceId: existing.id, change: 'repeat' });
      }
    }
    const result = { receiptId: Number(receipt.lastInsertRowid), outcomes };
    this.inTransactionAfterIngest?.(result, now);
    return result;
  }

  /** The latest occurrence of a fingerprint (open first). */
  latestByFingerprint(fingerprint: string): OccurrenceRow | undefined {
    return this.db
      .prepare(`SELECT * FROM occurrences WHERE fingerprint = ? ORDER BY status = 'firing' DESC, starts_at DESC LIMIT 1`)
      .get(fingerprint) as OccurrenceRow | undefined;
  }

  byId(id: number): OccurrenceRow | undefined {
    return this.db.prepare('SELECT * FROM occurrences WHERE id = ?').get(id) as OccurrenceRow | undefined;
  }

  acknowledge(id: number, ack: AckInput, now = Date.now()): void {
    this.db
      .prepare('UPDATE occurrences SET acked_at = ?, acked_by = ?, ack_ticket = ?, ack_comment = ?, ack_silence_id = ? WHERE id = ?')
      .run(now, ack.owner, ack.ticket ?? null, ack.comment ?? null, ack.silenceId ?? null, id);
  }

  /** Acknowledgement state of the open occurrences, keyed by fingerprint (merged into the active alerts). */
  openAcks(): Map<string, { owner: string; acked_at: number; ticket: string | null }> {
    const rows = this.db
      .prepare(`SELECT fingerprint, acked_by, acked_at, ack_ticket FROM occurrences WHERE status = 'firing' AND acked_at IS NOT NULL`)
      .all() as Array<{ fingerprint: string; acked_by: string; acked_at: number; ack_ticket: string | null }>;
    return new Map(rows.map((r) => [r.fingerprint, { owner: r.acked_by, acked_at: r.acked_at, ticket: r.ack_ticket }]));
  }

  /** The acknowledged occurrences still firing: who owns each, since when, why (the app shows them on every alert). */
  openAckRows(): OccurrenceRow[] {
    return this.db.prepare(`SELECT * FROM occurrences WHERE status = 'firing' AND acked_at IS NOT NULL ORDER BY acked_at DESC`).all() as OccurrenceRow[];
  }

  firingOccurrences(): OccurrenceRow[] {
    return this.db.prepare(`SELECT * FROM occurrences WHERE status = 'firing'`).all() as OccurrenceRow[];
  }

  /** Occurrences whose acknowledgement silence has not been ended yet (firing, or resolved since). */
  withLiveAckSilence(): OccurrenceRow[] {
    return this.db.prepare('SELECT * FROM occurrences WHERE ack_silence_id IS NOT NULL AND ack_silence_ended_at IS NULL').all() as OccurrenceRow[];
  }

  markAckSilenceEnded(id: number, now = Date.now()): void {
    this.db.prepare('UPDATE occurrences SET ack_silence_ended_at = ? WHERE id = ?').run(now, id);
  }

  closeAsResolved(id: number, endsAt: number): void {
    this.db.prepare(`UPDATE occurrences SET status = 'resolved', ends_at = ? WHERE id = ? AND status = 'firing'`).run(endsAt, id);
  }

  activeBySeverity(): Array<{ severity: string; count: number }> {
    return this.db
      .prepare(`SELECT severity, COUNT(*) AS count FROM occurrences WHERE status = 'firing' GROUP BY severity`)
      .all() as Array<{ severity: string; count: number }>;
  }

  /** Deletes resolved occurrences (and receipts, attempts) older than the retention; returns rows removed. */
  prune(retentionDays: number, now = Date.now()): number {
    const cutoff = now - retentionDays * 86_400_000;
    return this.db.transaction(() => {
      const occ = this.db.prepare(`DELETE FROM occurrences WHERE status = 'resolved' AND ends_at < ?`).run(cutoff).changes;
      this.db.prepare('DELETE FROM webhook_receipts WHERE received_at < ?').run(cutoff);
      this.db.prepare('DELETE FROM relay_attempts WHERE at < ?').run(cutoff);
      this.db.prepare("DELETE FROM relay_jobs WHERE status != 'pending' AND finished_at < ?").run(cutoff);
      return occ;
    })();
  }

  /** A cheap read and write probe for /health. */
  probe(): void {
    this.db.prepare('SELECT 1').get();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export { openDatabase };
