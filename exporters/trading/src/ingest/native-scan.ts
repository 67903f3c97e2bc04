// The native ingest scanner, an optional package (@vigil/trading-native-scanner, N-API, built only where a C++
// toolchain exists), loaded once per thread. It turns a body straight into the compact batch for the common
// case (ASCII flat events with known keys) and says "unsure" (undefined) for everything else, which then takes
// the JS path: JSON.parse, validation and encodeBatch, with their exact answers and refusals. Without the
// package, or with an addon built from another event schema, every body takes the JS path.
import { createRequire } from 'node:module';
import { EVENT_SCHEMA_FINGERPRINT } from '../events.js';
import type { EncodedBatch } from './batch-codec.js';
import type { BodyFormat } from './read-body.js';

export type ScanBatch = (bytes: Uint8Array, format: BodyFormat, nowMs: number, maxFutureMs: number) => EncodedBatch | undefined;

export interface NativeScanner {
  /** The scanner, or undefined when every body takes the JS path. */
  scanBatch: ScanBatch | undefined;
  /** Why the scanner is not there, when it is not. */
  unavailableReason: string | undefined;
}

export const NATIVE_PACKAGE = '@vigil/trading-native-scanner';
const REBUILD = `npm run build -w ${NATIVE_PACKAGE}`;

/** The scanner `load` returns, if it is one built from this exporter's event schema. */
export function loadNativeScanner(load: () => unknown = () => createRequire(import.meta.url)(NATIVE_PACKAGE)): NativeScanner {
  let addon: { scanBatch?: unknown; schemaFingerprint?: unknown };
  try {
    addon = load() as typeof addon;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const notInstalled = e.code === 'MODULE_NOT_FOUND' && e.message.includes(NATIVE_PACKAGE);
    const reason = notInstalled ? `${NATIVE_PACKAGE} is not installed (an optional dependency)` : e.message.split('\n')[0];
    return { scanBatch: undefined, unavailableReason: reason };
  }
  if (addon.schemaFingerprint !== EVENT_SCHEMA_FINGERPRINT) {
    return {
      scanBatch: undefined,
      unavailableReason: `the native scanner was built from another event schema (${String(addon.schemaFingerprint)}, this exporter's is ${EVENT_SCHEMA_FINGERPRINT}); rebuild it: ${REBUILD}`,
    };
  }
  if (typeof addon.scanBatch !== 'function') return { scanBatch: undefined, unavailableReason: `${NATIVE_PACKAGE} has no scanBatch function` };
  return { scanBatch: addon.scanBatch as ScanBatch, unavailableReason: undefined };
}

export const nativeScanner: NativeScanner = loadNativeScanner();
