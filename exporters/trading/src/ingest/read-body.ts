// Reads an ingest body: JSON array or NDJSON, optionally gzip, bounded in size before and after
// decompression. Returns the parsed (not yet validated) items.
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { mediaType } from '@vigil/exporter-kit';
import { IngestError } from './ingest-error.js';

const gunzipAsync = promisify(gunzip);
const JSON_TYPES = new Set(['application/json']);
const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines']);

export type BodyFormat = 'json' | 'ndjson';

/** The body format from Content-Type and Content-Encoding, or a 415 naming the header at fault. */
export function bodyFormat(contentType: string | undefined, contentEncoding: string | undefined): { format: BodyFormat; gzip: boolean } {
  const media = mediaType(contentType);
  let format: BodyFormat;
  if (JSON_TYPES.has(media)) format = 'json';
  else if (NDJSON_TYPES.has(media)) format = 'ndjson';
  else {
    const err = new IngestError(
      415,
      'unsupported_media_type',
      `Content-Type ${media ? JSON.stringify(media) : '(none)'} is not supported; send application/json (an array of events) or application/x-ndjson (one event per line)`,
    );
    err.headers = { 'Accept-Post': ['application/json', ...NDJSON_TYPES].join(', ') };
    throw err;
  }
  const enc = (contentEncoding ?? '').trim().toLowerCase();
  if (enc !== '' && enc !== 'identity' && enc !== 'gzip' && enc !== 'x-gzip') {
    const err = new IngestError(415, 'unsupported_media_type', `Content-Encoding ${JSON.stringify(enc)} is not supported; use gzip or none`);
    // RFC 9110 15.5.16: a 415 for a content coding names the accepted ones in Accept-Encoding.
    err.headers = { 'Accept-Encoding': 'gzip, identity' };
    throw err;
  }
  return { format, gzip: enc === 'gzip' || enc === 'x-gzip' };
}

function tooLarge(maxBytes: number, what: string): IngestError {
  return new IngestError(413, 'too_large', `${what} exceeds the ${maxBytes}-byte limit (--ingest.max-body-bytes); send smaller batches`);
}

/**
 * The chunks copied into one buffer with an ArrayBuffer of its own (never a pooled slab or a socket buffer),
 * so it can be transferred to an ingest worker without another copy.
 */
function own(chunks: Buffer[], size: number): Buffer {
  const out = Buffer.allocUnsafeSlow(size);
  let at = 0;
  for (const c of chunks) at += c.copy(out, at);
  return out;
}

export interface ReadLimits {
  maxBytes: number;
  /** Longest the whole body may take to arrive (a client trickling bytes holds a slot otherwise). */
  timeoutMs: number;
  /** Accounts bytes to the request's in-flight share; throws (429) when they do not fit. */
  hold: (n: number) => void;
}

/**
 * Collects the raw bytes into a buffer it owns whole, refusing as soon as they pass maxBytes, do not fit in
 * the in-flight bound, or take longer than timeoutMs. A declared Content-Length is held up front.
 */
export function readRaw(req: IncomingMessage, limits: ReadLimits): Promise<Buffer> {
  const { maxBytes } = limits;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes, 'the request body'));
  let prepaid = 0;
  try {
    if (Number.isFinite(declared) && declared > 0) limits.hold((prepaid = declared));
  } catch (err) {
    return Promise.reject(err as Error);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (err) {
        // Drain the rest so the 4xx answer reaches the client (the answer closes the connection); memory stays bounded.
        req.resume();
        reject(err);
      } else resolve(own(chunks, size));
    };
    const timer = setTimeout(
      () => finish(new IngestError(408, 'body_timeout', `the request body did not arrive within ${limits.timeoutMs / 1000} s (--ingest.body-timeout)`)),
      limits.timeoutMs,
    );
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) return finish(tooLarge(maxBytes, 'the request body'));
      try {
        if (size > prepaid) {
          limits.hold(size - prepaid);
          prepaid = size;
        }
      } catch (err) {
        return finish(err as Error);
      }
      chunks.push(c);
    };
    const onEnd = () => finish();
    const onError = (e: Error) => finish(new IngestError(400, 'malformed_body', `could not read the request body: ${e.message}`));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** The body bytes, gunzipped when `gzip`, bounded by maxBytes after decompression. */
export async function inflate(raw: Buffer, gzip: boolean, maxBytes: number): Promise<Buffer> {
  if (!gzip) return raw;
  try {
    return await gunzipAsync(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw tooLarge(maxBytes, 'the decompressed body');
    }
    throw new IngestError(400, 'malformed_body', `Content-Encoding is gzip but the body is not valid gzip: ${(err as Error).message}`);
  }
}

/** The (inflated) body as text: valid UTF-8, a leading byte-order mark dropped. */
export function toText(bytes: Buffer): string {
  // isUtf8 (simdutf) then toString is several times faster than a fatal TextDecoder.
  if (!isUtf8(bytes)) throw new IngestError(400, 'malformed_body', 'the body is not valid UTF-8');
  // A leading byte-order mark (which .NET and PowerShell clients write by default) is ignored, as RFC 8259 allows.
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses the text into items: a JSON array (or one object) or NDJSON lines. */
export function parseItems(text: string, format: BodyFormat): unknown[] {
  let items: unknown[];
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new IngestError(400, 'malformed_body', `the body is not valid JSON: ${(err as Error).message}`);
    }
    if (Array.isArray(parsed)) items = parsed;
    else if (parsed !== null && typeof parsed === 'object') items = [parsed];
    else throw new IngestError(400, 'malformed_body', 'expected a JSON array of events');
  } else {
    items = [];
    let line = 0;
    for (const rawLine of text.split('\n')) {
      line++;
      const l = rawLine.trim();
      if (l === '') continue;
      try {
        items.push(JSON.parse(l));
      } catch (err) {
        throw new IngestError(400, 'malformed_body', `line ${line} is not valid JSON: ${(err as Error).message}`, items.length, '');
      }
    }
  }
  if (items.length === 0) throw new IngestError(400, 'empty_batch', 'the batch holds no events');
  return items;
}
