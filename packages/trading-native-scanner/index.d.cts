// The N-API addon's interface (src/scan-addon.cc).

/** The compact batch of @vigil/trading-exporter's batch codec. */
export interface ScannedBatch {
  types: Uint8Array;
  slots: Float64Array;
  strings: string;
}

/** Identifies the event schema the addon was generated from; the exporter uses it only when it matches its own. */
export declare const schemaFingerprint: string;

/**
 * The body (after gunzip) as the exporter's JS path would encode it, or undefined when the scanner is not sure
 * (anything but ASCII flat events with known keys, or any event the JS path might refuse).
 */
export declare function scanBatch(bytes: Uint8Array, format: 'json' | 'ndjson', nowMs: number, maxFutureMs: number): ScannedBatch | undefined;
