// The trading exporter's definition for the exporter kit: its flags and how they wire ingest, the order
// table, label limits, the state file and the collectors together.
import { FailureLimiter, FlagError, everyInterval, guardWritingEndpoint, packageVersion, readSecretFile, type Exporter, type FlagSpec, type FlagValues, type Logger, type RunExporterOptions } from '@vigil/exporter-kit';
import { ingestCollector } from './collectors/ingest.js';
import { modelsCollector } from './collectors/models.js';
import { markoutsCollector } from './collectors/markouts.js';
import { ordersCollector } from './collectors/orders.js';
import { portfolioCollector } from './collectors/portfolio.js';
import { positionsCollector } from './collectors/positions.js';
import { jobsCollector } from './collectors/jobs.js';
import { riskCollector } from './collectors/risk.js';
import { strategiesCollector } from './collectors/strategies.js';
import { INLINE_MAX_BYTES, ingestHandler } from './ingest/ingest-route.js';
import { InFlight } from './ingest/in-flight.js';
import { IngestWorkers, defaultIngestWorkers } from './ingest/ingest-workers.js';
import { nativeScanner } from './ingest/native-scan.js';
import { loadRiskLimits } from './risk/risk-limits.js';
import { StateFile, loadState } from './state/state-file.js';
import { DEFAULT_BUDGETS, TradingState } from './trading-state.js';
import { CounterVec } from './metrics/series.js';

const positive = (v: unknown) => (Number(v) > 0 ? undefined : `expected a number greater than 0, got ${String(v)}`);

