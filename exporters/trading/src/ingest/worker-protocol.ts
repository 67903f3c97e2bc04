// Messages between the main thread and an ingest worker (parse-worker.ts).
import type { EncodedBatch } from './batch-codec.js';
import type { BodyCheck } from './check-body.js';
import type { RejectReason } from './ingest-error.js';

export interface WorkerJob extends BodyCheck {
  id: number;
  /** The raw body; its ArrayBuffer is transferred, so the sender must own all of it. */
  bytes: Uint8Array;
}

export interface RefusalMessage {
  status: number;
  reason: RejectReason;
  message: string;
  index?: number;
  field?: string;
  batchSize?: number;
}

export type WorkerReply =
  | { id: number; ok: true; batch: EncodedBatch }
  | { id: number; ok: false; refusal: RefusalMessage }
  /** A bug, not bad input: the main thread answers 500 and logs it. */
  | { id: number; ok: false; failure: string };
