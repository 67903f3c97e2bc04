// Small typed readers over parsed YAML that throw a SpecError naming the field when a value is wrong.
import { SpecError } from './types.js';

export interface FieldContext {
  file: string;
  slo?: string;
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function fail(ctx: FieldContext, field: string, problem: string): never {
  throw new SpecError(ctx.file, ctx.slo, field, problem);
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

export function obj(ctx: FieldContext, v: unknown, field: string, optional = false): Obj {
  if (v === undefined && optional) return {};
  if (!isObj(v)) fail(ctx, field, `expected a mapping, got ${describe(v)}`);
  return v;
}

export function str(ctx: FieldContext, v: unknown, field: string): string {
  if (typeof v !== 'string' || v.trim() === '') fail(ctx, field, `expected a non-empty string, got ${describe(v)}`);
  return v;
}

export function optStr(ctx: FieldContext, v: unknown, field: string): string | undefined {
  return v === undefined ? undefined : str(ctx, v, field);
}

export function num(ctx: FieldContext, v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(ctx, field, `expected a number, got ${describe(v)}`);
  return v;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label map: names must be Prometheus label names, values strings (numbers are turned into strings). */
export function labelMap(ctx: FieldContext, v: unknown, field: string, reserved: readonly string[] = []): Record<string, string> {
  const m = obj(ctx, v, field, true);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(m)) {
    if (!LABEL_NAME.test(k)) fail(ctx, `${field}.${k}`, 'is not a valid Prometheus label name');
    if (reserved.includes(k)) fail(ctx, `${field}.${k}`, `is set by the generator and cannot be overridden`);
    if (typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
    else out[k] = str(ctx, val, `${field}.${k}`);
  }
  return out;
}

export function onlyKeys(ctx: FieldContext, m: Obj, field: string, allowed: readonly string[]): void {
  for (const k of Object.keys(m)) {
    if (!allowed.includes(k)) fail(ctx, field ? `${field}.${k}` : k, `unknown field (expected one of ${allowed.join(', ')})`);
  }
}
