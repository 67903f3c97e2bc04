// A local OTLP/HTTP traces receiver for tests: what the OpenTelemetry Collector's otlp receiver accepts on
// POST /v1/traces (protobuf, optionally gzip), decoded with the OpenTelemetry packages' generated protobuf
// classes (the proto files of opentelemetry-proto), and kept as plain spans to assert on.
import { createRequire } from 'node:module';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

import { waitFor } from './wait.js';

// @opentelemetry/otlp-transformer 0.57 is the last release shipping the protobufjs classes of the OTLP protos
// (later releases only encode); installed under the alias otlp-wire beside the SDK's own copy.
const require = createRequire(import.meta.url);
interface ProtoType {
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, opts: object): unknown;
}
const root = require('otlp-wire/build/src/generated/root.js') as {
  opentelemetry: { proto: { collector: { trace: { v1: { ExportTraceServiceRequest: ProtoType } } } } };
};
const ExportTraceServiceRequest = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

export type AttributeValue = string | number | boolean | AttributeValue[];

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Empty for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Record<string, AttributeValue>;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
  /** The resource's attributes (service.name, ...). */
  resource: Record<string, AttributeValue>;
  startNs: bigint;
  endNs: bigint;
}

export interface OtlpReceiver {
  /** Base URL, for OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  spans: ReceivedSpan[];
  /** Requests refused (not protobuf, undecodable): a test can assert there were none. */
  errors: string[];
  /** Waits until `match` returns a value for the spans received so far. */
  waitForSpans<T>(what: string, match: (spans: ReceivedSpan[]) => T | undefined | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

interface KeyValue {
  key: string;
  value?: AnyValue;
}
interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
}
interface DecodedRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: Array<{
      spans?: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind?: number;
        attributes?: KeyValue[];
        status?: { code?: number; message?: string };
        startTimeUnixNano: string;
        endTimeUnixNano: string;
      }>;
    }>;
  }>;
}

function value(v: AnyValue | undefined): AttributeValue {
  if (!v) return '';
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  return (v.arrayValue?.values ?? []).map(value);
}

function attributes(kvs: KeyValue[] | undefined): Record<string, AttributeValue> {
  return Object.fromEntries((kvs ?? []).map((kv) => [kv.key, value(kv.value)]));
}

/** Decodes an ExportTraceServiceRequest (protobuf bytes) into spans. */
export function decodeTraces(body: Uint8Array): ReceivedSpan[] {
  const msg = ExportTraceServiceRequest.decode(body);
  const obj = ExportTraceServiceRequest.toObject(msg, { longs: String, bytes: String, enums: Number, defaults: false }) as DecodedRequest;
  const hex = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('hex');
  const out: ReceivedSpan[] = [];
  for (const rs of obj.resourceSpans ?? []) {
    const resource = attributes(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        out.push({
          traceId: hex(s.traceId),
          spanId: hex(s.spanId),
          parentSpanId: hex(s.parentSpanId),
          name: s.name,
          kind: s.kind ?? 0,
          attributes: attributes(s.attributes),
          status: { code: s.status?.code ?? 0, message: s.status?.message },
          resource,
          startNs: BigInt(s.startTimeUnixNano),
          endNs: BigInt(s.endTimeUnixNano),
        });
      }
    }
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts the receiver on 127.0.0.1 (a free port). */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const errors: string[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      try {
        if (!String(req.headers['content-type']).startsWith('application/x-protobuf')) {
          throw new Error(`content-type ${String(req.headers['content-type'])}, expected application/x-protobuf`);
        }
        let body = await readBody(req);
        if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        spans.push(...decodeTraces(body));
        // An empty ExportTraceServiceResponse: full success.
        res.writeHead(200, { 'Content-Type': 'application/x-protobuf' }).end();
      } catch (err) {
        errors.push((err as Error).message);
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end((err as Error).message);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    errors,
    waitForSpans: (what, match, timeoutMs = 15_000) => waitFor(() => match(spans), { what, timeoutMs, intervalMs: 50 }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
