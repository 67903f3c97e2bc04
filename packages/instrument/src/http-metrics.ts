// HTTP RED metrics for express services, named as Vigil's rules and SLOs read them:
//   http_requests_total{service,method,route,status}
//   http_request_duration_seconds{service,method,route,status}  (histogram)
//   http_requests_in_flight{service}
//   http_request_size_bytes, http_response_size_bytes{service,method,route}  (histograms)
// `route` is the matched route template (/orders/:id), never the raw path, so ids never become labels;
// requests that match no route are counted under route="unmatched".
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sampledTraceId } from '@vigil/core';
import { Counter, Gauge, Histogram, Registry, type RegistryContentType } from 'prom-client';
import { mountTemplate } from './route-pattern.js';

export const DEFAULT_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10];
/** 64 B to 16 MiB, ×4 per bucket. */
export const DEFAULT_SIZE_BUCKETS = [64, 256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216];

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface HttpMetricsOptions {
  /** The service's registry, Prometheus or OpenMetrics typed. */
  registry: Registry<RegistryContentType>;
  /** The `service` label: the name the platform's alerts and SLOs use for this service. */
  service: string;
  buckets?: number[];
  sizeBuckets?: number[];
  /** Paths not measured (e.g. the metrics endpoint itself). */
  excludePaths?: string[];
  /**
   * Exemplars on the duration histogram: `{trace_id}` of the request's sampled trace. prom-client keeps them
   * only in an OpenMetrics registry (`new Registry(Registry.OPENMETRICS_CONTENT_TYPE)`, as the exporter kit's
   * is); default: on for such a registry, off otherwise.
   */
  exemplars?: boolean;
}

export interface HttpMetrics {
  middleware: RequestHandler;
  requests: Counter<'service' | 'method' | 'route' | 'status'>;
  duration: Histogram<'service' | 'method' | 'route' | 'status'>;
  inFlight: Gauge<'service'>;
  requestSize: Histogram<'service' | 'method' | 'route'>;
  responseSize: Histogram<'service' | 'method' | 'route'>;
}

type Chunk = string | Buffer | Uint8Array;
const byteLength = (chunk: unknown, encoding?: unknown): number =>
  typeof chunk === 'string' ? Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : chunk instanceof Uint8Array ? chunk.byteLength : 0;

/**
 * Counts the body bytes the application reads (the 'data' events it consumes), without reading anything itself:
 * a body nobody reads is not counted, and a stream is never switched to flowing mode behind a parser's back.
 */
function countRequestBytes(req: Request): () => number {
  let bytes = 0;
  const emit = req.emit;
  req.emit = function (this: Request, event: string | symbol, ...args: unknown[]) {
    if (event === 'data') bytes += byteLength(args[0]);
    return emit.call(this, event, ...args);
  } as typeof req.emit;
  return () => bytes;
}

/** Counts the body bytes written to the response (before any transfer encoding). */
function countResponseBytes(res: Response): () => number {
  let bytes = 0;
  const write = res.write;
  const end = res.end;
  res.write = function (this: Response, chunk: Chunk, ...rest: unknown[]) {
    bytes += byteLength(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: Response, ...args: unknown[]) {
    if (args[0] !== undefined && typeof args[0] !== 'function') bytes += byteLength(args[0], args[1]);
    return (end as (...a: unknown[]) => Response).apply(this, args);
  } as typeof res.end;
  return () => bytes;
}

/** The route template that handled the request: the mount patterns of its routers plus the route's path. */
export function routeLabel(req: Request): string {
  const path = req.route?.path;
  if (path === undefined) return 'unmatched';
  const tmpl = typeof path === 'string' ? path : String(path);
  const mount = mountTemplate(req);
  // A router's own root ("/" under /accounts/:id) is the mount itself.
  if (mount !== '' && tmpl === '/') return mount;
  return `${mount}${tmpl}` || '/';
}

export function httpMetrics(opts: HttpMetricsOptions): HttpMetrics {
  const labelNames = ['service', 'method', 'route', 'status'] as const;
  const withExemplars = opts.exemplars ?? opts.registry.contentType === Registry.OPENMETRICS_CONTENT_TYPE;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests served, by route template and status code.',
    labelNames,
    registers: [opts.registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to finishing its response, in seconds.',
    labelNames,
    buckets: opts.buckets ?? DEFAULT_DURATION_BUCKETS,
    registers: [opts.registry],
    enableExemplars: withExemplars,
  });
  const inFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'HTTP requests being served right now.',
    labelNames: ['service'],
    registers: [opts.registry],
  });
  const sizeLabels = ['service', 'method', 'route'] as const;
  const requestSize = new Histogram({
    name: 'http_request_size_bytes',
    help: 'Size of HTTP request bodies read by the service, in bytes (Content-Length when given, else the bytes read).',
    labelNames: sizeLabels,
    buckets: opts.sizeBuckets ?? DEFAULT_SIZE_BUCKETS,
    registers: [opts.registry],
  });
  const responseSize = new Histogram({
    name: 'http_response_size_bytes',
    help: 'Size of HTTP response bodies written by the service, in bytes (before transfer encoding).',
    labelNames: sizeLabels,
    buckets: opts.sizeBuckets ?? DEFAULT_SIZE_BUCKETS,
    registers: [opts.registry],
  });
  const excluded = new Set(opts.excludePaths ?? []);
  const service = opts.service;

  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (excluded.has(req.path)) {
      next();
      return;
    }
    const start = process.hrtime.bigint();
    const declared = Number(req.headers['content-length']);
    const requestBytes = Number.isSafeInteger(declared) && declared >= 0 ? () => declared : countRequestBytes(req);
    const responseBytes = countResponseBytes(res);
    // The request's trace (tracingMiddleware runs before this one); read again at the end if it started later.
    const traceAtStart = sampledTraceId();
    inFlight.inc({ service });
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      inFlight.dec({ service });
      const method = KNOWN_METHODS.has(req.method) ? req.method : 'OTHER';
      const route = routeLabel(req);
      const labels = {
        service,
        method,
        route,
        // A client that went away before the response finished is recorded as 499, as nginx does.
        status: String(res.writableFinished ? res.statusCode : 499),
      };
      requests.inc(labels);
      requestSize.observe({ service, method, route }, requestBytes());
      responseSize.observe({ service, method, route }, responseBytes());
      const value = Number(process.hrtime.bigint() - start) / 1e9;
      if (!withExemplars) {
        duration.observe(labels, value);
        return;
      }
      const traceId = traceAtStart ?? sampledTraceId();
      // prom-client types exemplar labels as the metric's own label names; trace_id is the one Grafana reads.
      const exemplarLabels = (traceId ? { trace_id: traceId } : {}) as Partial<typeof labels>;
      duration.observe({ labels, value, exemplarLabels });
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
  return { middleware, requests, duration, inFlight, requestSize, responseSize };
}
