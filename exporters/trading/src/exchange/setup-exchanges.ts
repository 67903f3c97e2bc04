// Wires the ccxt exchange-health source into an exporter when --exchange is given.
import { FlagError, type Exporter, type FlagSpec, type FlagValues } from '@vigil/exporter-kit';
import { readFileSync } from 'node:fs';
import { BookMetrics } from './book-metrics.js';
import { ExchangeMetrics } from './exchange-metrics.js';
import { ExchangePoller, parseVenueTarget, type ExchangeCredentials, type VenueTarget } from './exchange-poller.js';

export const EXCHANGE_FLAGS: FlagSpec[] = [
  { name: 'exchange', type: 'strings', placeholder: 'ID[:SYMBOL]', help: 'Poll this venue through ccxt (e.g. binance:BTC/USDT, okx): ticker and order book when a symbol is given, else the server time; the balance too when credentials are configured.' },
  { name: 'exchange.poll-interval', type: 'duration', default: '15s', placeholder: 'DURATION', help: 'Time between background polls of each venue.' },
  { name: 'exchange.timeout', type: 'duration', default: '10s', placeholder: 'DURATION', help: 'Timeout of one exchange request.' },
  { name: 'exchange.credentials-file', type: 'string', default: '', placeholder: 'FILE', help: 'JSON file {"<id>": {"apiKey", "secret", "password"?}} of read-only API keys; never logged or exported.' },
  { name: 'exchange.api-base', type: 'string', default: '', placeholder: 'URL', help: 'Send every exchange request to URL/<original host>/<path> instead (an egress proxy, or a replay server in tests).' },
  { name: 'exchange.markets-dir', type: 'string', default: '', placeholder: 'DIR', help: 'Folder of <id>.json ccxt market lists to use instead of loading markets from the venue.' },
];

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
  const metrics = new ExchangeMetrics();
  const book = new BookMetrics();
  const poller = new ExchangePoller({
    venues,
    intervalMs: Number(flags['exchange.poll-interval']),
    timeoutMs: Number(flags['exchange.timeout']),
    credentials: loadCredentials(String(flags['exchange.credentials-file'] ?? '')),
    apiBase: String(flags['exchange.api-base'] ?? '') || undefined,
    marketsDir: String(flags['exchange.markets-dir'] ?? '') || undefined,
    logger: exporter.logger,
    metrics,
    book,
  });
  await poller.init();
  exporter.addCollector({ name: 'exchanges', collect: () => [...metrics.families(), ...book.families()] });
  exporter.addCheck(
    'exchanges',
    () => {
      const down = venues.filter((v) => metrics.up.child([v.id]).value !== 1).map((v) => v.id);
      return down.length ? { status: 'degraded', message: `not answering: ${down.join(', ')}` } : { status: 'healthy' };
    },
    { critical: false },
  );
  poller.start();
  exporter.onClose(() => poller.stop());
  return poller;
}
