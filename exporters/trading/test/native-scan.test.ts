// The native ingest scanner (the optional package @vigil/trading-native-scanner, loaded by
// src/ingest/native-scan.ts) against the JS path it shortcuts: for any body, it must either say "unsure"
// (undefined) or give exactly the batch encodeBatch(validateBatch(parseItems(...))) gives, and never accept a
// body the JS path refuses. For simulator traffic it must answer: the fast path has to be the one realistic
// traffic takes.
// Where the addon is not built (no C++ toolchain) these tests report that they did not run, and pass;
// VIGIL_REQUIRE_NATIVE=1 makes its absence a failure (for a CI machine that has the toolchain).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EVENT_SCHEMA_FINGERPRINT } from '../src/events.js';
import { encodeBatch, type EncodedBatch } from '../src/ingest/batch-codec.js';
import { checkInflated, scanNatively } from '../src/ingest/check-body.js';
import { IngestError } from '../src/ingest/ingest-error.js';
import { loadNativeScanner, NATIVE_PACKAGE, nativeScanner } from '../src/ingest/native-scan.js';
import type { BodyFormat } from '../src/ingest/read-body.js';
import { Simulator } from '../src/sim/simulator.js';
import { FULL, MINIMAL } from './event-fixtures.js';
import { T0 } from './helpers.js';

const NOW = T0 + 60_000;
const MAX_FUTURE_MS = 300_000;
const required = process.env.VIGIL_REQUIRE_NATIVE === '1';
const scanBatch = nativeScanner.scanBatch;

/** The JS path's batch, or 'refused' with the reason. */
function viaJs(body: Buffer, format: BodyFormat): EncodedBatch | string {
  try {
    return encodeBatch(checkInflated(body, { format, now: NOW, maxFutureMs: MAX_FUTURE_MS }));
  } catch (err) {
    if (err instanceof IngestError) return `refused: ${err.reason} ${err.message}`;
    throw err;
  }
}

/** Plain arrays, so the comparison is by Object.is per slot (NaN equals NaN, -0 differs from 0). */
const plain = (b: EncodedBatch) => ({ types: [...b.types], slots: [...b.slots], strings: b.strings });

/** The native answer after checking it against the JS path; undefined when the scanner was unsure. */
function scanChecked(body: Buffer, format: BodyFormat): EncodedBatch | undefined {
  const native = scanBatch!(body, format, NOW, MAX_FUTURE_MS);
  if (native === undefined) return undefined;
  const js = viaJs(body, format);
  assert.ok(typeof js !== 'string', `native accepted a body the JS path refuses (${String(js)}): ${body.toString('utf8').slice(0, 300)}`);
  assert.deepStrictEqual(plain(native), plain(js), `native and JS encodings differ for ${body.toString('utf8').slice(0, 300)}`);
  assert.ok(native.types.buffer instanceof ArrayBuffer && native.slots.buffer instanceof ArrayBuffer);
  return native;
}

const ndjson = (events: unknown[], eol = '\n') => Buffer.from(events.map((e) => JSON.stringify(e)).join(eol));
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

// Raw JSON value texts beside the ones JSON.stringify makes: invalid JSON, numbers JS reads in its own way,
// escapes, non-ASCII, nested values, timestamps past the limit.
const ODD_VALUES = [
  '1e400', '-1e400', '1e-400', '-0', '-0.0', '0', '01', '-01', '1.', '.5', '+1', '1e', '1e+', '1E+2', '2.5e-3', '1.0000000000000000000001',
  '123456789012345678901234567890', '0.1e1', '9007199254740993', 'NaN', 'Infinity', '-Infinity', 'true', 'false', 'null', 'tru', '""',
  '"buy"', '"sell"', '"failed"', '"succeeded"', '"binance"', '"o-1"', '"a\\"b"', '"a\\\\b"', '"a\\/b"', '"\\u0041"', '"a\\nb"', '"a\\tb"',
  '"é"', '"\\ud800"', '"\u007f"', '"a\u0001"', `"${'x'.repeat(128)}"`, `"${'x'.repeat(129)}"`, `"${'x'.repeat(17)}"`, '{}', '[]', '{"a":1}',
  '[1]', `"${'0'.repeat(32)}"`, `"${'ab'.repeat(16)}"`, `"${'AB'.repeat(16)}"`, `"${'x'.repeat(32)}"`, `"${'a'.repeat(31)}"`, String(NOW + MAX_FUTURE_MS), String(NOW + MAX_FUTURE_MS + 1), '1e11', '99999999999', '"2026-11-24T12:00:00Z"', '3600', '3599.999', '1', '1.5',
];
const EXTRA_KEYS = ['"__proto__"', '"constructor"', '"prototype"', '"extra"', '"ty\\u0070e"', '"t\\/s"', '"fee"', '"outcome"', '"sharpe"', '"correct"', '"reason"', '""'];
const TEMPLATES = [...FULL, ...MINIMAL].map((e) => Object.entries(e).map(([k, v]) => [JSON.stringify(k), JSON.stringify(v)] as [string, string]));

