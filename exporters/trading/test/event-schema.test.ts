// The event schema (schema/events.ts) and what is generated from it: the committed outputs are exactly a fresh
// generation; the generator refuses declarations the code cannot honour; adding a field or a type is one edit
// that reaches every output; and the generated validation and batch codec do what the schema says, field by
// field, for every type (and the native scanner too, where it is built).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { EVENT_SCHEMA } from '../schema/events.js';
import { generate, PACKAGE_ROOT, stale, write } from '../schema/outputs.js';
import { eventList, type EventSchema, type FieldSpec } from '../schema/spec.js';
import { EVENT_TYPES } from '../src/events.js';
import { decodeBatch, encodeBatch } from '../src/ingest/batch-codec.js';
import { IngestError } from '../src/ingest/ingest-error.js';
import { nativeScanner } from '../src/ingest/native-scan.js';
import { validateEvent } from '../src/ingest/validate.js';
import { validValue } from './event-fixtures.js';
import { T0 } from './helpers.js';

const OPTS = { now: T0 + 60_000, maxFutureMs: 300_000 };
const entries = eventList(EVENT_SCHEMA);
const readCommitted = (path: string) => readFileSync(join(PACKAGE_ROOT, path), 'utf8');

/** The schema with `edit` applied to a copy. */
function edited(edit: (s: Record<string, { doc: string; fields: Record<string, FieldSpec> }>) => void): EventSchema {
  const copy = structuredClone(EVENT_SCHEMA) as unknown as Record<string, { doc: string; fields: Record<string, FieldSpec> }>;
  edit(copy);
  return copy;
}

describe('event schema outputs', () => {
  it('are committed exactly as a fresh generation writes them', () => {
    assert.deepEqual(stale(EVENT_SCHEMA), []);
  });

  it('the check notices a stale and a missing output', () => {
    const root = join(mkdtempSync(join(tmpdir(), 'vigil-schema-')), 'a', 'b');
    try {
      for (const { path } of generate(EVENT_SCHEMA, readCommitted)) mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, 'README.md'), readCommitted('README.md'));
      write(EVENT_SCHEMA, root);
      assert.deepEqual(stale(EVENT_SCHEMA, root), []);
      const layout = join(root, 'src/generated/batch-layout.ts');
      writeFileSync(layout, readFileSync(layout, 'utf8').replace("['fillPrice', 'number']", "['fillPrice', 'string']"));
      rmSync(join(root, '../../packages/trading-native-scanner/src/event-layout.generated.cc'));
      assert.deepEqual(stale(EVENT_SCHEMA, root), [
        'src/generated/batch-layout.ts: differs from a fresh generation',
        '../../packages/trading-native-scanner/src/event-layout.generated.cc: missing',
      ]);
    } finally {
      rmSync(join(root, '..', '..'), { recursive: true, force: true });
    }
  });

  it('the schema:check CLI passes on the committed files', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-event-schema.ts', '--check'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /up to date/);
  });

  it('lists every type in declaration order, which is the type code', () => {
    assert.deepEqual(EVENT_TYPES, entries.map((e) => e.type));
  });
});

