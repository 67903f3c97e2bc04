// Everything between the raw body bytes and a validated batch: decompression, UTF-8, JSON or NDJSON, and
// whole-batch validation. Pure (no state), so it runs on the main thread or in an ingest worker alike.
import type { TradingEvent } from '../events.js';
import { decodeBatch, type EncodedBatch } from './batch-codec.js';
import { IngestError } from './ingest-error.js';
import { nativeScanner } from './native-scan.js';
import { inflate, parseItems, toText, type BodyFormat } from './read-body.js';
import { validateBatch } from './validate.js';

export interface BodyCheck {
  format: BodyFormat;
  gzip: boolean;
  maxBodyBytes: number;
  /** Epoch ms the body was received; timestamps past now + maxFutureMs are refused. */
  now: number;
  maxFutureMs: number;
  /** Let the native scanner answer the body when it is there (--ingest.native-scanner). */
  native: boolean;
}

/**
 * A validated batch: compact (from the native scanner or a worker) or as event objects (the JS path). Batches
 * wait in the apply queue for the ones before them; kept compact, a waiting batch is a few flat buffers, not
 * a thousand objects that the young-generation GC would copy and promote while it waits.
 */
export type CheckedBatch = EncodedBatch | TradingEvent[];

/** The events of a checked batch, decoded when compact: call it when the batch's turn to be applied comes. */
export function eventsOf(batch: CheckedBatch): TradingEvent[] {
  return Array.isArray(batch) ? batch : decodeBatch(batch);
}

/**
 * The validated batch, or an IngestError (with batchSize once the body parsed). On the main thread (bodies
 * too small for a worker, or no workers): the native scanner when it is on, there and sure (its compact batch
 * costs about half of JSON.parse and validation, decoding included); else the JS path.
 */
export async function checkBody(bytes: Buffer, c: BodyCheck): Promise<CheckedBatch> {
  const inflated = await inflate(bytes, c.gzip, c.maxBodyBytes);
  return scanNatively(inflated, c) ?? checkInflated(inflated, c);
}

/** The native scanner's compact batch for inflated bytes, or undefined (off, not there, or unsure: take the JS path). */
export function scanNatively(inflated: Buffer, c: BodyCheck): EncodedBatch | undefined {
  return c.native ? nativeScanner.scanBatch?.(inflated, c.format, c.now, c.maxFutureMs) : undefined;
}

/** checkBody after decompression (the ingest worker gunzips first, for its native scanner). */
export function checkInflated(bytes: Buffer, c: Pick<BodyCheck, 'format' | 'now' | 'maxFutureMs'>): TradingEvent[] {
  const items = parseItems(toText(bytes), c.format);
  try {
    return validateBatch(items, { now: c.now, maxFutureMs: c.maxFutureMs });
  } catch (err) {
    if (err instanceof IngestError) err.batchSize = items.length;
    throw err;
  }
}