const rawValue = fc.oneof(
  fc.constantFrom(...ODD_VALUES),
  fc.string({ unit: 'binary-ascii', maxLength: 20 }).map((s) => JSON.stringify(s)),
  fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => JSON.stringify(s)),
  fc.double().map((d) => JSON.stringify(d)),
  fc.double({ min: 0, max: 1e6 }).map((d) => String(d)),
  fc.integer().map(String),
);
const mutation = fc.record({ op: fc.constantFrom('replace', 'delete', 'duplicate', 'add'), at: fc.nat(), value: rawValue, key: fc.constantFrom(...EXTRA_KEYS) });
const space = fc.constantFrom('', ' ', '  ', '\t', '\n', '\r\n', ' \r');

/** One event's text: a template with a few members replaced, dropped, repeated or added. */
const eventText = fc.tuple(fc.constantFrom(...TEMPLATES), fc.oneof(fc.constant([]), fc.array(mutation, { minLength: 1, maxLength: 3 })), space).map(([template, mutations, ws]) => {
  const members = template.map(([k, v]) => [k, v] as [string, string]);
  for (const m of mutations) {
    const at = members.length ? m.at % members.length : 0;
    if (m.op === 'replace' && members.length) members[at][1] = m.value;
    else if (m.op === 'delete' && members.length) members.splice(at, 1);
    else if (m.op === 'duplicate' && members.length) members.push([members[at][0], m.value]);
    else members.push([m.key, m.value]);
  }
  return `{${ws}${members.map(([k, v]) => `${k}${ws}:${ws}${v}`).join(`${ws},${ws}`)}${ws}}`;
});

const body = fc.record({
  events: fc.array(eventText, { minLength: 0, maxLength: 5 }),
  format: fc.constantFrom<BodyFormat>('json', 'ndjson'),
  single: fc.boolean(),
  bom: fc.boolean(),
  lineEnd: fc.constantFrom('\n', '\r\n', '\n\n', '\n \n', '\n\t\r\n', '\n\v'),
  around: space,
});

