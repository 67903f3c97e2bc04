// The few span helpers Vigil's code uses: a span around a piece of work, the server span of a request (its
// W3C traceparent read), the trace headers of an outgoing call, and a trace's ids for log lines and
// exemplars. Without startTracing() (or with it off) they cost a no-op span and return nothing. Each takes
// the parent context explicitly where a process traces with `context: 'explicit'` (see sync-context.ts);
// without it, the active one.
import {
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  context,
  isSpanContextValid,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';

export { SpanKind, SpanStatusCode, context, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';

const TRACER = 'vigil';

export interface InSpanOptions {
  kind?: SpanKind;
  /** The context whose span is the parent; the active context when unset. */
  parent?: Context;
}

/**
 * Runs fn inside a new span, active for fn's synchronous run (and across its awaits with the default context
 * manager); an exception (or rejection) marks the span as failed and is rethrown.
 */
export function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => T, kindOrOptions: SpanKind | InSpanOptions = SpanKind.INTERNAL): T {
  const { kind = SpanKind.INTERNAL, parent = context.active() } = typeof kindOrOptions === 'object' ? kindOrOptions : { kind: kindOrOptions };
  return trace.getTracer(TRACER).startActiveSpan(name, { kind, attributes }, parent, (span) => {
    let result: T;
    try {
      result = fn(span);
    } catch (err) {
      failSpan(span, err);
      span.end();
      throw err;
    }
    if (result instanceof Promise) {
      return result.then(
        (v) => {
          span.end();
          return v;
        },
        (err) => {
          failSpan(span, err);
          span.end();
          throw err;
        },
      ) as T;
    }
    span.end();
    return result;
  });
}

/** Marks a span failed with the error's message (and its exception event). */
export function failSpan(span: Span, err: unknown): void {
  const e = err instanceof Error ? err : new Error(String(err));
  span.recordException(e);
  span.setStatus({ code: SpanStatusCode.ERROR, message: e.message });
}

type HeaderBag = Record<string, string | string[] | undefined>;

const headerGetter = {
  keys: (carrier: HeaderBag) => Object.keys(carrier),
  get: (carrier: HeaderBag, key: string) => carrier[key],
};

/**
 * The server span of an incoming request: a child of the caller's trace when its headers carry a W3C
 * `traceparent`. Returns the span and the context to run the handler in.
 */
export function startServerSpan(name: string, headers: HeaderBag, attributes: Attributes): { span: Span; ctx: Context } {
  const parent = propagation.extract(context.active(), headers, headerGetter);
  const span = trace.getTracer(TRACER).startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  return { span, ctx: trace.setSpan(parent, span) };
}

/** Adds `traceparent` (and `tracestate`, baggage) of ctx's span (the active one by default) to an outgoing call's headers. */
export function traceHeaders(headers: Record<string, string> = {}, ctx: Context = context.active()): Record<string, string> {
  propagation.inject(ctx, headers);
  return headers;
}

/** `{trace_id, span_id}` of the span (the active one by default) for log lines, or `{}`; a new object each call. */
export function traceFields(span: Span | undefined = trace.getActiveSpan()): Record<string, string> {
  if (!span) return {};
  const sc = span.spanContext();
  return isSpanContextValid(sc) ? { trace_id: sc.traceId, span_id: sc.spanId } : {};
}

/** The trace id of ctx's span (the active context by default) when it is sampled: what an exemplar may point to. */
export function sampledTraceId(ctx: Context = context.active()): string | undefined {
  const span = trace.getSpan(ctx);
  if (!span) return undefined;
  const sc = span.spanContext();
  return isSpanContextValid(sc) && (sc.traceFlags & TraceFlags.SAMPLED) !== 0 ? sc.traceId : undefined;
}

/** A W3C trace id: 32 lower-case hex digits, not all zero. */
export function isTraceId(s: string): boolean {
  return /^[0-9a-f]{32}$/.test(s) && !/^0+$/.test(s);
}
