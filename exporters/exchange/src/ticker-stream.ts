// --exchange.stream: one ccxt.pro websocket ticker stream per --exchange=ID:SYMBOL target, kept open in the
// background. watchTicker() in a loop; each ticker's best bid and ask (and their quantities) feed the book
// gauges live. When the stream is lost (watchTicker rejects: connection closed, NetworkError, timeout) the
// loop waits a capped exponential backoff and watches again, which makes ccxt connect and subscribe anew.
// Failures are counted and logged, never thrown: a stream cannot stop the exporter.
import type { Logger } from '@vigil/exporter-kit';
import { Backoff } from './backoff.js';
import type { BookMetrics } from './book-metrics.js';
import { createClient, type CcxtClient, type CcxtModule, type ClientPlacement } from './ccxt-client.js';
import { errorClass } from './error-class.js';
import type { ExchangeMetrics } from './exchange-metrics.js';
import type { ExchangeCredentials } from './venues/credentials.js';
import type { VenueConfig } from './venues/venue-config.js';
import { redactedError } from './redact.js';
import type { WsMetrics } from './ws-metrics.js';

interface StreamedTicker {
  bid?: number;
  ask?: number;
  bidVolume?: number;
  askVolume?: number;
}

interface CcxtProExchange extends CcxtClient {
  watchTicker(symbol: string): Promise<StreamedTicker | undefined>;
  close(): Promise<unknown>;
  /** Needed before ccxt opens a plain ws:// URL (an --exchange.api-base with http://). */
  loadHttpProxyAgent(): Promise<unknown>;
  /** ccxt's hook, called each time one of the client's websocket connections opens. */
  onConnected: (client: unknown, message?: unknown) => void;
}

export interface StreamOptions extends ClientPlacement {
  timeoutMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** Only to redact them from logged errors: the streams are public and carry no key. */
  credentials: ExchangeCredentials;
  logger: Logger;
  metrics: WsMetrics;
  exchangeMetrics: ExchangeMetrics;
  book: BookMetrics;
  /** Each streamed best bid and ask (the forwarding bridge's market.quote events). */
  onQuote?: (symbol: string, bid: number, ask: number, tsMs: number) => void;
}

export interface StreamTarget {
  /** The venue label. */
  id: string;
  /** Its ccxt exchange id. */
  exchange: string;
  symbol: string;
}

/** The streams of a venue with stream: true: one per symbol when ccxt.pro can watch the venue; the reason otherwise. */
export function streamTargets(ccxt: CcxtModule, v: VenueConfig): { targets: StreamTarget[]; skipped: Array<{ target: string; reason: string }> } {
  if (!v.stream) return { targets: [], skipped: [] };
  if (v.symbols.length === 0) return { targets: [], skipped: [{ target: v.id, reason: 'no symbol to watch' }] };
  if (!ccxt.pro.exchanges.includes(v.exchange)) return { targets: [], skipped: [{ target: v.id, reason: 'ccxt has no websocket support for this venue' }] };
  return { targets: v.symbols.map((symbol) => ({ id: v.id, exchange: v.exchange, symbol })), skipped: [] };
}

/** ccxt options per venue for a ticker that carries the best bid and ask. ccxt 4.5's binance watchTicker
 * subscribes to <symbol>@miniTicker (last price and volumes only) unless told otherwise; <symbol>@ticker
 * carries b/B/a/A. */
const TICKER_OPTIONS: Record<string, object> = {
  binance: { watchTickers: { name: 'ticker' } },
  binanceusdm: { watchTickers: { name: 'ticker' } },
  binancecoinm: { watchTickers: { name: 'ticker' } },
};

/** How long stop() waits for the loop after closing the client, so shutdown never hangs on ccxt. */
const STOP_GRACE_MS = 2000;

export class TickerStream {
  private readonly ex: CcxtProExchange;
  private readonly backoff: Backoff;
  private stopped = false;
  private running?: Promise<void>;
  private wake?: () => void;
  /** Connections ccxt opened so far, and the one the latest ticker came on (0 before the first ticker). */
  private connections = 0;
  private deliveringConnection = 0;