describe('loading the native scanner', () => {
  const fail = (code: string, message: string) => () => {
    throw Object.assign(new Error(message), { code });
  };
  const scan = () => undefined;

  it('uses a scanner built from this exporter\'s event schema', () => {
    const s = loadNativeScanner(() => ({ scanBatch: scan, schemaFingerprint: EVENT_SCHEMA_FINGERPRINT }));
    assert.deepEqual(s, { scanBatch: scan, unavailableReason: undefined });
  });

  it('says why not when the package is not installed, not built, or built from another schema', () => {
    assert.equal(loadNativeScanner(fail('MODULE_NOT_FOUND', `Cannot find module '${NATIVE_PACKAGE}'\nRequire stack: x`)).unavailableReason, `${NATIVE_PACKAGE} is not installed (an optional dependency)`);
    const notBuilt = loadNativeScanner(fail('VIGIL_NATIVE_NOT_BUILT', 'the native scanner addon is not built: missing make when it was built'));
    assert.deepEqual(notBuilt, { scanBatch: undefined, unavailableReason: 'the native scanner addon is not built: missing make when it was built' });
    const stale = loadNativeScanner(() => ({ scanBatch: scan, schemaFingerprint: '0123456789abcdef' }));
    assert.equal(stale.scanBatch, undefined);
    assert.match(stale.unavailableReason!, /built from another event schema \(0123456789abcdef, this exporter's is [0-9a-f]{16}\); rebuild it: npm run build -w @vigil\/trading-native-scanner/);
  });

  it('is not asked when the exporter turns it off', () => {
    const body = json(FULL.filter((e) => typeof e.ts === 'number'));
    const check = { format: 'json' as const, gzip: false, maxBodyBytes: 1 << 30, now: NOW, maxFutureMs: MAX_FUTURE_MS };
    assert.equal(scanNatively(body, { ...check, native: false }), undefined);
    if (scanBatch) assert.ok(scanNatively(body, { ...check, native: true }));
  });
});

describe('native ingest scanner', () => {
  if (!scanBatch) {
    if (required) it('is built and loads (VIGIL_REQUIRE_NATIVE=1)', () => assert.fail(nativeScanner.unavailableReason));
    else it.skip(`did not run: ${nativeScanner.unavailableReason}; ingest runs on the JavaScript path`);
    return;
  }

  it('answers simulator traffic exactly as the JS path, as JSON and NDJSON', () => {
    const sim = new Simulator({ seed: 7, ordersPerSecond: 200 });
    const raw: unknown[] = [];
    for (let t = T0 - 30_000; t < T0; t += 100) raw.push(...sim.tick(t));
    assert.ok(raw.length > 10_000);
    for (let i = 0; i < raw.length; i += 1_000) {
      const batch = raw.slice(i, i + 1_000);
      assert.ok(scanChecked(json(batch), 'json'), `batch at ${i} took the JS path`);
      assert.ok(scanChecked(ndjson(batch, i % 2000 ? '\n' : '\r\n'), 'ndjson'), `NDJSON batch at ${i} took the JS path`);
    }
  });

  it('answers every event type, with and without its optional fields', () => {
    const numericTs = [...FULL, ...MINIMAL].filter((e) => typeof e.ts === 'number');
    assert.ok(scanChecked(json(numericTs), 'json'), 'the fixtures took the JS path');
    for (const e of numericTs) assert.ok(scanChecked(json(e), 'json'), `${JSON.stringify(e)} took the JS path`);
  });

  it('answers the simple escapes, -0, exponents, a byte-order mark and blank NDJSON lines', () => {
    const accepted = [
      ['json', '[{"type":"order.canceled","ts":1.7e12,"orderId":"a\\"b\\\\c\\/d","reason":"r"}]'],
      ['json', ' {"type":"order.filled","ts":1700000000000,"orderId":"o","fillQuantity":2.5E-3,"fillPrice":1e2,"fee":-0}\n'],
      ['json', '\uFEFF[{"type":"order.acknowledged","ts":1700000000000,"orderId":"o"}]'],
      ['ndjson', '\uFEFF\r\n{"type":"order.acknowledged","ts":1700000000000,"orderId":"o"}\r\n \n\t{"type":"order.acknowledged","ts":1700000000001,"orderId":"o"}\r\n'],
      ['json', '[{"type":"backtest.completed","ts":1700000000000,"strategy":"s","outcome":"failed","sharpe":-3}]'],
    ] as const;
    for (const [format, text] of accepted) assert.ok(scanChecked(Buffer.from(text), format), text);
  });

  it('is unsure of what it does not handle, so the JS path answers', () => {
    const ack = '"type":"order.acknowledged","ts":1700000000000';
    const unsure = [
      `{${ack},"orderId":"o","orderId":"p"}`, // duplicate key
      `{${ack},"orderId":"o","__proto__":1}`,
      `{${ack},"orderId":"o","note":1}`, // unknown key: ignored by JS, not by the scanner
      `{${ack},"orderId":"\\u0041"}`,
      `{${ack},"orderId":"é"}`,
      `{${ack},"orderId":"o","fee":{}}`,
      `{"type":"order.acknowledged","ts":"2026-11-24T12:00:00Z","orderId":"o"}`,
      `{"type":"order.filled","ts":1700000000000,"orderId":"o","fillQuantity":1e400,"fillPrice":1}`,
      `{"type":"order.filled","ts":1700000000000,"orderId":"o","fillQuantity":01,"fillPrice":1}`,
      `[]`,
      `[{${ack},"orderId":"o"}] x`,
    ];
    for (const text of unsure) assert.equal(scanBatch!(Buffer.from(text), 'json', NOW, MAX_FUTURE_MS), undefined, text);
  });

  it('never differs from the JS path with any one field of any type set to an odd value', () => {
    let answered = 0;
    for (const template of TEMPLATES) {
      for (let at = 0; at < template.length; at++) {
        for (const value of [...ODD_VALUES, 'null']) {
          const members = template.map(([k, v], i) => `${k}:${i === at ? value : v}`);
          if (scanChecked(Buffer.from(`[{${members.join(',')}}]`), 'json')) answered++;
        }
      }
    }
    assert.ok(answered > 500, `only ${answered} single-field variants were answered natively`);
  });

  it('never differs from the JS path on generated bodies, valid and invalid', () => {
    let answered = 0;
    let runs = 0;
    fc.assert(
      fc.property(body, (b) => {
        runs++;
        const events = b.single && b.events.length ? b.events.slice(0, 1) : b.events;
        let text: string;
        if (b.format === 'ndjson') text = events.join(b.lineEnd);
        else text = b.single && events.length ? events[0] : `[${b.around}${events.join(`${b.around},${b.around}`)}${b.around}]`;
        const bytes = Buffer.from(`${b.bom ? '\uFEFF' : ''}${b.around}${text}${b.around}`);
        if (scanChecked(bytes, b.format)) answered++;
      }),
      { numRuns: 1_000, seed: 20261124 },
    );
    // The generator must reach the fast path often enough for the comparison to mean something.
    assert.ok(answered > runs / 20, `only ${answered} of ${runs} generated bodies were answered natively`);
  });
});