describe('event schema declarations', () => {
  const refused: Array<[string, (s: Record<string, { doc: string; fields: Record<string, FieldSpec> }>) => void, RegExp]> = [
    ['a type not of the form area.what', (s) => (s['Order-Placed'] = { doc: 'x', fields: { a: { type: 'boolean' } } }), /Order-Placed.*area\.what/],
    ['a reserved field name', (s) => (s['order.filled'].fields.ts = { type: 'number' }), /order\.filled\.ts: not a usable field name/],
    ['a default on an optional field', (s) => (s['order.submitted'].fields.venue = { type: 'text', default: 'x', optional: true }), /venue: optional and default exclude each other/],
    ['a default that is not one of the values', (s) => (s['order.submitted'].fields.side = { type: 'enum', values: ['buy', 'sell'], default: 'hold' }), /side: the default "hold"/],
    ['a condition on a later field', (s) => (s['backtest.completed'].fields.strategy = { type: 'number', when: { field: 'outcome', equals: 'failed' } }), /strategy: when\.field must name an enum field declared before it/],
    ['a conditional text field', (s) => (s['backtest.completed'].fields.note = { type: 'text', when: { field: 'outcome', equals: 'failed' } }), /only numeric fields can be conditional/],
    ['a traceId format on a field longer than 32', (s) => (s['order.submitted'].fields.traceId = { type: 'text', format: 'traceId', optional: true }), /traceId: a traceId field has maxLength 32/],
    ['a non-ASCII default', (s) => (s['order.submitted'].fields.account = { type: 'text', default: 'défaut' }), /printable ASCII/],
    ['a type without fields', (s) => (s['market.heartbeat'] = { doc: 'x', fields: {} }), /market\.heartbeat has no fields/],
    ['more distinct fields than the native scanner can mark', (s) => (s['lab.wide'] = { doc: 'x', fields: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, { type: 'boolean' }])) }), /distinct field names, at most 62/],
  ];
  for (const [what, edit, message] of refused) {
    it(`refuses ${what}`, () => assert.throws(() => eventList(edited(edit)), message));
  }
});

describe('adding to the schema is one edit plus regeneration', () => {
  // A field added to an existing type and a new type (shaped like DESIGN.md's market.quote; named so that it
  // never collides with a real addition).
  const withQuote = edited((s) => {
    s['order.filled'].fields.venueFillId = { type: 'text', optional: true, doc: "the venue's fill id" };
    s['example.quote'] = { doc: 'Top of book.', fields: { venue: { type: 'text' }, symbol: { type: 'text' }, bidPrice: { type: 'number', greaterThan: 0 }, askPrice: { type: 'number', greaterThan: 0 } } };
  });
  const before = new Map(generate(EVENT_SCHEMA, readCommitted).map((o) => [o.path, o.content.split('\n')]));
  const after = generate(withQuote, readCommitted);

  it('reaches every output, and changes nothing else in them', () => {
    for (const { path, content } of after) {
      const old = new Set(before.get(path));
      const added = content.split('\n').filter((line) => !old.has(line));
      assert.ok(added.some((l) => /venueFillId|VenueFillId/.test(l)), `${path} does not mention the new field`);
      assert.ok(added.some((l) => /example\.quote|ExampleQuote|kBidPrice/.test(l)), `${path} does not mention the new type`);
      const unrelated = added.filter((l) => !/[vV]enueFillId|example\.quote|ExampleQuote|[bB]idPrice|[aA]skPrice|FINGERPRINT|kSchemaFingerprint|venue's fill id|Top of book|^\s*[}\]];?$|^ {2}\| \w+;?$/.test(l));
      assert.deepEqual(unrelated, [], `${path} changed lines unrelated to the addition`);
    }
  });

  it('gives the new type a type code after the existing ones and checks its fields', () => {
    const validate = after.find((o) => o.path === 'src/generated/validate-fields.ts')!.content;
    assert.match(validate, /case 'example\.quote':\n {6}r\.text\('venue', o\.venue, 128\);\n {6}r\.text\('symbol', o\.symbol, 128\);\n {6}r\.number\('bidPrice', o\.bidPrice, 0, true\);\n {6}r\.number\('askPrice', o\.askPrice, 0, true\);\n {6}break;/);
    assert.match(validate, /r\.set\('venueFillId', o\.venueFillId, r\.maybeText\('venueFillId', o\.venueFillId, 128\)\);/);
    const events = after.find((o) => o.path === 'src/generated/events.ts')!.content;
    assert.match(events, /'example\.quote',\n\] as const;/);
    assert.match(events, /export interface ExampleQuote \{[^}]*bidPrice: number;\n {2}askPrice: number;\n\}/);
    const cpp = after.find((o) => o.path.endsWith('event-layout.generated.cc'))!.content;
    assert.match(cpp, /layout\("example\.quote", kExampleQuote\),\n\};/);
    assert.match(cpp, /number\(kAskPrice, Presence::Required, 0, true, kInf, false\)/);
  });
});

