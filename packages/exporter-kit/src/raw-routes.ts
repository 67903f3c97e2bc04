// Routes served by node:http directly, ahead of express, for hot paths (the trading exporter's ingest takes
// hundreds of 1,000-event batches a second). Express costs such a route about as much as applying a batch:
// it swaps the prototypes of every request and response, walks its middleware stack and renders through
// res.send. A raw route keeps what the kit promises every route (request id, access log, in-flight
// accounting for a graceful drain, the web config's headers and basic auth) and skips the rest.
// Matching follows express's defaults: case-insensitive, one trailing slash ignored, the query string ignored,
// HEAD served by the GET handler when no HEAD handler is added (node:http sends no body for a HEAD).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, type Context } from '@vigil/core';
import type { Logger } from 'pino';
import type { MatchedRoute } from './route-match.js';

/**
 * A request on a raw route: node's IncomingMessage with the kit's request id, child logger (its lines carry
 * the request's trace ids) and the request's context (its server span), to hand on as inSpan's parent.
 */
export type RawRequest = IncomingMessage & { id: string; log: Logger; traceContext: Context };
export type RawHandler = (req: RawRequest, res: ServerResponse) => Promise<void> | void;

/**
 * What the exporter does for every request, raw or express: request id, logger, in-flight accounting, the
 * request's span; returns the context the handler runs in.
 */
export type Track = (req: IncomingMessage, res: ServerResponse, path: string) => Context;
/** Resolves true when the request may go on (basic auth passed or is off); else it has answered 401. */
export type Guard = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

/** Answers with a JSON body and its Content-Length (the status and headers set before are kept). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

function pathKey(path: string): string {
  return (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path).toLowerCase();
}

function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${pathKey(path)}`;
}

export class RawRoutes {
  private readonly routes = new Map<string, RawHandler>();
  /** Each path as added, with the methods it is served with (HEAD beside GET): for the Allow header of a 405. */
  private readonly paths = new Map<string, MatchedRoute>();

  constructor(
    private readonly track: Track,
    private readonly guard: Guard,
    private readonly logger: Logger,
  ) {}

  add(method: string, path: string, handler: RawHandler): void {
    if (!path.startsWith('/')) throw new Error(`raw route ${path}: the path must start with /`);
    this.routes.set(routeKey(method, path), handler);
    const route = this.paths.get(pathKey(path)) ?? { template: path, methods: [] };
    const m = method.toUpperCase();
    for (const taken of m === 'GET' ? ['GET', 'HEAD'] : [m]) if (!route.methods.includes(taken)) route.methods.push(taken);
    this.paths.set(pathKey(path), route);
  }

  /** The raw route for a request's path (its template and methods), if there is one. */
  routeFor(path: string): MatchedRoute | undefined {
    return this.paths.get(pathKey(path));
  }

  /** Serves the request when a raw route matches it and returns true; false leaves it to express. */
  dispatch(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.routes.size === 0) return false;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const method = req.method ?? 'GET';
    const handler = this.routes.get(routeKey(method, path)) ?? (method === 'HEAD' ? this.routes.get(routeKey('GET', path)) : undefined);
    if (!handler) return false;
    const ctx = this.track(req, res, path);
    context.with(ctx, () => void this.serve(handler, req as RawRequest, res));
    return true;
  }

  private async serve(handler: RawHandler, req: RawRequest, res: ServerResponse): Promise<void> {
    try {
      if (!(await this.guard(req, res))) return;
      await handler(req, res);
    } catch (err) {
      (req.log ?? this.logger).error({ err: (err as Error).message, stack: (err as Error).stack }, 'request failed');
      if (res.headersSent) res.end();
      else sendJson(res, 500, { error: 'internal error' });
    }
  }
}