export const TRADING_FLAGS: FlagSpec[] = [
  { name: 'ingest.auth-max-failures', type: 'int', default: 10, placeholder: 'N', help: 'Wrong bearer tokens one client (remote address) may send per minute; past it 429 with Retry-After, without a comparison, until the minute has passed (0: no limit).', validate: (v) => (Number(v) >= 0 ? undefined : `expected 0 or more, got ${v}`) },
  { name: 'ingest.token-file', type: 'string', default: '', placeholder: 'FILE', help: 'File holding the bearer token POST /v1/events requires. Without it the exporter starts only on a loopback address or with --ingest.allow-unauthenticated.' },
  { name: 'ingest.allow-unauthenticated', type: 'bool', default: false, help: 'Start with POST /v1/events open to anyone who can reach a non-loopback --web.listen-address (no --ingest.token-file, no basic auth).' },
  { name: 'ingest.max-body-bytes', type: 'int', default: 10 * 1024 * 1024, placeholder: 'BYTES', validate: positive, help: 'Largest ingest body, before and after gzip decompression; larger ones get 413.' },
  {
    name: 'ingest.max-in-flight',
    type: 'int',
    default: 32,
    placeholder: 'N',
    validate: positive,
    help: 'Most ingest requests being read, checked or applied at once; past it 429 with Retry-After (trading_events_rejected_total{reason="overloaded"}).',
  },
  {
    name: 'ingest.max-in-flight-bytes',
    type: 'int',
    default: 32 * 1024 * 1024,
    placeholder: 'BYTES',
    validate: positive,
    help: 'Most body bytes held by ingest requests in flight (a declared Content-Length counts up front); past it 429 with Retry-After. One request alone is always admitted.',
  },
  { name: 'ingest.body-timeout', type: 'duration', default: '30s', placeholder: 'DURATION', help: 'Longest a request body may take to arrive; past it 408 and the connection is closed (a client trickling bytes would hold a slot).' },
  {
    name: 'ingest.workers',
    type: 'int',
    default: defaultIngestWorkers(),
    placeholder: 'N',
    validate: (v) => (Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 64 ? undefined : `expected a whole number from 0 to 64, got ${String(v)}`),
    help: `Worker threads that decompress, parse and validate ingest bodies of ${INLINE_MAX_BYTES / 1024} KiB or more (and every gzip body); 0 checks every body on the main thread. Default: one less than the CPUs, 1 to 4.`,
  },
  {
    name: 'ingest.native-scanner',
    type: 'bool',
    default: true,
    help: 'Let the native ingest scanner (the optional package @vigil/trading-native-scanner, where it is built) answer the common bodies; without it, or with --no-ingest.native-scanner, every body takes the JavaScript path. Answers are identical either way.',
  },
  { name: 'ingest.max-future', type: 'duration', default: '5m', placeholder: 'DURATION', help: 'How far in the future an event timestamp may be (clock skew); later ones get 400.' },
  { name: 'orders.grace-period', type: 'duration', default: '5s', placeholder: 'DURATION', help: 'How long an event for an unknown order is held for its submit, and how long a final order waits for late events before its final metrics are recorded.' },
  { name: 'orders.ttl', type: 'duration', default: '24h', placeholder: 'DURATION', help: 'Longest an order may stay open in the order table before it is evicted.' },
  { name: 'orders.max-open', type: 'int', default: 100_000, placeholder: 'N', validate: positive, help: 'Most open orders kept; past it the oldest is evicted.' },
  { name: 'orders.max-pending', type: 'int', default: 100_000, placeholder: 'N', validate: positive, help: 'Most events held for orders not yet submitted.' },
  { name: 'markouts', type: 'bool', default: true, help: 'Measure fill markouts (the mid price 1 s, 5 s, 30 s and 60 s after each fill, from market.quote events); off: quotes are validated and counted, nothing else.' },
  { name: 'markouts.max-quote-age', type: 'duration', default: '2s', placeholder: 'DURATION', help: 'Oldest a quote may be, before a markout horizon, to give its mid; with none that recent the markout is counted as unmeasured.' },
  { name: 'markouts.max-pending', type: 'int', default: 100_000, placeholder: 'N', validate: positive, help: 'Most fills waiting for their 60 s markout; past it new fills are not tracked (trading_fill_markouts_dropped_total).' },
  { name: 'markouts.quotes-per-book', type: 'int', default: 4096, placeholder: 'N', validate: positive, help: 'Most quotes kept per venue and symbol (16 bytes each); past it the oldest goes.' },
  { name: 'markouts.max-books', type: 'int', default: 2000, placeholder: 'N', validate: positive, help: 'Most venue and symbol quote books kept; quotes for further ones are dropped (counted).' },
  { name: 'limits.symbols', type: 'int', default: 500, placeholder: 'N', validate: positive, help: 'Most distinct symbol label values; later ones fold into "other".' },
  { name: 'limits.strategies', type: 'int', default: 100, placeholder: 'N', validate: positive, help: 'Most distinct strategy label values; later ones fold into "other".' },
  { name: 'limits.venues', type: 'int', default: 50, placeholder: 'N', validate: positive, help: 'Most distinct venue label values; later ones fold into "other".' },
  { name: 'limits.accounts', type: 'int', default: 100, placeholder: 'N', validate: positive, help: 'Most distinct account label values; later ones fold into "other".' },
  {
    name: 'limits.order-label-sets',
    type: 'int',
    default: DEFAULT_BUDGETS.orders.limit,
    placeholder: 'N',
    validate: positive,
    help: 'Most (venue, symbol, side, order_type, strategy) label sets of the order families (about 100 series each); new ones past it count under venue, symbol, order_type and strategy "other".',
  },
  {
    name: 'limits.label-sets',
    type: 'int',
    default: DEFAULT_BUDGETS.others.limit,
    placeholder: 'N',
    validate: positive,
    help: 'Most label sets of each other metric group (positions, balances, models, signals); past it counters fold into "other" and snapshots are dropped.',
  },
  { name: 'limits.label-set-idle', type: 'duration', default: '6h', placeholder: 'DURATION', help: 'A label set not written for this long is removed with its series (never while an open order uses it); 0s keeps them.' },
  { name: 'limits.symbol-allowlist', type: 'strings', placeholder: 'SYMBOL', help: 'Only these symbols get their own series (others fold into "other"); overrides --limits.symbols.' },
  { name: 'limits.strategy-allowlist', type: 'strings', placeholder: 'STRATEGY', help: 'Only these strategies get their own series; overrides --limits.strategies.' },
  { name: 'jobs.stall-after', type: 'duration', default: '10m', placeholder: 'DURATION', help: 'A running research job with no event (start, progress) for this long counts as stalled.' },
  { name: 'jobs.ttl', type: 'duration', default: '7d', placeholder: 'DURATION', help: 'A queued or running job with no event for this long is dropped from the job table.' },
  { name: 'jobs.max-tracked', type: 'int', default: 10_000, placeholder: 'N', validate: positive, help: 'Most queued and running jobs tracked; past it the one idle longest is dropped.' },
  {
    name: 'risk.limits-file',
    type: 'string',
    default: '',
    placeholder: 'FILE',
    help: 'YAML file of exposure limits (per venue, asset, strategy), their utilisation alert tiers, and the VaR model and limit per account; validated at start (an error names the field). Empty: exposure and VaR (99%, 1d, 1h window) without limits.',
  },
  { name: 'state.file', type: 'string', default: '', placeholder: 'FILE', help: 'JSON file keeping portfolio peaks and worst drawdowns across restarts (written atomically). Empty: not kept.' },
];

