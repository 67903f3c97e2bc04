// Request validation: unknown fields, wrong types and out-of-range values are 400s naming the field.
import { badRequest } from './errors.js';

export type Body = Record<string, unknown>;

export function objectBody(body: unknown, allowed: string[]): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('body', 'expected a JSON object (Content-Type: application/json)');
  }
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw badRequest(key, `unknown field; allowed: ${allowed.join(', ')}`);
  }
  return body as Body;
}

export function requiredString(body: Body, field: string, max = 1000): string {
  const v = body[field];
  if (v === undefined) throw badRequest(field, 'is required');
  if (typeof v !== 'string') throw badRequest(field, `expected a string, got ${typeof v}`);
  if (v.trim() === '') throw badRequest(field, 'must not be empty');
  if (v.length > max) throw badRequest(field, `must be at most ${max} characters`);
  return v;
}

export function optionalString(body: Body, field: string, max = 1000): string | undefined {
  return body[field] === undefined ? undefined : requiredString(body, field, max);
}

export function optionalBool(body: Body, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw badRequest(field, `expected true or false, got ${JSON.stringify(v)}`);
  return v;
}

export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * An object of label name to non-empty string value (Prometheus label names), at most `maxEntries` entries and
 * `maxValue` characters a value; errors name `field.<name>`.
 */
export function labelMap(value: unknown, field: string, opts: { example: string; maxEntries: number; maxValue: number }): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest(field, `expected an object of label name to value, e.g. ${opts.example}`);
  }
  const entries = Object.entries(value);
  if (entries.length > opts.maxEntries) throw badRequest(field, `at most ${opts.maxEntries} entries, got ${entries.length}`);
  for (const [k, v] of entries) {
    if (!LABEL_NAME.test(k)) throw badRequest(`${field}.${k}`, 'not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)');
    if (typeof v !== 'string' || v === '') throw badRequest(`${field}.${k}`, 'expected a non-empty string');
    if (v.length > opts.maxValue) throw badRequest(`${field}.${k}`, `must be at most ${opts.maxValue} characters`);
  }
  return value as Record<string, string>;
}

export function query(q: Record<string, unknown>, allowed: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(q)) {
    if (!allowed.includes(k)) throw badRequest(k, `unknown query parameter; allowed: ${allowed.join(', ')}`);
    if (typeof v !== 'string') throw badRequest(k, 'must be given once, as a plain value');
    out[k] = v;
  }
  return out;
}

export function isoTime(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  // ISO 8601 with a date part; Date.parse alone would also accept loose forms like "March 3".
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    throw badRequest(field, `expected an ISO 8601 time such as 2026-01-02T15:04:05Z, got ${JSON.stringify(value)}`);
  }
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw badRequest(field, `not a valid time: ${JSON.stringify(value)}`);
  return ms;
}

export function intInRange(value: string | undefined, field: string, min: number, max: number, dflt: number): number {
  if (value === undefined) return dflt;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw badRequest(field, `expected an integer ${min}..${max}, got ${JSON.stringify(value)}`);
  return Number(value);
}

export function oneOf<T extends string>(value: string | undefined, field: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw badRequest(field, `expected one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

/**
 * start_time/end_time of a query as a window in ms: end defaults to now, start to end - defaultMs; a window
 * longer than maxMs or ending before it starts is a 400 naming the field.
 */
export function timeWindow(q: Record<string, string | undefined>, defaultMs: number, maxMs: number, now = Date.now()): { from: number; to: number } {
  const to = isoTime(q.end_time, 'end_time') ?? now;
  const from = isoTime(q.start_time, 'start_time') ?? to - defaultMs;
  if (to < from) throw badRequest('end_time', 'must not be before start_time');
  if (to - from > maxMs) throw badRequest('start_time', `the window may be at most ${maxMs / 86_400_000} days long`);
  return { from, to };
}
