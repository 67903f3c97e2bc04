// The shape of the event model's declaration (schema/events.ts) and the checks a declaration must pass before
// anything is generated from it. Everything generated (TypeScript types, validation, the batch codec's layout,
// the native scanner's layout, the README's table) reads a declaration only through `eventList`.
import { createHash } from 'node:crypto';

/** Strings are at most this long unless a field says otherwise. */
export const DEFAULT_MAX_LENGTH = 128;

/** The field is checked only when an earlier enum field of the same event has this value. */
export interface Condition {
  field: string;
  equals: string;
}

interface FieldBase {
  /** A short note for the README's table of event fields. */
  doc?: string;
  /** Absent or null is accepted and leaves the field absent. */
  optional?: true;
  /** Checked only when the condition holds; otherwise passed through unchecked (numeric fields only). */
  when?: Condition;
}

export interface TextField extends FieldBase {
  type: 'text';
  /** Characters; DEFAULT_MAX_LENGTH when unset. */
  maxLength?: number;
  /** What an absent or null value becomes (a routing label's default). */
  default?: string;
  /**
   * How the batch codec stores it: `orderKey` (an order id, shared by the order's events: one table entry
   * per batch) or `unique` (unique to its event, such as a fill id: never looked up). Plain text otherwise.
   */
  codec?: 'orderKey' | 'unique';
  /** `traceId`: a W3C trace id, 32 hex digits (either case), not all zero; maxLength is then 32. */
  format?: 'traceId';
}

export interface NumberField extends FieldBase {
  type: 'number';
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  greaterThan?: number;
  /**
   * Inclusive lower bound given by an earlier number field of the same event (an ask not below the bid), checked
   * when both are present.
   */
  notBelow?: string;
}

/** A duration in seconds, >= 0 and below `below`. */
export interface SecondsField extends FieldBase {
  type: 'seconds';
  below: number;
}

/** A number from 0 to 1. */
export interface RatioField extends FieldBase {
  type: 'ratio';
}

export interface BooleanField extends FieldBase {
  type: 'boolean';
}

export interface EnumField extends FieldBase {
  type: 'enum';
  values: readonly string[];
  /** What an absent or null value becomes. */
  default?: string;
}

export type FieldSpec = TextField | NumberField | SecondsField | RatioField | BooleanField | EnumField;

export interface EventSpec {
  /** One sentence for the README. */
  doc: string;
  /** In this order: the batch codec's slot order and the order fields are checked in. */
  fields: Readonly<Record<string, FieldSpec>>;
}

/** Event types (`area.what`) in order: the order is the batch codec's type code. */
export type EventSchema = Readonly<Record<string, EventSpec>>;

export interface EventField {
  name: string;
  spec: FieldSpec;
  /** Index of the field within its event. */
  index: number;
}

export interface EventEntry {
  type: string;
  doc: string;
  fields: EventField[];
}

/** Presence of a field: required, optional (stays absent) or defaulted (absent becomes `default`). */
export function presence(f: FieldSpec): 'required' | 'optional' | 'defaulted' {
  if ((f.type === 'text' || f.type === 'enum') && f.default !== undefined) return 'defaulted';
  return f.optional ? 'optional' : 'required';
}

export const maxLengthOf = (f: TextField): number => f.maxLength ?? DEFAULT_MAX_LENGTH;

const TYPE_NAME = /^[a-z]+\.[a-z]+$/;
const FIELD_NAME = /^[a-z][A-Za-z0-9]*$/;
const RESERVED = new Set(['type', 'ts', '__proto__', 'constructor', 'prototype']);
/** The native scanner marks the keys an event holds in one 64-bit word: `type`, `ts` and at most 62 more. */
export const MAX_DISTINCT_FIELDS = 62;

/** The declaration as a list, after checking it; throws naming the type and field at fault. */
export function eventList(schema: EventSchema): EventEntry[] {
  const types = Object.keys(schema);
  if (types.length === 0) throw new Error('event schema: no event types');
  if (types.length > 255) throw new Error('event schema: more than 255 event types (the batch codec stores a type code in a byte)');
  const names = new Set<string>();
  const entries = types.map((type) => {
    const { doc, fields } = schema[type];
    if (!TYPE_NAME.test(type)) throw new Error(`event schema: type ${JSON.stringify(type)} is not of the form area.what (lower case)`);
    if (!doc) throw new Error(`event schema: ${type} has no doc`);
    const list = Object.entries(fields).map(([name, spec], index) => ({ name, spec, index }));
    if (list.length === 0) throw new Error(`event schema: ${type} has no fields`);
    if (list.length > 255) throw new Error(`event schema: ${type} has more than 255 fields`);
    for (const f of list) {
      checkField(type, f, list);
      names.add(f.name);
    }
    return { type, doc, fields: list };
  });
  if (names.size > MAX_DISTINCT_FIELDS) throw new Error(`event schema: ${names.size} distinct field names, at most ${MAX_DISTINCT_FIELDS}`);
  return entries;
}

