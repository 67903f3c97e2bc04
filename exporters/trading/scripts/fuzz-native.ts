// The fuzz loop of scripts/fuzz-native.sh (which builds the sanitized addon and sets FUZZ_ADDON; without it, the
// installed @vigil/trading-native-scanner is fuzzed, unsanitized).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { encodeBatch, type EncodedBatch } from '../src/ingest/batch-codec.js';
import { checkInflated } from '../src/ingest/check-body.js';
import { IngestError } from '../src/ingest/ingest-error.js';
import { NATIVE_PACKAGE, type ScanBatch } from '../src/ingest/native-scan.js';
import type { BodyFormat } from '../src/ingest/read-body.js';
import { Simulator } from '../src/sim/simulator.js';

const { scanBatch } = createRequire(import.meta.url)(process.env.FUZZ_ADDON ?? NATIVE_PACKAGE) as { scanBatch: ScanBatch };
const NOW = Date.now();
const MAX_FUTURE_MS = 300_000;
const events: unknown[] = [];
const sim = new Simulator({ seed: 3, ordersPerSecond: 50, runId: 'fuzz' });
for (let t = NOW - 120_000; events.length < 4000; t += 100) events.push(...sim.tick(t));
const seeds: Array<[Buffer, BodyFormat]> = [];
for (let i = 0; i + 20 <= events.length; i += 20) {
  const slice = events.slice(i, i + 20);
  seeds.push([Buffer.from(JSON.stringify(slice)), 'json'], [Buffer.from(slice.map((e) => JSON.stringify(e)).join('\n')), 'ndjson']);
}

let seed = Number(process.env.FUZZ_SEED ?? 12345);
const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
const ALPHABET = Buffer.from('{}[]",:0123456789.eE+-tfnul\\/ \n\r\tabc\u00e9');
const pick = () => ALPHABET[rand(ALPHABET.length)];

/** Swaps a digit for a digit or a letter for a letter: the body stays JSON, its values change. */
function nudge(body: Buffer): Buffer {
  const out = Buffer.from(body);
  const at = rand(out.length);
  const c = out[at];
  if (c >= 0x30 && c <= 0x39) out[at] = 0x30 + rand(10);
  else if (c >= 0x61 && c <= 0x7a) out[at] = 0x61 + rand(26);
  return out;
}

function mutate(body: Buffer): Buffer {
  if (rand(2) === 0) return nudge(nudge(body));
  let out = body;
  for (let k = 1 + rand(3); k > 0; k--) {
    const p = rand(out.length + 1);
    const q = rand(out.length + 1);
    switch (rand(6)) {
      case 0: out = out.subarray(0, p); break; // truncate
      case 1: out = Buffer.concat([out.subarray(0, p), Buffer.from([pick()]), out.subarray(p)]); break; // insert
      case 2: out = Buffer.concat([out.subarray(0, Math.min(p, q)), out.subarray(Math.max(p, q))]); break; // delete
      case 3: out = Buffer.concat([out.subarray(0, q), out.subarray(Math.min(p, q), q), out.subarray(q)]); break; // repeat
      default: if (out.length > 0) (out = Buffer.from(out))[rand(out.length)] = rand(2) ? pick() : rand(256); // replace
    }
  }
  return out;
}

const plain = (b: EncodedBatch) => ({ types: [...b.types], slots: [...b.slots], strings: b.strings });
let bodies = 0;
let answered = 0;
const deadline = Date.now() + Number(process.env.FUZZ_SECS ?? 60) * 1000;
while (Date.now() < deadline) {
  const [base, format] = seeds[rand(seeds.length)];
  // An exact-size copy: reading one byte past the end is then an AddressSanitizer error.
  const body = new Uint8Array(mutate(base));
  bodies++;
  const native = scanBatch(body, format, NOW, MAX_FUTURE_MS);
  if (native === undefined) continue;
  answered++;
  const text = Buffer.from(body).toString('latin1').slice(0, 300);
  let js: EncodedBatch;
  try {
    js = encodeBatch(checkInflated(Buffer.from(body), { format, now: NOW, maxFutureMs: MAX_FUTURE_MS }));
  } catch (err) {
    if (err instanceof IngestError) throw new Error(`native accepted a body the JS path refuses (${err.message}): ${text}`);
    throw err;
  }
  assert.deepStrictEqual(plain(native), plain(js), `native and JS encodings differ: ${text}`);
}
console.log(`fuzz-native: ${bodies} bodies, ${answered} answered natively and identical to the JS path, no sanitizer report`);
