// POST /v1/events: bearer auth, content negotiation, size limits, whole-batch validation, then apply.
// 202 {accepted} only after the batch is applied and any durable state it changed is on disk.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { inSpan, loggerInContext, sampledTraceId, sendJson, trace, type Context, type FailureLimiter, type Logger, type RawRequest } from '@vigil/exporter-kit';
import type { TradingState } from '../trading-state.js';
import { ApplyQueue } from './apply-queue.js';
import { checkBody, eventsOf, type BodyCheck, type CheckedBatch } from './check-body.js';
import { IngestError } from './ingest-error.js';
import { RETRY_AFTER_SECONDS, type InFlight, type Ticket } from './in-flight.js';
import { WorkerUnavailable, type IngestWorkers } from './ingest-workers.js';
import { bodyFormat, readRaw } from './read-body.js';

export interface IngestOptions {
  /** Bearer token required on every request; undefined leaves ingest open. */
  token?: string;
  /** Bounds guessing the token: a client past its wrong tokens per window gets 429 without a comparison. */
  authLimit?: FailureLimiter;
  maxBodyBytes: number;
  /** Longest a body may take to arrive. */
  bodyTimeoutMs: number;
  /** The bound on requests and body bytes in flight. */
  inFlight: InFlight;
  maxFutureMs: number;
  now: () => number;
  /** Persists durable state after a batch changed it; a failure is logged on log. */
  persist: (log: Logger) => Promise<void>;
  /** Worker threads that check large bodies; without them every body is checked on the main thread. */
  workers?: IngestWorkers;
  /** Uncompressed bodies smaller than this are checked on the main thread (a worker round trip costs more). */
  inlineMaxBytes?: number;
  /** Let the native scanner answer bodies when it is there. */
  native: boolean;
}

/** About 370 simulator events: below it, the hop to a worker costs more than the parse it saves. */
export const INLINE_MAX_BYTES = 64 * 1024;

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
  const queue = new ApplyQueue();
  const inlineMax = opts.inlineMaxBytes ?? INLINE_MAX_BYTES;
  // Its own span: the batch's sampled trace becomes the exemplar of the observations it makes. The request's
  // context is handed on explicitly all along this path (the exporter traces with context: 'explicit', so no
  // async hook runs for the many promises of a batch): parent of each span, trace id of the exemplars.
  const apply = (checked: CheckedBatch, parent: Context) =>
    inSpan(
      'ingest.apply',
      {},
      (span) => {
        const events = eventsOf(checked);
        span.setAttribute('vigil.ingest.events', events.length);
        return { events, durableChanged: state.applyBatch(events, opts.now(), sampledTraceId(trace.setSpan(parent, span))) };
      },
      { parent },
    );
  return async (req: RawRequest, res: ServerResponse): Promise<void> => {
    // The request's server span (the kit's) carries the batch's outcome; validation and apply are its children.
    const parent = req.traceContext;
    const span = trace.getSpan(parent);
    let ticket: Ticket | undefined;
    try {
      const client = req.socket.remoteAddress ?? '';
      const wait = expected ? (opts.authLimit?.blockedFor(client) ?? 0) : 0;
      if (wait > 0) {
        res.setHeader('Retry-After', String(wait));
        throw new IngestError(429, 'unauthorized', `too many wrong bearer tokens from this client: retry after ${wait} s (--ingest.auth-max-failures)`);
      }
      if (!authorized(req.headers.authorization, expected)) {
        // A missing token is a misconfigured client, not a guess.
        if (req.headers.authorization) opts.authLimit?.fail(client);
        res.setHeader('WWW-Authenticate', 'Bearer realm="vigil-trading-exporter"');
        throw new IngestError(401, 'unauthorized', 'missing or wrong bearer token (Authorization: Bearer <token>)');
      }
      const { format, gzip } = bodyFormat(req.headers['content-type'], req.headers['content-encoding']);
      ticket = opts.inFlight.enter();
      const raw = await readRaw(req, { maxBytes: opts.maxBodyBytes, timeoutMs: opts.bodyTimeoutMs, hold: (n) => ticket!.hold(n) });
      const check: BodyCheck = { format, gzip, maxBodyBytes: opts.maxBodyBytes, now: opts.now(), maxFutureMs: opts.maxFutureMs, native: opts.native };
      const inWorker = Boolean(opts.workers?.available && (gzip || raw.length >= inlineMax));
      span?.setAttributes({ 'vigil.ingest.format': format, 'vigil.ingest.gzip': gzip, 'vigil.ingest.bytes': raw.length });
      const checked: Promise<CheckedBatch> = inSpan(
        'ingest.validate',
        { 'vigil.ingest.bytes': raw.length, 'vigil.ingest.worker': inWorker },
        () => (inWorker ? opts.workers!.check(raw, check) : checkBody(raw, check)),
        { parent },
      );
      const { events, durableChanged } = await queue.enqueue(checked, (c) => apply(c, parent));
      if (durableChanged) await inSpan('ingest.persist', {}, (persistSpan) => opts.persist(loggerInContext(req.log, trace.setSpan(parent, persistSpan))), { parent });
      span?.setAttributes({ 'vigil.ingest.events': events.length, 'vigil.ingest.outcome': 'accepted' });
      sendJson(res, 202, { accepted: events.length });
    } catch (err) {
      if (err instanceof WorkerUnavailable) {
        span?.setAttribute('vigil.ingest.outcome', 'worker_unavailable');
        req.log.error({ err: err.message }, 'ingest worker unavailable');
        res.setHeader('Retry-After', '1');
        sendJson(res, 503, { error: err.message });
        return;
      }
      if (!(err instanceof IngestError)) throw err;
      state.ingest.countRejected(err.reason, Math.max(1, err.batchSize ?? 0));
      span?.setAttributes({ 'vigil.ingest.outcome': err.reason, 'vigil.ingest.events': Math.max(1, err.batchSize ?? 0), ...(err.field ? { 'vigil.ingest.field': err.field } : {}) });
      req.log.debug({ reason: err.reason, status: err.status, err: err.message }, 'ingest refused');
      for (const [h, v] of Object.entries(err.headers ?? {})) res.setHeader(h, v);
      // A refused body still arriving is discarded as it comes (node drains it after the answer), never held.
      if (err.status === 429 && !res.hasHeader('Retry-After')) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      // Past the size or time limit the connection is not worth keeping for another request.
      if (err.status === 413 || err.status === 408) res.setHeader('Connection', 'close');
      sendJson(res, err.status, err.body());
    } finally {
      ticket?.leave();
    }
  };
}