function checkField(type: string, { name, spec: f, index }: EventField, all: EventField[]): void {
  const fail = (why: string): never => {
    throw new Error(`event schema: ${type}.${name}: ${why}`);
  };
  if (!FIELD_NAME.test(name) || RESERVED.has(name)) fail('not a usable field name (lower camelCase; not type, ts or a prototype key)');
  const defaulted = (f.type === 'text' || f.type === 'enum') && f.default !== undefined;
  if (defaulted && f.optional) fail('optional and default exclude each other');
  switch (f.type) {
    case 'text':
      if (f.maxLength !== undefined && !(Number.isInteger(f.maxLength) && f.maxLength >= 1 && f.maxLength <= 65535)) fail('maxLength must be a whole number from 1 to 65535');
      if (f.default !== undefined && !(plainAscii(f.default) && f.default.length <= maxLengthOf(f))) fail('the default must be printable ASCII within maxLength');
      if (f.format !== undefined && f.format !== 'traceId') fail(`unknown format ${JSON.stringify(f.format)}`);
      if (f.format !== undefined && (f.maxLength !== 32 || f.default !== undefined)) fail('a traceId field has maxLength 32 and no default');
      break;
    case 'number':
      if (f.min !== undefined && f.greaterThan !== undefined) fail('min and greaterThan exclude each other');
      if ([f.min, f.greaterThan].some((b) => b !== undefined && !Number.isFinite(b))) fail('bounds must be finite numbers');
      if (f.notBelow !== undefined) {
        const other = all.find((g) => g.name === f.notBelow);
        if (!other || other.index >= index || other.spec.type !== 'number' || other.spec.when) fail('notBelow must name an unconditional number field declared before it');
        if (f.when) fail('notBelow and when exclude each other');
      }
      break;
    case 'seconds':
      if (!(Number.isFinite(f.below) && f.below > 0)) fail('below must be a number greater than 0');
      break;
    case 'enum':
      if (f.values.length < 2 || new Set(f.values).size !== f.values.length) fail('an enum needs two or more distinct values');
      if (f.values.some((v) => !(plainAscii(v) && v.length <= DEFAULT_MAX_LENGTH))) fail(`enum values must be printable ASCII of at most ${DEFAULT_MAX_LENGTH} characters`);
      if (f.default !== undefined && !f.values.includes(f.default)) fail(`the default ${JSON.stringify(f.default)} is not one of the values`);
      break;
    case 'ratio':
    case 'boolean':
      break;
    default:
      fail(`unknown field type ${JSON.stringify((f as { type: unknown }).type)}`);
  }
  if (f.when) {
    if (f.type !== 'number' && f.type !== 'seconds' && f.type !== 'ratio') fail('only numeric fields can be conditional');
    const on = all.find((g) => g.name === f.when!.field);
    if (!on || on.index >= index || on.spec.type !== 'enum') fail(`when.field must name an enum field declared before it`);
    if (!(on!.spec as EnumField).values.includes(f.when.equals)) fail(`when.equals ${JSON.stringify(f.when.equals)} is not a value of ${f.when.field}`);
  }
}

/** Defaults and enum values are written into C++ and compared byte for byte by the native scanner. */
const plainAscii = (s: string): boolean => /^[\x20-\x7e]+$/.test(s);

/** PascalCase of a type or field name: `order.submitted` → `OrderSubmitted`, `orderId` → `OrderId`. */
export const pascal = (name: string): string =>
  name
    .split('.')
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');

/**
 * A short hash of everything the checks and the batch layout depend on (not the docs). The native scanner is
 * built with it and the exporter uses a scanner only when it matches its own.
 */
export function fingerprint(entries: readonly EventEntry[]): string {
  const plain = entries.map((e) => [e.type, e.fields.map((f) => [f.name, { ...f.spec, doc: undefined }])]);
  return createHash('sha256').update(JSON.stringify(plain)).digest('hex').slice(0, 16);
}