function riskLimitsFrom(file: string) {
  try {
    return loadRiskLimits(file);
  } catch (err) {
    throw new FlagError(`--risk.limits-file: ${(err as Error).message}`, 'risk.limits-file');
  }
}

/** Wires an exporter; `now` is injectable for tests. Returns the state for tests and benchmarks. */
export function setupTrading(exporter: Exporter, flags: FlagValues, now: () => number = Date.now): TradingState {
  const stateFilePath = String(flags['state.file'] ?? '');
  const loaded = stateFilePath ? loadState(stateFilePath) : undefined;
  if (loaded?.problem) exporter.logger.warn({ file: stateFilePath }, loaded.problem);
  const limitsFile = String(flags['risk.limits-file'] ?? '');
  const state = new TradingState({
    persisted: loaded?.state,
    risk: limitsFile ? riskLimitsFrom(limitsFile) : undefined,
    jobs: { stallAfterMs: Number(flags['jobs.stall-after']), ttlMs: Number(flags['jobs.ttl']), maxJobs: Number(flags['jobs.max-tracked']) },
    limits: {
      symbols: Number(flags['limits.symbols']),
      strategies: Number(flags['limits.strategies']),
      venues: Number(flags['limits.venues']),
      accounts: Number(flags['limits.accounts']),
      symbolAllowlist: flags['limits.symbol-allowlist'] as string[],
      strategyAllowlist: flags['limits.strategy-allowlist'] as string[],
    },
    budgets: {
      orders: { limit: Number(flags['limits.order-label-sets']), idleMs: Number(flags['limits.label-set-idle']) },
      others: { limit: Number(flags['limits.label-sets']), idleMs: Number(flags['limits.label-set-idle']) },
    },
    orders: {
      graceMs: Number(flags['orders.grace-period']),
      ttlMs: Number(flags['orders.ttl']),
      maxOrders: Number(flags['orders.max-open']),
      maxPending: Number(flags['orders.max-pending']),
    },
    markouts: {
      enabled: flags.markouts === true,
      maxQuoteAgeMs: Number(flags['markouts.max-quote-age']),
      maxPending: Number(flags['markouts.max-pending']),
      quotesPerBook: Number(flags['markouts.quotes-per-book']),
      maxBooks: Number(flags['markouts.max-books']),
    },
  });

  const stateFile = stateFilePath ? new StateFile(stateFilePath) : undefined;
  const writeFailures = new CounterVec(
    'trading_state_file_write_failures_total',
    'Writes of --state.file that failed (disk full, read-only, removed folder); /health is degraded until one succeeds.',
    [],
  );
  let persistError: string | undefined;
  const persist = async (log: Logger = exporter.logger) => {
    if (!stateFile) return;
    try {
      await stateFile.save(state.persisted);
      persistError = undefined;
    } catch (err) {
      // The batch is applied either way; answering an error would make the client resend it twice over.
      persistError = (err as Error).message;
      writeFailures.child([]).value++;
      log.error({ file: stateFilePath, err: persistError }, 'cannot write the state file');
    }
  };
  if (stateFile) {
    writeFailures.child([]);
    exporter.addCollector({ name: 'state_file', collect: () => [writeFailures.family()] });
    exporter.addCheck('state_file', () => (persistError ? { status: 'degraded', message: persistError } : { status: 'healthy' }), {
      critical: false,
    });
    exporter.onClose(async () => {
      await stateFile.flush().catch(() => undefined);
      await persist();
    });
  }

  const tokenFile = String(flags['ingest.token-file'] ?? '');
  const token = tokenFile ? readSecretFile('ingest.token-file', tokenFile) : undefined;
  guardWritingEndpoint(exporter, flags, {
    what: 'POST /v1/events',
    authenticated: token !== undefined,
    credentialFlag: '--ingest.token-file',
    allowFlag: 'ingest.allow-unauthenticated',
  });

  const workerCount = Number(flags['ingest.workers']);
  const workers =
    workerCount > 0
      ? new IngestWorkers({
          size: workerCount,
          onRestart: (reason) => {
            state.ingest.workerRestartsTotal.value++;
            exporter.logger.error({ reason }, 'ingest worker died and was replaced');
          },
          onDisabled: (reason) => exporter.logger.error({ reason }, 'ingest workers disabled'),
        })
      : undefined;
  // The main thread and the workers load the same addon file: whether it loaded here says whether any scans natively.
  const native = flags['ingest.native-scanner'] === true && nativeScanner.scanBatch !== undefined;
  const whyNot = flags['ingest.native-scanner'] === true ? nativeScanner.unavailableReason : 'turned off by --no-ingest.native-scanner';
  const scanner = native ? 'native scanner' : `JavaScript path: ${whyNot}`;
  exporter.logger.info(native ? { scanner: 'native' } : { scanner: 'javascript', reason: whyNot }, native ? 'ingest bodies are checked by the native scanner' : 'ingest bodies are checked on the JavaScript path');
  if (workers) {
    exporter.addCheck(
      'ingest_workers',
      () => (workers.disabledReason ? { status: 'degraded', message: workers.disabledReason } : { status: 'healthy', message: `${workers.size} worker threads, ${scanner}` }),
      { critical: false },
    );
    // Closers run after in-flight requests have drained, so no accepted batch is waiting on a worker.
    exporter.onClose(() => workers.close());
  }

  const inFlight = new InFlight({ maxRequests: Number(flags['ingest.max-in-flight']), maxBytes: Number(flags['ingest.max-in-flight-bytes']) });
  // A raw route (node:http, no express): express cost the ingest path about as much as applying a batch.
  exporter.addRawRoute(
    'POST',
    '/v1/events',
    ingestHandler(state, {
      workers,
      token,
      authLimit: Number(flags['ingest.auth-max-failures']) > 0 ? new FailureLimiter({ maxFailures: Number(flags['ingest.auth-max-failures']), windowMs: 60_000 }) : undefined,
      maxBodyBytes: Number(flags['ingest.max-body-bytes']),
      bodyTimeoutMs: Number(flags['ingest.body-timeout']),
      inFlight,
      maxFutureMs: Number(flags['ingest.max-future']),
      now,
      persist,
      native,
    }),
  );
  exporter.addCollector(ordersCollector(state, now));
  exporter.addCollector(markoutsCollector(state, now));
  exporter.addCollector(ingestCollector(state, () => workers?.inUse ?? 0, inFlight));
  exporter.addCollector(positionsCollector(state));
  exporter.addCollector(portfolioCollector(state));
  exporter.addCollector(riskCollector(state));
  exporter.addCollector(jobsCollector(state, now));
  exporter.addCollector(modelsCollector(state, now));
  exporter.addCollector(strategiesCollector(state));

  // Final metrics and markouts become due, and label sets go idle, without traffic too. A sweep that throws is
  // caught, counted and logged, and makes /health degraded: it never ends the process.
  everyInterval(exporter, 'sweep', 250, () => state.sweep(now()));
  return state;
}

export function tradingExporterOptions(overrides: Partial<RunExporterOptions> = {}): RunExporterOptions {
  return {
    name: 'vigil-trading-exporter',
    description: 'Trading desk metrics from order lifecycle, position, balance, model and strategy events posted to /v1/events.',
    version: packageVersion(new URL('../package.json', import.meta.url)),
    namespace: 'trading_exporter',
    defaultListenAddress: ':9300',
    envPrefix: 'VIGIL_TRADING',
    flags: TRADING_FLAGS,
    setup: (exporter, flags) => {
      setupTrading(exporter, flags);
    },
    // The ingest path hands the request's context on itself: no async hook for the promises of every batch.
    tracingContext: 'explicit',
    ...overrides,
  };
}