/** Values a field must refuse, naming it. */
function wrongFor(f: FieldSpec): unknown[] {
  switch (f.type) {
    case 'text':
      return ['', 'x'.repeat((f.maxLength ?? 128) + 1), 'a\nb', 7, ...(f.format === 'traceId' ? ['x'.repeat(32), '0'.repeat(32), 'a'.repeat(31)] : [])];
    case 'number':
      return ['1', Infinity, ...(f.greaterThan !== undefined ? [f.greaterThan] : []), ...(f.min !== undefined ? [f.min - 0.001] : [])];
    case 'seconds':
      return [-1, f.below, 'x'];
    case 'ratio':
      return [1.001, -0.001, '0.5'];
    case 'boolean':
      return ['true', 0];
    case 'enum':
      return [`${f.values[0]}x`, 1];
  }
}

function refusal(event: Record<string, unknown>): { reason: string; field?: string } | undefined {
  try {
    validateEvent(structuredClone(event), 0, OPTS);
    return undefined;
  } catch (err) {
    if (!(err instanceof IngestError)) throw err;
    return { reason: err.reason, field: err.field };
  }
}

describe('generated validation and batch codec against the schema', () => {
  for (const e of entries) {
    const full: Record<string, unknown> = { type: e.type, ts: T0 };
    for (const f of e.fields) full[f.name] = validValue(f.spec);

    it(`${e.type}: accepts every field, refuses each wrong value naming the field, and round-trips`, () => {
      assert.equal(refusal(full), undefined);
      for (const f of e.fields) {
        const conditional = f.spec.when !== undefined && full[f.spec.when.field] !== f.spec.when.equals;
        for (const wrong of wrongFor(f.spec)) {
          const answer = refusal({ ...full, [f.name]: wrong });
          if (conditional) assert.equal(answer, undefined, `${f.name}=${String(wrong)} is not checked when its condition does not hold`);
          else assert.deepEqual(answer, { reason: 'invalid_field', field: f.name }, `${f.name}=${String(wrong)}`);
        }
        if (f.spec.type === 'number' && f.spec.notBelow !== undefined) {
          const bound = full[f.spec.notBelow] as number;
          assert.deepEqual(refusal({ ...full, [f.name]: bound * 0.999 }), { reason: 'invalid_field', field: f.name }, `${f.name} below ${f.spec.notBelow}`);
          assert.equal(refusal({ ...full, [f.name]: bound }), undefined, `${f.name} equal to ${f.spec.notBelow}`);
        }
        const without = { ...full };
        delete without[f.name];
        const missing = refusal(without);
        const required = !f.spec.optional && !('default' in f.spec && f.spec.default !== undefined) && !conditional;
        assert.deepEqual(missing, required ? { reason: 'missing_field', field: f.name } : undefined, `${f.name} absent`);
      }
      const event = validateEvent(structuredClone(full), 0, OPTS);
      const [decoded] = decodeBatch(encodeBatch([event]));
      assert.deepEqual(decoded, event);
    });

    it(`${e.type}: fills in defaults and leaves optional fields absent`, () => {
      const minimal: Record<string, unknown> = { type: e.type, ts: T0 };
      for (const f of e.fields) if (!f.spec.optional && !('default' in f.spec && f.spec.default !== undefined)) minimal[f.name] = validValue(f.spec);
      const event = validateEvent(structuredClone(minimal), 0, OPTS) as unknown as Record<string, unknown>;
      for (const f of e.fields) {
        const fallback = 'default' in f.spec ? f.spec.default : undefined;
        if (fallback !== undefined) assert.equal(event[f.name], fallback, f.name);
        else if (f.spec.optional) assert.equal(event[f.name], undefined, f.name);
      }
      if (nativeScanner.scanBatch) {
        // Where the native scanner is built it must answer the same event with the identical encoding.
        const native = nativeScanner.scanBatch(Buffer.from(JSON.stringify([minimal, full])), 'json', OPTS.now, OPTS.maxFutureMs);
        const js = encodeBatch([event as never, validateEvent(structuredClone(full), 1, OPTS)]);
        assert.ok(native, 'the native scanner was unsure of a valid event');
        assert.deepEqual({ ...native, types: [...native.types], slots: [...native.slots] }, { ...js, types: [...js.types], slots: [...js.slots] });
      }
    });
  }
});
