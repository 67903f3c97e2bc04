// Polls each configured venue through ccxt in the background (exchanges are rate-limited and slow, so
// never at scrape time): a ticker (or the server time) every interval, and the balance when credentials
// are configured. Results feed ExchangeMetrics; failures never stop the exporter.
import type { Logger } from '@vigil/exporter-kit';
import type { BookMetrics, BookTop } from './book-metrics.js';
import { createClient, loadCcxt, type CcxtClient, type ClientPlacement } from './ccxt-client.js';
import { errorClass } from './error-class.js';
import { rateLimitUsed } from './rate-limit.js';
import type { ExchangeMetrics } from './exchange-metrics.js';
import { redactedError } from './redact.js';

export interface VenueTarget {
  /** ccxt exchange id, e.g. binance, okx. */
  id: string;
  /** Symbol whose ticker and order book are polled; without it the venue's server time is polled. */
  symbol?: string;
}

export interface ExchangeCredentials {
  apiKey?: string;
  secret?: string;
  password?: string;
  uid?: string;
}

export interface PollerOptions extends ClientPlacement {
  venues: VenueTarget[];
  intervalMs: number;
  timeoutMs: number;
  credentials: Record<string, ExchangeCredentials>;
  /** Request-weight limit per venue id, for venues that send only the weight used (binance). */
  weightLimits: Record<string, number>;
  logger: Logger;
  metrics: ExchangeMetrics;
  book: BookMetrics;
}

/** `id` or `id:SYMBOL` (the symbol may itself contain a colon, as in BTC/USDT:USDT). */
export function parseVenueTarget(text: string): VenueTarget | undefined {
  const m = /^([a-z0-9]+)(?::(.+))?$/.exec(text.trim());
  return m ? { id: m[1], symbol: m[2] } : undefined;
}

interface CcxtExchange extends CcxtClient {
  loadMarkets(): Promise<unknown>;
  fetchTicker(symbol: string): Promise<unknown>;
  fetchOrderBook(symbol: string, limit?: number): Promise<BookTop>;
  fetchTime(): Promise<unknown>;
  fetchBalance(): Promise<unknown>;
  last_response_headers?: Record<string, unknown>;
}

export class ExchangePoller {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly exchanges = new Map<string, CcxtExchange>();
  private ccxt?: Record<string, unknown>;

  constructor(private readonly opts: PollerOptions) {}

  /** Loads ccxt (only when venues are configured: it is large) and builds one client per venue. */
  async init(): Promise<void> {
    const ccxt = (this.ccxt = await loadCcxt());
    for (const v of this.opts.venues) {
      if (!ccxt.exchanges.includes(v.id)) throw new Error(`--exchange ${v.id}: not a ccxt exchange id (such as binance, okx, bybit, kraken, coinbase)`);
      const Ctor = ccxt[v.id] as new (config: object) => CcxtExchange;
      this.exchanges.set(v.id, createClient(Ctor, v.id, { ...this.opts.credentials[v.id], enableRateLimit: true, timeout: this.opts.timeoutMs }, this.opts));
    }
  }

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      this.running = this.pollAll().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.opts.intervalMs);
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One poll of every venue, concurrently. */
  async pollAll(): Promise<void> {
    await Promise.all(this.opts.venues.map((v) => this.pollVenue(v)));
  }

  private async pollVenue(v: VenueTarget): Promise<void> {
    const ex = this.exchanges.get(v.id)!;
    const symbol = v.symbol;
    const calls: Array<[string, () => Promise<unknown>]> = symbol
      ? [
          ['fetchTicker', () => ex.fetchTicker(symbol)],
          // 5 levels: a depth every venue accepts (binance only takes 5, 10, 20, ...).
          ['fetchOrderBook', async () => this.opts.book.update(v.id, symbol, await ex.fetchOrderBook(symbol, 5), 'poll')],
        ]
      : [['fetchTime', () => ex.fetchTime()]];
    const creds = this.opts.credentials[v.id];
    if (creds?.apiKey) calls.push(['fetchBalance', () => ex.fetchBalance()]);
    let ok = true;
    for (const [method, call] of calls) {
      const started = performance.now();
      try {
        await call();
        this.opts.metrics.request(v.id, method, (performance.now() - started) / 1000);
        const used = rateLimitUsed(ex.last_response_headers, this.opts.weightLimits[v.id]);
        if (used !== undefined) this.opts.metrics.rateLimitUsed.child([v.id]).value = used;
      } catch (err) {
        ok = false;
        const cls = errorClass(err, this.ccxt ?? {});
        this.opts.metrics.request(v.id, method, (performance.now() - started) / 1000, cls);
        this.opts.logger.warn({ venue: v.id, method, error_class: cls, err: redactedError(err, creds) }, 'exchange request failed');
      }
    }
    this.opts.metrics.pollDone(v.id, ok, Date.now());
  }
}
