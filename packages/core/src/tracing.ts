// OpenTelemetry traces for every Vigil process, configured by the standard OTEL_* environment variables and off
// (nothing registered: the API's no-op tracer, no context manager) unless an OTLP endpoint is set. Spans go out
// as OTLP/HTTP protobuf through a batch processor, so a span costs the request path an allocation and a queue
// push, never a network call.
import { propagation } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace-node';
import { SyncContextManager } from './sync-context.js';

export interface TracingOptions {
  /** service.name unless OTEL_SERVICE_NAME (or service.name in OTEL_RESOURCE_ATTRIBUTES) says otherwise. */
  serviceName: string;
  serviceVersion?: string;
  /** Where the OTEL_* variables are read; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /**
   * How the active span follows the work: 'async' (default) through AsyncLocalStorage, across every await;
   * 'explicit' only within context.with()'s synchronous run, so no async hook runs for the process' promises
   * and the code hands the context on itself (RawRequest.traceContext, inSpan's parent, loggerInContext).
   */
  context?: TracingContext;
}

export type TracingContext = 'async' | 'explicit';

export interface Tracing {
  /** False when no endpoint is set or OTEL_SDK_DISABLED / OTEL_TRACES_EXPORTER=none turned it off. */
  readonly enabled: boolean;
  /** The service.name spans (and log lines) carry. */
  readonly serviceName: string;
  /** How the active context follows the work (TracingOptions.context). */
  readonly context: TracingContext;
  /** Where spans are posted (OTLP/HTTP protobuf), when enabled. */
  readonly endpoint?: string;
  /** What it was started with (a worker thread starts its own tracing from the same, see startTracing). */
  readonly options?: TracingOptions;
  /** Sends the spans still queued. */
  flush(): Promise<void>;
  /** Sends the spans still queued and stops; the process keeps the no-op tracer afterwards. */
  shutdown(): Promise<void>;
}

const SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'];

/** The sampler OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG name (default parentbased_always_on, as the spec says). */
export function samplerFromEnv(env: NodeJS.ProcessEnv): Sampler {
  const name = (env.OTEL_TRACES_SAMPLER ?? '').trim().toLowerCase() || 'parentbased_always_on';
  if (!SAMPLERS.includes(name)) throw new Error(`OTEL_TRACES_SAMPLER: expected one of ${SAMPLERS.join(', ')}, got ${JSON.stringify(env.OTEL_TRACES_SAMPLER)}`);
  const ratio = () => {
    const arg = env.OTEL_TRACES_SAMPLER_ARG;
    if (arg === undefined || arg.trim() === '') return 1;
    const r = Number(arg);
    if (!(r >= 0 && r <= 1)) throw new Error(`OTEL_TRACES_SAMPLER_ARG: expected a ratio from 0 to 1, got ${JSON.stringify(arg)}`);
    return r;
  };
  const root = name.endsWith('always_on') ? new AlwaysOnSampler() : name.endsWith('always_off') ? new AlwaysOffSampler() : new TraceIdRatioBasedSampler(ratio());
  return name.startsWith('parentbased_') ? new ParentBasedSampler({ root }) : root;
}

/**
 * The OTLP/HTTP traces URL: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, else OTEL_EXPORTER_OTLP_ENDPOINT +
 * /v1/traces; none (tracing off) without either, or with OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none.
 */
export function tracesEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  if (/^true$/i.test(env.OTEL_SDK_DISABLED?.trim() ?? '') || (env.OTEL_TRACES_EXPORTER ?? '').trim().toLowerCase() === 'none') return undefined;
  const signal = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const url = signal || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    const which = signal ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
    throw new Error(`${which}: expected an http(s) URL, got ${JSON.stringify(signal || base)}`);
  }
  return url;
}

/** OTEL_RESOURCE_ATTRIBUTES: `key=value,key=value`, values percent-encoded (as the spec says). */
export function resourceAttributesFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (env.OTEL_RESOURCE_ATTRIBUTES ?? '').split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    try {
      out[pair.slice(0, eq).trim()] = decodeURIComponent(pair.slice(eq + 1).trim());
    } catch {
      throw new Error(`OTEL_RESOURCE_ATTRIBUTES: ${JSON.stringify(pair)} is not key=<percent-encoded value>`);
    }
  }
  return out;
}

function serviceNameFrom(env: NodeJS.ProcessEnv, fallback: string): string {
  return env.OTEL_SERVICE_NAME?.trim() || resourceAttributesFromEnv(env)['service.name'] || fallback;
}

let current: Tracing | undefined;

/**
 * Starts tracing for this process once (later calls return the first one's result). With an endpoint it
 * registers the global tracer provider, the context manager (AsyncLocalStorage, or the synchronous one for
 * `context: 'explicit'`) and the W3C trace context and baggage propagators; without one it registers
 * nothing and every span of the API is a no-op.
 */
export function startTracing(opts: TracingOptions): Tracing {
  if (current) return current;
  const env = opts.env ?? process.env;
  const serviceName = serviceNameFrom(env, opts.serviceName);
  const endpoint = tracesEndpoint(env);
  if (!endpoint) {
    current = { enabled: false, serviceName, context: opts.context ?? 'async', options: opts, flush: async () => {}, shutdown: async () => {} };
    return current;
  }
  const sampler = samplerFromEnv(env);
  // OTEL_RESOURCE_ATTRIBUTES first, then the service's own name and version over them.
  const resource = resourceFromAttributes({
    ...resourceAttributesFromEnv(env),
    'service.name': serviceName,
    ...(opts.serviceVersion ? { 'service.version': opts.serviceVersion } : {}),
  });
  // Headers, timeout and compression come from OTEL_EXPORTER_OTLP_* as the exporter reads them.
  const exporter = new OTLPTraceExporter({ url: endpoint });
  const provider = new NodeTracerProvider({ resource, sampler, spanProcessors: [new BatchSpanProcessor(exporter)] });
  const contextMode = opts.context ?? 'async';
  // Without a manager given, register() installs the AsyncLocalStorage one.
  provider.register(contextMode === 'explicit' ? { contextManager: new SyncContextManager() } : {});
  let stopped = false;
  current = {
    enabled: true,
    serviceName,
    options: opts,
    context: contextMode,
    endpoint,
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      if (stopped) return;
      stopped = true;
      await provider.shutdown();
      propagation.disable();
    },
  };
  return current;
}

/** What startTracing started, if it ran. */
export function currentTracing(): Tracing | undefined {
  return current;
}
