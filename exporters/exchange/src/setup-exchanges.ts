// Wires the ccxt exchange-health source into an exporter when --exchange is given: the REST poller always,
// the websocket ticker streams with --exchange.stream.
import { FlagError, type Exporter, type FlagSpec, type FlagValues } from '@vigil/exporter-kit';
import { readFileSync } from 'node:fs';
import { BookMetrics } from './book-metrics.js';
import { loadCcxt } from './ccxt-client.js';
import { ExchangeMetrics } from './exchange-metrics.js';
import { ExchangePoller, parseVenueTarget, type ExchangeCredentials, type VenueTarget } from './exchange-poller.js';
import { parseWeightLimits } from './rate-limit.js';
import { streamTargets, TickerStream } from './ticker-stream.js';
import { WsMetrics } from './ws-metrics.js';

export const EXCHANGE_FLAGS: FlagSpec[] = [
  { name: 'exchange', type: 'strings', placeholder: 'ID[:SYMBOL]', help: 'Poll this venue through ccxt (e.g. binance:BTC/USDT, okx): ticker and order book when a symbol is given, else the server time; the balance too when credentials are configured.' },
  { name: 'exchange.poll-interval', type: 'duration', default: '15s', placeholder: 'DURATION', help: 'Time between background polls of each venue.' },
  { name: 'exchange.timeout', type: 'duration', default: '10s', placeholder: 'DURATION', help: 'Timeout of one exchange request, and of opening a websocket stream.' },
  { name: 'exchange.credentials-file', type: 'string', default: '', placeholder: 'FILE', help: 'JSON file {"<id>": {"apiKey", "secret", "password"?}} of read-only API keys; never logged or exported.' },
  { name: 'exchange.api-base', type: 'string', default: '', placeholder: 'URL', help: 'Send every exchange request and websocket to URL/<original host>/<path> instead (ws:// or wss:// for the streams; an egress proxy, or a replay server in tests).' },
  { name: 'exchange.markets-dir', type: 'string', default: '', placeholder: 'DIR', help: 'Folder of <id>.json ccxt market lists to use instead of loading markets from the venue.' },
  { name: 'exchange.stream', type: 'bool', default: false, help: 'Also keep a ccxt.pro websocket ticker stream open per --exchange=ID:SYMBOL: live spread and top-of-book depth, and the trading_ws_* stream health figures.' },
  { name: 'exchange.stream-max-backoff', type: 'duration', default: '30s', placeholder: 'DURATION', help: 'Longest wait before resubscribing a lost stream (the wait starts at 1s and doubles).' },
  { name: 'exchange.weight-limit', type: 'strings', placeholder: 'ID=LIMIT', help: 'Request-weight limit per minute of a venue that sends only the weight used (binance: X-MBX-USED-WEIGHT-1M; default binance=6000), for trading_exchange_rate_limit_used.' },
];

const STREAM_INITIAL_BACKOFF_MS = 1000;

function loadCredentials(path: string): Record<string, ExchangeCredentials> {
  if (!path) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new FlagError(`--exchange.credentials-file: cannot read ${path} as JSON: ${(err as Error).message.split('\n')[0]}`, 'exchange.credentials-file');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new FlagError('--exchange.credentials-file: expected an object keyed by exchange id', 'exchange.credentials-file');
  }
  return parsed as Record<string, ExchangeCredentials>;
}

export async function setupExchanges(exporter: Exporter, flags: FlagValues): Promise<ExchangePoller | undefined> {
  const specs = (flags.exchange as string[] | undefined) ?? [];
  if (specs.length === 0) return undefined;
  const venues: VenueTarget[] = specs.map((s) => {
    const t = parseVenueTarget(s);
    if (!t) throw new FlagError(`--exchange: expected ID[:SYMBOL] such as okx:BTC/USDT, got ${JSON.stringify(s)}`, 'exchange');
    return t;
  });
  const weightLimits = parseWeightLimits((flags['exchange.weight-limit'] as string[] | undefined) ?? []);
  if (typeof weightLimits === 'string') throw new FlagError(`--exchange.weight-limit: ${weightLimits}`, 'exchange.weight-limit');
  const metrics = new ExchangeMetrics();
  const book = new BookMetrics();
  const ws = new WsMetrics();
  const placement = {
    apiBase: String(flags['exchange.api-base'] ?? '') || undefined,
    marketsDir: String(flags['exchange.markets-dir'] ?? '') || undefined,
  };
  const credentials = loadCredentials(String(flags['exchange.credentials-file'] ?? ''));
  const timeoutMs = Number(flags['exchange.timeout']);
  const poller = new ExchangePoller({
    venues,
    intervalMs: Number(flags['exchange.poll-interval']),
    timeoutMs,
    credentials,
    weightLimits,
    ...placement,
    logger: exporter.logger,
    metrics,
    book,
  });
  await poller.init();

  let streams: TickerStream[] = [];
  if (flags['exchange.stream'] === true) {
    const ccxt = await loadCcxt();
    const { targets, skipped } = streamTargets(ccxt, venues);
    for (const s of skipped) exporter.logger.warn({ target: s.target, reason: s.reason }, 'not streaming this --exchange target');
    const options = {
      timeoutMs,
      backoffInitialMs: STREAM_INITIAL_BACKOFF_MS,
      backoffMaxMs: Math.max(STREAM_INITIAL_BACKOFF_MS, Number(flags['exchange.stream-max-backoff'])),
      credentials,
      ...placement,
      logger: exporter.logger,
      metrics: ws,
      exchangeMetrics: metrics,
      book,
    };
    streams = targets.map((t) => new TickerStream(ccxt, t, options));
  }

  exporter.addCollector({ name: 'exchanges', collect: () => [...metrics.families(), ...book.families(), ...(streams.length ? ws.families() : [])] });
  exporter.addCheck(
    'exchanges',
    () => {
      const down = venues.filter((v) => metrics.up.child([v.id]).value !== 1).map((v) => v.id);
      const streamsDown = ws.notDelivering();
      const parts = [...(down.length ? [`not answering: ${down.join(', ')}`] : []), ...(streamsDown.length ? [`stream down: ${streamsDown.join(', ')}`] : [])];
      return parts.length ? { status: 'degraded', message: parts.join('; ') } : { status: 'healthy' };
    },
    { critical: false },
  );
  poller.start();
  for (const s of streams) s.start();
  exporter.onClose(async () => {
    await Promise.all([poller.stop(), ...streams.map((s) => s.stop())]);
  });
  return poller;
}
