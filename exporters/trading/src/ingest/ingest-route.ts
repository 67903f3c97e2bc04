// POST /v1/events: bearer auth, content negotiation, size limits, whole-batch validation, then apply.
// 202 {accepted} only after the batch is applied and any durable state it changed is on disk.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { TradingState } from '../trading-state.js';
import { IngestError } from './ingest-error.js';
import { bodyFormat, decode, parseItems, readRaw } from './read-body.js';
import { validateBatch } from './validate.js';

export interface IngestOptions {
  /** Bearer token required on every request; undefined leaves ingest open. */
  token?: string;
  maxBodyBytes: number;
  maxFutureMs: number;
  now: () => number;
  /** Persists durable state after a batch changed it. */
  persist: () => Promise<void>;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function authorized(header: string | undefined, expected: Buffer | undefined): boolean {
  if (!expected) return true;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  // Comparing digests keeps the comparison constant-time whatever the token length.
  return m !== null && timingSafeEqual(digest(m[1]), expected);
}

export function ingestHandler(state: TradingState, opts: IngestOptions) {
  const expected = opts.token ? digest(opts.token) : undefined;
  return async (req: Request, res: Response): Promise<void> => {
    let count = 0;
    try {
      if (!authorized(req.headers.authorization, expected)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="vigil-trading-exporter"');
        throw new IngestError(401, 'unauthorized', 'missing or wrong bearer token (Authorization: Bearer <token>)');
      }
      const { format, gzip } = bodyFormat(req.headers['content-type'], req.headers['content-encoding']);
      const raw = await readRaw(req, opts.maxBodyBytes);
      const items = parseItems(await decode(raw, gzip, opts.maxBodyBytes), format);
      count = items.length;
      const now = opts.now();
      const events = validateBatch(items, { now, maxFutureMs: opts.maxFutureMs });
      const durableChanged = state.applyBatch(events, now);
      if (durableChanged) await opts.persist();
      res.status(202).json({ accepted: events.length });
    } catch (err) {
      if (!(err instanceof IngestError)) throw err;
      state.ingest.countRejected(err.reason, Math.max(1, count));
      req.log.debug({ reason: err.reason, status: err.status, err: err.message }, 'ingest refused');
      if (err.status === 413) res.setHeader('Connection', 'close');
      res.status(err.status).json(err.body());
    }
  };
}
