// Wires the venues into the exporter: from --venues.file (reloaded on SIGHUP) and the one-off --exchange flags,
// each with its background REST poller and, with stream on, its websocket ticker streams.
import { FlagError, GaugeVec, CounterVec, type Exporter, type FlagSpec, type FlagValues } from '@vigil/exporter-kit';
import { readFileSync } from 'node:fs';
import { AccountMetrics } from './account-metrics.js';
import { BookMetrics } from './book-metrics.js';
import { loadCcxt } from './ccxt-client.js';
import { DEFAULT_POLLER_THREADS, PollerThreads } from './pollers/poller-threads.js';
import { ExchangeMetrics } from './exchange-metrics.js';
import { parseWeightLimits } from './rate-limit.js';
import { VenueSet, type VenueSetOptions } from './venue-set.js';
import { parseVenuesFile, venuesFromFlags, VenueConfigError, type VenueConfig, type VenueDefaults } from './venues/venue-config.js';
import { WsMetrics } from './ws-metrics.js';

export const EXCHANGE_FLAGS: FlagSpec[] = [
  { name: 'venues.file', type: 'string', default: '', placeholder: 'FILE', help: 'YAML file of venues to watch (venues: [{id, symbols, poll_interval, credentials_file, sandbox, stream}]), validated at start; re-read on SIGHUP, touching only the venues that changed.' },
  { name: 'exchange', type: 'strings', placeholder: 'ID[:SYMBOL]', help: 'Poll this venue through ccxt (e.g. binance:BTC/USDT, okx): ticker and order book when a symbol is given, else the server time; the balance too when credentials are configured.' },
  { name: 'exchange.poll-interval', type: 'duration', default: '15s', placeholder: 'DURATION', help: 'Time between background polls of each venue.' },
  { name: 'exchange.timeout', type: 'duration', default: '10s', placeholder: 'DURATION', help: 'Timeout of one exchange request, and of opening a websocket stream.' },
  { name: 'exchange.credentials-file', type: 'string', default: '', placeholder: 'FILE', help: 'JSON or YAML file {"<id>": {"apiKey", "secret", "password"?}} of read-only API keys for the --exchange venues; never logged or exported.' },
  { name: 'exchange.api-base', type: 'string', default: '', placeholder: 'URL', help: 'Send every exchange request and websocket to URL/<original host>/<path> instead (ws:// or wss:// for the streams; an egress proxy, or a replay server in tests).' },
  { name: 'exchange.markets-dir', type: 'string', default: '', placeholder: 'DIR', help: 'Folder of <id>.json ccxt market lists to use instead of loading markets from the venue.' },
  { name: 'exchange.stream', type: 'bool', default: false, help: 'Also keep a ccxt.pro websocket ticker stream open per --exchange=ID:SYMBOL: live spread and top-of-book depth, and the trading_ws_* stream health figures.' },
  { name: 'exchange.stream-max-backoff', type: 'duration', default: '30s', placeholder: 'DURATION', help: 'Longest wait before resubscribing a lost stream (the wait starts at 1s and doubles).' },
  {
    name: 'pollers.threads',
    type: 'int',
    default: DEFAULT_POLLER_THREADS,
    placeholder: 'N',
    validate: (v) => (Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 64 ? undefined : `expected a whole number from 0 to 64, got ${String(v)}`),
    help: "Worker threads the venues' REST pollers run in (ccxt's requests, JSON parsing, schedules, backoff), spread over them; the main thread keeps the metrics and answers scrapes. 0 polls on the main thread. Venues whose orders and fills --forward.url reads are polled on the main thread. Each thread loads its own ccxt (about 100 MB); more than 1 helps only when one thread's polling is busy most of the time (hundreds of venues).",
  },
  { name: 'exchange.weight-limit', type: 'strings', placeholder: 'ID=LIMIT', help: 'Request-weight limit per minute of a venue that sends only the weight used (binance: X-MBX-USED-WEIGHT-1M; default binance=6000), for trading_exchange_rate_limit_used.' },
];

const STREAM_INITIAL_BACKOFF_MS = 1000;

export interface ExchangeSetup {
  venues: VenueSet;
  /** The poller worker threads, with --pollers.threads above 0. */
  threads?: PollerThreads;
  /** Re-reads --venues.file and applies it (what SIGHUP does). */
  reload: () => Promise<void>;
}

