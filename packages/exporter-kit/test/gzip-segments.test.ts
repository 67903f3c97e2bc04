// A gzip body assembled from pieces compressed apart (gzip-segments.ts): the CRC-32 combined from the pieces' must
// be the CRC of their bytes in order, and the member must decode, with its trailer checked, to the bytes joined.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { crc32, gunzipSync } from 'node:zlib';
import { crcCombine, crcShift, deflateSegment, gzipOfSegments, joinSegments } from '../src/gzip-segments.js';

/** Pieces of assorted sizes and contents: empty, one byte, text, random (incompressible), larger than a window. */
function pieces(): Buffer[] {
  return [
    Buffer.alloc(0),
    Buffer.from('x'),
    Buffer.from('trading_exchange_up{venue="v001"} 1\n'.repeat(40)),
    randomBytes(777),
    Buffer.from('é ü ☃ '.repeat(3)),
    Buffer.from(Array.from({ length: 3000 }, (_, i) => `s{i="${i}"} ${i / 7}\n`).join('')),
  ];
}

describe('gzip from segments', () => {
  it('combines CRCs as zlib would compute them over the joined bytes', () => {
    const ps = pieces();
    for (const a of ps) {
      for (const b of ps) {
        assert.equal(crcCombine(crc32(a), crc32(b), crcShift(b.length)), crc32(Buffer.concat([a, b])), `${a.length} + ${b.length} bytes`);
      }
    }
    // Lengths past 32 bits: combining a zero-filled b is the same as extending a by b's zeros.
    assert.equal(crcShift(0), 0x80000000);
    assert.notEqual(crcShift(2 ** 32 + 5), crcShift(5));
  });

  it('decodes, trailer checked, to the pieces joined: plain, tabled and joined segments, in any order', () => {
    const ps = pieces();
    const plain = ps.map((p) => deflateSegment(p));
    const tabled = ps.map((p) => deflateSegment(p, true));
    const order = [5, 0, 2, 2, 1, 4, 3, 5];
    const segments = [...order.map((i) => tabled[i]), joinSegments(order.map((i) => plain[i])), joinSegments([tabled[3], plain[2], tabled[1]])];
    const expected = Buffer.concat([...order.map((i) => ps[i]), ...order.map((i) => ps[i]), ps[3], ps[2], ps[1]]);
    const joined = joinSegments(order.map((i) => tabled[i]));
    assert.equal(joined.crc, crc32(Buffer.concat(order.map((i) => ps[i]))));
    assert.equal(joined.length, order.reduce((n, i) => n + ps[i].length, 0));
    const gz = gzipOfSegments(segments);
    assert.deepEqual(gunzipSync(gz), expected);
    // The trailer is checked: a wrong CRC is refused.
    const broken = Buffer.from(gz);
    broken[broken.length - 8] ^= 1;
    assert.throws(() => gunzipSync(broken), /incorrect data check/);
    assert.deepEqual(gunzipSync(gzipOfSegments([])), Buffer.alloc(0));
  });
});
