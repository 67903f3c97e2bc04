// Why an ingest request was refused: the HTTP status, the `reason` label of trading_events_rejected_total,
// and for a bad event its index in the batch and the field at fault.
export type RejectReason =
  | 'unauthorized'
  | 'unsupported_media_type'
  | 'too_large'
  | 'malformed_body'
  | 'empty_batch'
  | 'not_an_object'
  | 'unknown_type'
  | 'missing_field'
  | 'invalid_field'
  | 'forbidden_key'
  | 'too_deep'
  | 'invalid_timestamp'
  | 'future_timestamp'
  | 'overloaded'
  | 'body_timeout';

export const REJECT_REASONS: readonly RejectReason[] = [
  'unauthorized',
  'unsupported_media_type',
  'too_large',
  'malformed_body',
  'empty_batch',
  'not_an_object',
  'unknown_type',
  'missing_field',
  'invalid_field',
  'forbidden_key',
  'too_deep',
  'invalid_timestamp',
  'future_timestamp',
  'overloaded',
  'body_timeout',
];

export class IngestError extends Error {
  /** Events in the refused batch once it was parsed (a refused batch counts all of them); unset before. */
  batchSize?: number;
  /** Response headers the refusal names the remedy in (a 415's Accept-Post or Accept-Encoding). */
  headers?: Record<string, string>;

  constructor(
    readonly status: number,
    readonly reason: RejectReason,
    message: string,
    readonly index?: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'IngestError';
  }

  body(): { error: string; index?: number; field?: string } {
    return this.index === undefined ? { error: this.message } : { error: this.message, index: this.index, field: this.field };
  }
}

export function badEvent(reason: RejectReason, index: number, field: string, message: string): IngestError {
  return new IngestError(400, reason, `events[${index}]${field ? `.${field}` : ''}: ${message}`, index, field);
}
