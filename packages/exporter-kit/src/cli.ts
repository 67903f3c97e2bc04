// runExporter(): flags (argv + env), --help, exit code 2 on bad flags, web config, logger, start, signals.
import { readFileSync } from 'node:fs';
import { commonFlags, envNameFor } from './common-flags.js';
import { Exporter, type ExporterOptions } from './exporter.js';
import { FlagError, formatHelp, parseFlags, type FlagSpec, type FlagValues } from './flags.js';
import { createLogger, startTracing, type LogFormat, type LogLevel, type TracingContext } from '@vigil/core';
import type { LandingLink } from './landing.js';
import { WebConfigError, loadWebConfig, type WebConfig } from './web-config.js';
import { watchUnhandledRejections } from './unhandled-rejections.js';

export interface RunExporterOptions {
  name: string;
  description: string;
  version: string;
  namespace: string;
  buildInfoName?: string;
  defaultListenAddress: string;
  /** Prefix of the environment variable derived for each flag without an explicit `env`. */
  envPrefix: string;
  /** The exporter's own flags, beside the common ones. */
  flags?: FlagSpec[];
  /** Override `env` of common flags, e.g. { 'log.level': 'LOG_LEVEL' }. */
  commonFlagEnv?: Record<string, string>;
  links?: LandingLink[];
  processMetrics?: boolean;
  /** Wires the exporter up: routes, collectors, checks, closers. Throwing stops start-up with exit 1. */
  setup?: (exporter: Exporter, flags: FlagValues) => Promise<void> | void;
  /**
   * How the active span follows the work (see @vigil/core's TracingOptions.context): 'explicit' for an
   * exporter whose hot path hands the request's context on itself (no async hooks for its promises).
   */
  tracingContext?: TracingContext;
  /** Called once the server listens. */
  onListening?: (exporter: Exporter, url: string) => Promise<void> | void;
}

export interface CliIo {
  argv: string[];
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  exit: (code: number) => void;
}

export function allFlags(opts: RunExporterOptions): FlagSpec[] {
  const specs = [...commonFlags(opts.defaultListenAddress), ...(opts.flags ?? [])];
  return specs.map((s) => ({ ...s, env: opts.commonFlagEnv?.[s.name] ?? s.env ?? envNameFor(opts.envPrefix, s.name) }));
}

/** Parses flags and builds the Exporter without starting it (tests use this too). */
export async function buildExporter(
  opts: RunExporterOptions,
  argv: string[],
  env: NodeJS.ProcessEnv,
  destination?: NodeJS.WritableStream,
): Promise<{ exporter: Exporter; flags: FlagValues }> {
  const parsed = parseFlags(allFlags(opts), argv, env);
  const flags = parsed.values;
  let webConfig: WebConfig | undefined;
  const webFile = String(flags['web.config.file'] ?? '');
  if (webFile) webConfig = loadWebConfig(webFile);
  // Traces from OTEL_* (off without an endpoint); the logs carry the same service.name.
  const tracing = startTracing({ serviceName: opts.name, serviceVersion: opts.version, env, context: opts.tracingContext });
  const logger = createLogger({
    level: flags['log.level'] as LogLevel,
    format: flags['log.format'] as LogFormat,
    name: opts.name,
    serviceName: tracing.serviceName,
    destination,
  });
  const options: ExporterOptions = {
    name: opts.name,
    description: opts.description,
    version: opts.version,
    namespace: opts.namespace,
    buildInfoName: opts.buildInfoName,
    revision: env.VIGIL_REVISION,
    listenAddress: String(flags['web.listen-address']),
    telemetryPath: String(flags['web.telemetry-path']),
    webConfig,
    logger,
    collectorTimeoutMs: Number(flags['scrape.collector-timeout']),
    shutdownTimeoutMs: Number(flags['web.shutdown-timeout']),
    readHeaderTimeoutMs: Number(flags['web.read-header-timeout']),
    readTimeoutMs: Number(flags['web.read-timeout']),
    processMetrics: opts.processMetrics,
    links: opts.links,
  };
  const exporter = new Exporter(options);
  // Registered first, so it runs last at shutdown: the spans of the drain and the closers go out too.
  exporter.onClose(() => tracing.flush());
  await opts.setup?.(exporter, flags);
  return { exporter, flags };
}

/** The whole life of an exporter process. Resolves with the exit code it wants. */
export async function runExporter(opts: RunExporterOptions, io: Partial<CliIo> = {}): Promise<void> {
  const argv = io.argv ?? process.argv.slice(2);
  const env = io.env ?? process.env;
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const exit = io.exit ?? ((code: number) => process.exit(code));

  if (argv.includes('--help') || argv.includes('-h')) {
    stdout.write(formatHelp(opts.name, opts.description, allFlags(opts)));
    exit(0);
    return;
  }
  if (argv.includes('--version')) {
    stdout.write(`${opts.name} ${opts.version} (node ${process.version})\n`);
    exit(0);
    return;
  }
  let exporter: Exporter;
  try {
    ({ exporter } = await buildExporter(opts, argv, env));
  } catch (err) {
    if (err instanceof FlagError) {
      stderr.write(`${opts.name}: error: ${err.message}\n`);
      exit(2);
      return;
    }
    if (err instanceof WebConfigError) {
      stderr.write(`${opts.name}: error: ${err.message}\n`);
      exit(1);
      return;
    }
    stderr.write(`${opts.name}: error: start-up failed: ${(err as Error)?.message ?? err}\n`);
    exit(1);
    return;
  }
  watchUnhandledRejections(exporter, opts.namespace);
  // Handlers go in before listening so a signal that arrives right after start-up is handled too.
  const stop = (signal: string) => {
    exporter.shutdown(signal).then(
      () => exit(0),
      () => exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  try {
    const { url } = await exporter.start();
    await opts.onListening?.(exporter, url);
  } catch (err) {
    exporter.logger.error({ err: (err as Error).message }, 'start-up failed');
    await exporter.shutdown('start-up failed');
    exit(1);
    return;
  }
}

/** Reads a secret from a file (trimmed), naming the flag when it cannot. */
export function readSecretFile(flag: string, path: string): string {
  try {
    const value = readFileSync(path, 'utf8').trim();
    if (!value) throw new FlagError(`--${flag}: ${path} is empty`, flag);
    return value;
  } catch (err) {
    if (err instanceof FlagError) throw err;
    throw new FlagError(`--${flag}: cannot read ${path}: ${(err as Error).message}`, flag);
  }
}
