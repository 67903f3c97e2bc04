// Occurrences as CSV (RFC 4180) for spreadsheets. Cells a spreadsheet would run as a formula (=, +, -, @, tab,
// carriage return first) are prefixed with ' so an alert label cannot inject one.
import type { Occurrence } from '../store/occurrence.js';

export const CSV_COLUMNS = ['id', 'fingerprint', 'alertname', 'severity', 'service', 'venue', 'status', 'starts_at', 'ends_at', 'duration_seconds', 'notifications', 'acknowledged_at', 'owner', 'ticket', 'ack_comment', 'summary', 'labels'] as const;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function occurrencesCsv(rows: Occurrence[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const o of rows) {
    const record: Record<(typeof CSV_COLUMNS)[number], unknown> = {
      ...o,
      summary: o.annotations.summary ?? '',
      labels: Object.entries(o.labels).map(([k, v]) => `${k}=${v}`).join(' '),
    };
    lines.push(CSV_COLUMNS.map((c) => csvCell(record[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
