// The answers every Vigil process gives to a request no handler takes, the same everywhere so operators can
// script against them:
//   - no route for the path: 404 {"error": "no route for GET /x"}
//   - a route for the path but not for the method: 405 with Allow (RFC 9110 15.5.6) and a body naming both
//   - OPTIONS on a path some route takes: 204 with Allow (what most servers answer)
//   - a body of a media type the route does not read: 415 naming the accepted types, with Accept-Post for a POST
// HEAD is taken wherever GET is. Allow lists OPTIONS too, since every routed path answers it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './raw-routes.js';

/** The Allow header's value for these methods (OPTIONS added, HEAD added beside GET), sorted. */
export function allowHeader(methods: Iterable<string>): string {
  const all = new Set([...methods].map((m) => m.toUpperCase()));
  if (all.has('GET')) all.add('HEAD');
  all.add('OPTIONS');
  return [...all].sort().join(', ');
}

/**
 * Answers a request no handler took, given the methods routes take its path with (none: 404): 404, 405 with
 * Allow, or 204 with Allow for OPTIONS. Returns the status sent.
 */
export function answerUnrouted(req: IncomingMessage, res: ServerResponse, path: string, methods: readonly string[]): 404 | 405 | 204 {
  const method = req.method ?? 'GET';
  if (methods.length === 0) {
    sendJson(res, 404, { error: `no route for ${method} ${path}` });
    return 404;
  }
  const allow = allowHeader(methods);
  res.setHeader('Allow', allow);
  if (method === 'OPTIONS') {
    res.statusCode = 204;
    res.end();
    return 204;
  }
  sendJson(res, 405, { error: `method ${method} is not allowed on ${path}; it takes ${allow}` });
  return 405;
}

/** True when the request carries a body (a non-zero Content-Length or a chunked one). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/** The media type of a Content-Type header, lower case, without parameters ('' when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
}

/** A 415: the request's body is of a media type the route does not read. `field` is the header at fault. */
export class UnsupportedMediaType extends Error {
  readonly status = 415;
  readonly expose = true;
  readonly field = 'Content-Type';
  constructor(
    readonly received: string,
    readonly accepted: readonly string[],
  ) {
    super(`Content-Type: ${received ? JSON.stringify(received) : '(none)'} is not accepted; send ${accepted.join(' or ')}`);
  }
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Checks the Content-Type of a POST, PUT or PATCH with a body against the types the route reads: undefined when
 * it is one (or there is no body, or another method), else the 415 to answer (and Accept-Post set on a POST's
 * response, naming the types).
 */
export function checkMediaType(req: IncomingMessage, res: ServerResponse, accepted: readonly string[]): UnsupportedMediaType | undefined {
  if (!BODY_METHODS.has(req.method ?? '') || !hasBody(req)) return undefined;
  const media = mediaType(req.headers['content-type']);
  if (accepted.includes(media)) return undefined;
  if (req.method === 'POST') res.setHeader('Accept-Post', accepted.join(', '));
  return new UnsupportedMediaType(media, accepted);
}