export async function setupExchanges(
  exporter: Exporter,
  flags: FlagValues,
  extra: Pick<VenueSetOptions, 'forwarding'> = {},
): Promise<ExchangeSetup | undefined> {
  const file = String(flags['venues.file'] ?? '');
  const specs = (flags.exchange as string[] | undefined) ?? [];
  if (specs.length === 0 && !file) return undefined;
  const defaults: VenueDefaults = { pollIntervalMs: Number(flags['exchange.poll-interval']), stream: flags['exchange.stream'] === true };
  const credentialsFile = String(flags['exchange.credentials-file'] ?? '') || undefined;
  const read = (): VenueConfig[] => {
    const fromFlags = venuesFromFlags(specs, defaults, credentialsFile);
    const fromFile = file ? parseVenuesFile(readFileSync(file, 'utf8'), file, defaults) : [];
    const dup = fromFile.find((v) => fromFlags.some((f) => f.id === v.id));
    if (dup) throw new VenueConfigError(`${file}: venue ${dup.id}: field id: also given with --exchange`);
    return [...fromFlags, ...fromFile];
  };
  let initial: VenueConfig[];
  try {
    initial = read();
  } catch (err) {
    throw new FlagError(err instanceof VenueConfigError ? err.message : `--venues.file: cannot read ${file}: ${(err as Error).message}`, file ? 'venues.file' : 'exchange');
  }
  const weightLimits = parseWeightLimits((flags['exchange.weight-limit'] as string[] | undefined) ?? []);
  if (typeof weightLimits === 'string') throw new FlagError(`--exchange.weight-limit: ${weightLimits}`, 'exchange.weight-limit');
  const metrics = new ExchangeMetrics();
  const book = new BookMetrics();
  const account = new AccountMetrics();
  const ws = new WsMetrics();
  const placement = { apiBase: String(flags['exchange.api-base'] ?? '') || undefined, marketsDir: String(flags['exchange.markets-dir'] ?? '') || undefined };
  const timeoutMs = Number(flags['exchange.timeout']);
  const threadCount = Number(flags['pollers.threads']);
  const threads =
    threadCount > 0
      ? new PollerThreads({
          size: threadCount,
          init: { ...placement, timeoutMs, weightLimits, quotes: extra.forwarding !== undefined },
          targets: { metrics, book, account, logger: exporter.logger, quote: extra.forwarding?.quote },
          metrics,
          logger: exporter.logger,
        })
      : undefined;
  const venues = new VenueSet({
    ccxt: await loadCcxt(),
    timeoutMs,
    weightLimits,
    streamBackoffInitialMs: STREAM_INITIAL_BACKOFF_MS,
    streamBackoffMaxMs: Math.max(STREAM_INITIAL_BACKOFF_MS, Number(flags['exchange.stream-max-backoff'])),
    ...placement,
    threads,
    logger: exporter.logger,
    metrics,
    book,
    account,
    ws,
    ...extra,
  });
  try {
    await venues.apply(initial);
  } catch (err) {
    await threads?.close();
    await venues.stop();
    if (err instanceof VenueConfigError) throw new FlagError(err.message, file ? 'venues.file' : 'exchange');
    throw err;
  }

  const reloads = new CounterVec('exchange_exporter_config_reloads_total', 'Reloads of --venues.file (SIGHUP), by result (success, failure: the previous venues stay).', ['result']);
  const reloadOk = new GaugeVec('exchange_exporter_config_last_reload_successful', 'Whether the latest reload of --venues.file succeeded (1) or was refused (0).', []);
  reloadOk.child([]).value = 1;
  const reload = async () => {
    try {
      const r = await venues.apply(read());
      reloads.child(['success']).value++;
      reloadOk.child([]).value = 1;
      exporter.logger.info(r, 'venues reloaded');
    } catch (err) {
      reloads.child(['failure']).value++;
      reloadOk.child([]).value = 0;
      exporter.logger.error({ err: (err as Error).message }, 'venues file refused: keeping the previous venues');
    }
  };
  const onHup = () => void reload();
  if (file) process.on('SIGHUP', onHup);

  exporter.addCollector({
    name: 'exchanges',
    collect: () => [...metrics.families(Date.now()), ...book.families(), ...account.families(), ...ws.families(), reloads.family(), reloadOk.family(), ...(threads ? [threads.restarts.family()] : [])],
  });
  exporter.addCheck(
    'exchanges',
    () => {
      const down = venues.venues.filter((v) => metrics.up.child([v.id]).value !== 1).map((v) => v.id);
      const streamsDown = ws.notDelivering();
      const parts = [...(down.length ? [`not answering: ${down.join(', ')}`] : []), ...(streamsDown.length ? [`stream down: ${streamsDown.join(', ')}`] : [])];
      return parts.length ? { status: 'degraded', message: parts.join('; ') } : { status: 'healthy' };
    },
    { critical: false },
  );
  exporter.onClose(async () => {
    process.off('SIGHUP', onHup);
    // The workers first: each stops all its venues at once, terminated after a grace period (a venue's stop
    // would wait its request out); then the streams and any venue polled on the main thread.
    await threads?.close();
    await venues.stop();
  });
  return { venues, reload, threads };
}