  constructor(
    private readonly ccxt: CcxtModule,
    private readonly target: StreamTarget,
    private readonly opts: StreamOptions,
  ) {
    const Ctor = ccxt.pro[target.exchange] as new (config: object) => CcxtProExchange;
    this.ex = createClient(
      Ctor,
      target.exchange,
      {
        enableRateLimit: true,
        timeout: opts.timeoutMs,
        streaming: { connectionTimeout: opts.timeoutMs },
        // The loop below owns the backoff; ccxt's own reconnect delay would stack on top of it.
        options: { ...TICKER_OPTIONS[target.exchange], ws: { backoff: { max: 0 } } },
      },
      opts,
    );
    this.ex.onConnected = () => void this.connections++;
    this.backoff = new Backoff(opts.backoffInitialMs, opts.backoffMaxMs);
  }

  start(): void {
    if (this.ex.has.watchTicker !== true) {
      this.opts.logger.warn(
        { venue: this.target.id, symbol: this.target.symbol },
        'not streaming: ccxt has no watchTicker for this venue; the REST poll keeps the book',
      );
      return;
    }
    this.opts.metrics.watching(this.target.id, this.target.symbol);
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.ex.close().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.running, new Promise((r) => (timer = setTimeout(r, STOP_GRACE_MS)))]);
    clearTimeout(timer);
  }

  private async loop(): Promise<void> {
    let agentLoaded = false;
    while (!this.stopped) {
      try {
        // Part of the set-up: a failure here is a lost stream like any other (counted, logged, retried).
        if (!agentLoaded) agentLoaded = (await this.ex.loadHttpProxyAgent(), true);
        const ticker = await this.ex.watchTicker(this.target.symbol);
        if (this.stopped) break;
        this.delivered(ticker ?? {});
      } catch (err) {
        if (this.stopped) break;
        this.lost(err);
        // A rejected subscription (a venue error event) can leave the socket open with ccxt believing it is
        // subscribed, and then nothing would ever arrive: every retry starts from a fresh connection.
        await this.ex.close().catch(() => undefined);
        await this.pause(this.backoff.next());
      }
    }
  }

  private delivered(t: StreamedTicker): void {
    const { id, symbol } = this.target;
    if (this.connections !== this.deliveringConnection) {
      if (this.deliveringConnection !== 0) {
        this.opts.metrics.reconnects.child([id, symbol]).value++;
        this.opts.logger.info({ venue: id, symbol }, 'exchange stream re-established');
      }
      this.deliveringConnection = this.connections;
    }
    this.backoff.reset();
    this.opts.metrics.delivered(id, symbol, Date.now());
    // A ticker without both sides (some venues' tickers carry no book) leaves the book to the REST poll, also
    // when earlier tickers had them: otherwise the gauges would keep the last streamed quote for good.
    if (t.bid !== undefined && t.ask !== undefined) {
      this.opts.onQuote?.(symbol, t.bid, t.ask, Date.now());
      this.opts.book.update(
        id,
        symbol,
        { bids: [[t.bid, t.bidVolume]], asks: [[t.ask, t.askVolume]] },
        'stream',
      );
    } else this.opts.book.streamLost(id, symbol);
  }

  private lost(err: unknown): void {
    const { id, symbol } = this.target;
    const cls = errorClass(err, this.ccxt);
    this.opts.exchangeMetrics.error(id, 'watchTicker', cls);
    this.opts.metrics.up.child([id, symbol]).value = 0;
    this.opts.book.streamLost(id, symbol);
    // Every failed attempt is logged: the backoff caps them at one per --exchange.stream-max-backoff.
    this.opts.logger.warn(
      {
        venue: id,
        symbol,
        method: 'watchTicker',
        error_class: cls,
        err: redactedError(err, this.opts.credentials),
      },
      'exchange stream lost, resubscribing with backoff',
    );
  }

  /** Waits ms, or less when stop() is called. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve();
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
