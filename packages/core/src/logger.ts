// pino JSON logs (or logfmt, as Prometheus' exporters print with --log.format=logfmt). Secrets are redacted
// by key name wherever they appear in a log object.
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { traceFields } from './spans.js';

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

/** trace_id and span_id of the active span on every line, then the caller's own fields. */
function withTraceFields(own?: () => Record<string, unknown>): () => Record<string, unknown> {
  if (!own) return traceFields;
  return () => {
    const ids = traceFields();
    const extra = own();
    return ids.trace_id === undefined ? extra : { ...ids, ...extra };
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
