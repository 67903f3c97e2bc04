// One gzip member assembled from separately compressed pieces, so that bytes compressed when they were made (a
// venue's block, when its poll changed it) are not compressed again at scrape. Each piece is raw deflate ended with
// a full flush (Z_FULL_FLUSH: byte-aligned, and no back-reference reaches into the piece before it), so the pieces
// can follow one another in any combination behind one gzip header; an empty final block ends the stream. The
// trailer's CRC-32 is combined from the pieces' CRCs as zlib's crc32_combine does (multiplying by x^(8n) modulo the
// CRC polynomial). Multiplying by a piece's x^(8n) is a linear map of the CRC before it, so when the piece is made
// that map is tabled by nibble (8 x 16 entries): joining a piece at scrape is then 8 lookups, not 32 shift steps. Decoders read it as any gzip body (Go's gzip.Reader, zlib's gunzip); it is somewhat
// larger than one stream over the whole body, since no piece can refer to text in another (see bench/README).
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** Raw deflate of some bytes, ended with a full flush, with what the gzip trailer needs of them. */
export interface DeflateSegment {
  readonly deflated: Buffer;
  /** CRC-32 of the uncompressed bytes. */
  readonly crc: number;
  /** Length of the uncompressed bytes. */
  readonly length: number;
  /** x^(8 * length) modulo the CRC-32 polynomial (reflected): what crc32_combine multiplies the CRC before by. */
  readonly shift: number;
  /** Multiplication by shift, by nibble: entry 16j + v is shift times the nibble v at bits 4j..4j+3 of a CRC. */
  readonly shiftTable?: Int32Array;
}

const POLY = 0xedb88320;
/** x^0 in zlib's reflected representation. */
const ONE = 0x80000000;

/** a(x) * b(x) modulo the CRC-32 polynomial, both reflected (zlib's multmodp). */
function multModP(a: number, b: number): number {
  let m = ONE;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial for k = 0..31 (zlib's x2n_table). */
const X2N: number[] = [];
{
  let p = ONE >>> 1; // x^1
  X2N.push(p);
  for (let k = 1; k < 32; k++) X2N.push((p = multModP(p, p)));
}

/** x^(8 * n) modulo the polynomial: the factor that moves a CRC past n more bytes. */
export function crcShift(n: number): number {
  let p = ONE;
  let k = 3;
  // n up to 2^53: bits taken arithmetically, not with 32-bit operators.
  while (n > 0) {
    if (n % 2 === 1) p = multModP(X2N[k & 31], p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** The CRC of a's bytes followed by b's, from their CRCs and b's shift (zlib's crc32_combine). */
export function crcCombine(crcA: number, crcB: number, shiftB: number): number {
  return (multModP(shiftB, crcA) ^ crcB) >>> 0;
}

/** Tables multiplication by `shift` (see DeflateSegment.shiftTable). */
function shiftTable(shift: number): Int32Array {
  // shift times each bit of a CRC: bit 31 is x^0, and each lower bit one more power of x (one shift step).
  const basis = new Int32Array(32);
  let v = shift;
  for (let bit = 31; bit >= 0; bit--) {
    basis[bit] = v;
    v = v & 1 ? (v >>> 1) ^ POLY : v >>> 1;
  }
  const t = new Int32Array(128);
  for (let j = 0; j < 8; j++) {
    for (let n = 1; n < 16; n++) {
      const low = 31 - Math.clz32(n & -n);
      t[16 * j + n] = t[16 * j + (n & (n - 1))] ^ basis[4 * j + low];
    }
  }
  return t;
}

function combineSegment(crc: number, s: DeflateSegment): number {
  const t = s.shiftTable;
  if (t === undefined) return crcCombine(crc, s.crc, s.shift);
  return (
    (t[crc & 15] ^
      t[16 + ((crc >>> 4) & 15)] ^
      t[32 + ((crc >>> 8) & 15)] ^
      t[48 + ((crc >>> 12) & 15)] ^
      t[64 + ((crc >>> 16) & 15)] ^
      t[80 + ((crc >>> 20) & 15)] ^
      t[96 + ((crc >>> 24) & 15)] ^
      t[112 + (crc >>> 28)] ^
      s.crc) >>>
    0
  );
}

const FULL_FLUSH = { level: constants.Z_BEST_SPEED, finishFlush: constants.Z_FULL_FLUSH };

/**
 * Compresses bytes into a segment (level 1, synchronously: for pieces of a few KB, a thread hop costs more).
 * `tabled`: also table its shift, for a segment made once and joined by many scrapes (a block's).
 */
export function deflateSegment(bytes: Buffer, tabled = false): DeflateSegment {
  const shift = crcShift(bytes.length);
  return { deflated: deflateRawSync(bytes, FULL_FLUSH), crc: crc32(bytes), length: bytes.length, shift, shiftTable: tabled ? shiftTable(shift) : undefined };
}

/** Segments one after another as one segment (their compressed bytes joined, the CRC and length combined). */
export function joinSegments(segments: readonly DeflateSegment[]): DeflateSegment {
  let crc = 0;
  let length = 0;
  const parts: Buffer[] = [];
  for (const s of segments) {
    crc = combineSegment(crc, s);
    length += s.length;
    parts.push(s.deflated);
  }
  return { deflated: Buffer.concat(parts), crc, length, shift: crcShift(length) };
}

// ID1 ID2, deflate, no flags, no modification time, no extra flags, OS unknown (as Go's gzip.Writer writes).
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
// A final fixed-Huffman block holding only its end code: BFINAL=1, BTYPE=01, then seven zero bits.
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/** One gzip member of the segments in order, in pieces (the header, each segment's bytes, the end). */
export function gzipPiecesOfSegments(segments: readonly DeflateSegment[]): Buffer[] {
  let crc = 0;
  let length = 0;
  const parts: Buffer[] = [GZIP_HEADER];
  for (const s of segments) {
    crc = combineSegment(crc, s);
    length += s.length;
    parts.push(s.deflated);
  }
  const end = Buffer.alloc(10);
  FINAL_BLOCK.copy(end, 0);
  end.writeUInt32LE(crc >>> 0, 2);
  end.writeUInt32LE(length % 2 ** 32, 6);
  parts.push(end);
  return parts;
}

/** One gzip member of the segments in order. */
export function gzipOfSegments(segments: readonly DeflateSegment[]): Buffer {
  return Buffer.concat(gzipPiecesOfSegments(segments));
}
