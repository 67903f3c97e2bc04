// pino JSON logs (or logfmt, as Prometheus' exporters print with --log.format=logfmt). Secrets are redacted
// by key name wherever they appear in a log object.
import { Writable } from 'node:stream';
import type { Context, Span } from '@opentelemetry/api';
import pino, { type Bindings, type Logger } from 'pino';
import { trace, traceFields } from './spans.js';

export type { Logger } from 'pino';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'logfmt';

/** Keys whose values never reach a log line. */
export const SECRET_KEYS = [
  'password',
  'secret',
  'token',
  'apiKey',
  'api_key',
  'authorization',
  'Authorization',
  'webhookUrl',
  'webhook_url',
  'privateKey',
  'private_key',
  'cookie',
];

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const k of SECRET_KEYS) paths.push(k, `*.${k}`, `*.*.${k}`);
  paths.push('req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie');
  return paths;
}

function logfmtValue(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[\s"=]/.test(s) || s === '' ? JSON.stringify(s) : s;
}

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** Turns pino's JSON lines into logfmt lines: ts=... level=... msg=... key=value. */
export function jsonLineToLogfmt(line: string): string {
  const obj = JSON.parse(line) as Record<string, unknown>;
  const { time, level, msg, ...rest } = obj;
  const parts = [
    `ts=${typeof time === 'string' ? time : new Date(Number(time)).toISOString()}`,
    `level=${LEVEL_NAMES[Number(level)] ?? String(level)}`,
  ];
  if (msg !== undefined) parts.push(`msg=${logfmtValue(msg)}`);
  for (const [k, v] of Object.entries(rest)) {
    if (v !== undefined) parts.push(`${k}=${logfmtValue(v)}`);
  }
  return parts.join(' ') + '\n';
}

function logfmtStream(out: NodeJS.WritableStream): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      pending += chunk.toString('utf8');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (line) out.write(jsonLineToLogfmt(line));
      }
      cb();
    },
  });
}

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  name?: string;
  /** Where lines go; stderr by default, as Prometheus' exporters log. */
  destination?: NodeJS.WritableStream;
  /** `service.name` of every line (the name spans carry, so logs and traces join); `name` when unset. */
  serviceName?: string;
  /** Fields merged into every line (e.g. the correlation id of the current request). */
  mixin?: () => Record<string, unknown>;
}

const BOUND_SPAN = Symbol('vigil.boundSpan');
type SpanBound = Logger & { [BOUND_SPAN]?: Span };

/**
 * A child of logger (with bindings) whose lines carry the ids of ctx's span whenever no span is active: how a
 * request's log lines keep its trace ids across awaits where the process traces with `context: 'explicit'`.
 * An active span (a child span's, or any with the default context manager) still wins. Children inherit it.
 */
export function loggerInContext(logger: Logger, ctx: Context, bindings: Bindings = {}): Logger {
  const child = logger.child(bindings) as SpanBound;
  const span = trace.getSpan(ctx);
  if (span) child[BOUND_SPAN] = span;
  return child;
}

/** trace_id and span_id of the active span (else the logger's bound one) on every line, then the caller's own fields. */
function withTraceFields(own?: () => Record<string, unknown>): (obj: object, level: number, logger: Logger) => Record<string, unknown> {
  const ids = (logger: SpanBound) => traceFields(trace.getActiveSpan() ?? logger[BOUND_SPAN]);
  if (!own) return (_obj, _level, logger) => ids(logger);
  return (_obj, _level, logger) => {
    const fields = ids(logger);
    const extra = own();
    return fields.trace_id === undefined ? extra : { ...fields, ...extra };
  };
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const out = opts.destination ?? process.stderr;
  const stream = opts.format === 'logfmt' ? logfmtStream(out) : out;
  return pino(
    {
      name: opts.name,
      level: opts.level ?? 'info',
      base: { pid: process.pid, ...(opts.serviceName ?? opts.name ? { 'service.name': opts.serviceName ?? opts.name } : {}) },
      redact: { paths: redactPaths(), censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: withTraceFields(opts.mixin),
    },
    stream as pino.DestinationStream,
  );
}
