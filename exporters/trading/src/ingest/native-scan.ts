// The native ingest scanner (native/, an N-API addon built by `npm run build`), loaded once per thread. It
// turns a body straight into the compact batch for the common case (ASCII flat events with known keys) and
// says "unsure" (undefined) for everything else, which then takes the JS path: JSON.parse, validation and
// encodeBatch, with their exact answers and refusals. Without a C++ compiler the addon is missing and every
// body takes the JS path; VIGIL_INGEST_NATIVE=0 does the same on purpose (side-by-side measurement).
import { createRequire } from 'node:module';
import type { EncodedBatch } from './batch-codec.js';
import type { BodyFormat } from './read-body.js';

export type ScanBatch = (bytes: Uint8Array, format: BodyFormat, nowMs: number, maxFutureMs: number) => EncodedBatch | undefined;

export interface NativeScanner {
  /** The scanner, or undefined when every body takes the JS path. */
  scanBatch: ScanBatch | undefined;
  /** Why the scanner is not used, when it is not. */
  unavailableReason: string | undefined;
}

// src/ingest and dist/ingest are both two levels below the package root; the build puts the addon in dist/native.
export const NATIVE_ADDON = '../../dist/native/ingest_scan.node';

function load(): NativeScanner {
  if (process.env.VIGIL_INGEST_NATIVE === '0') return { scanBatch: undefined, unavailableReason: 'disabled by VIGIL_INGEST_NATIVE=0' };
  try {
    const addon = createRequire(import.meta.url)(NATIVE_ADDON) as { scanBatch: ScanBatch };
    return { scanBatch: addon.scanBatch, unavailableReason: undefined };
  } catch (err) {
    return { scanBatch: undefined, unavailableReason: `the native scanner did not load (${(err as Error).message.split('\n')[0]}); rebuild with a C++ compiler (npm run build -w @vigil/trading-exporter)` };
  }
}

export const nativeScanner: NativeScanner = load();
