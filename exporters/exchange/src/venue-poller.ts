// Polls one venue through ccxt in the background (venues are rate-limited and slow, so never at scrape time).
// One cycle: the server time (clock skew), each symbol's ticker and order book, and with a key the balance,
// positions and open orders (plus whatever the forwarding bridge adds). The requests of a cycle are spread
// over the poll interval, never closer together than the venue's documented request interval (ccxt's
// rateLimit). A 429/418 answer ends the cycle and pauses the venue for its Retry-After (else a doubling
// backoff); other failures also back off, doubling up to 8 poll intervals. Nothing here can stop the exporter.
import { SpanKind, inSpan, type Logger } from '@vigil/exporter-kit';
import type { AccountMetrics, CcxtBalance, CcxtOrder, CcxtPosition } from './account-metrics.js';
import { Backoff } from './backoff.js';
import type { BookMetrics, BookTop } from './book-metrics.js';
import { createClient, type CcxtClient, type CcxtModule, type ClientPlacement } from './ccxt-client.js';
import { errorClass } from './error-class.js';
import type { ExchangeMetrics } from './exchange-metrics.js';
import { rateLimitUsed } from './rate-limit.js';
import { redactedError } from './redact.js';
import type { ExchangeCredentials } from './venues/credentials.js';
import { requestSpacingMs, retryAfterMs, startOffsetMs } from './venues/schedule.js';
import type { VenueConfig } from './venues/venue-config.js';

export interface CcxtExchange extends CcxtClient {
  id: string;
  rateLimit: number;
  fetchTicker(symbol: string): Promise<{ timestamp?: number; bid?: number; ask?: number }>;
  fetchOrderBook(symbol: string, limit?: number): Promise<BookTop>;
  fetchTime(): Promise<number | undefined>;
  fetchBalance(): Promise<CcxtBalance>;
  fetchPositions(symbols?: string[]): Promise<CcxtPosition[]>;
  fetchOpenOrders(symbol?: string): Promise<CcxtOrder[]>;
  setSandboxMode(on: boolean): void;
  last_response_headers?: Record<string, unknown>;
  last_http_response?: unknown;
  last_json_response?: unknown;
  httpExceptions: Record<string, unknown>;
  options: Record<string, unknown>;
}

/** One request of a cycle: its ccxt method (the method label), the kind of figure it refreshes, and the call. */
export interface PollTask {
  method: string;
  kind: string;
  run: (ex: CcxtExchange) => Promise<void>;
}

export interface PollerDeps extends ClientPlacement {
  ccxt: CcxtModule;
  timeoutMs: number;
  credentials: ExchangeCredentials;
  /** Request-weight limit of the venue, when it sends only the weight used (binance). */
  weightLimit?: number;
  logger: Logger;
  metrics: ExchangeMetrics;
  book: BookMetrics;
  account: AccountMetrics;
  /** Extra requests per cycle (the forwarding bridge's orders and trades). */
  extraTasks?: (ex: CcxtExchange) => PollTask[];
  /** Latest mid of a symbol, for the forwarding bridge. */
  onQuote?: (symbol: string, bid: number, ask: number, tsMs: number) => void;
  /** No request before this time (ms): a pause (Retry-After, backoff) the venue's previous poller was in. */
  resumeAtMs?: number;
  now?: () => number;
}

const RATE_LIMITED = new Set(['RateLimitExceeded', 'DDoSProtection']);

export class VenuePoller {
  readonly ex: CcxtExchange;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private wake?: () => void;
  private readonly backoff: Backoff;
  private readonly now: () => number;
  cycles = 0;
  /** Calls this venue cannot answer without parameters the exporter does not have (ccxt ArgumentsRequired,
   * NotSupported): dropped from the cycle after their first failure, logged once. */
  private readonly unsupported = new Set<string>();

  constructor(
    readonly venue: VenueConfig,
    private readonly deps: PollerDeps,
  ) {
    const { ccxt } = deps;
    const Ctor = ccxt[venue.exchange] as new (config: object) => CcxtExchange;
    // ccxt's own throttle stays on as a second guard; the schedule below already keeps inside it.
    this.ex = createClient(
      Ctor,
      venue.exchange,
      // The last body and its parse are kept to tell a body that is not JSON (ccxt passes it on as a string).
      { ...deps.credentials, enableRateLimit: true, timeout: deps.timeoutMs, enableLastHttpResponse: true, enableLastJsonResponse: true },
      deps,
    );
    // HTTP 429 and 418 mean rate limited whatever the venue (ccxt maps okx's 429 to ExchangeNotAvailable).
    this.ex.httpExceptions['429'] = ccxt.RateLimitExceeded;
    this.ex.httpExceptions['418'] = ccxt.DDoSProtection;
    if (venue.sandbox) this.ex.setSandboxMode(true);
    if (venue.requestIntervalMs !== undefined) this.ex.rateLimit = venue.requestIntervalMs;
    this.backoff = new Backoff(venue.pollIntervalMs, Math.max(venue.pollIntervalMs * 8, 1000));
    this.now = deps.now ?? Date.now;
  }

  /** The requests of one cycle, in order. */
  tasks(): PollTask[] {
    const { ex, venue, deps } = this;
    const has = ex.has;
    const out: PollTask[] = [];
    if (has.fetchTime) out.push({ method: 'fetchTime', kind: 'time', run: () => this.pollTime() });
    for (const symbol of venue.symbols) {
      out.push({
        method: 'fetchTicker',
        kind: 'ticker',
        run: async () => {
          const t = await ex.fetchTicker(symbol);
          if (typeof t.timestamp === 'number') deps.metrics.marketDataTime.child([venue.id, symbol]).value = t.timestamp / 1000;
          if (deps.onQuote && t.bid !== undefined && t.ask !== undefined) deps.onQuote(symbol, t.bid, t.ask, this.now());
        },
      });
      // 5 levels: a depth every venue accepts (binance only takes 5, 10, 20, ...).
      out.push({ method: 'fetchOrderBook', kind: 'book', run: async () => deps.book.update(venue.id, symbol, await ex.fetchOrderBook(symbol, 5), 'poll') });
    }
    if (deps.credentials.apiKey) {
      out.push({ method: 'fetchBalance', kind: 'balance', run: async () => deps.account.setBalance(venue.id, await ex.fetchBalance()) });
      if (has.fetchPositions === true)
        out.push({ method: 'fetchPositions', kind: 'positions', run: async () => deps.account.setPositions(venue.id, await ex.fetchPositions(), venue.symbols) });
      if (has.fetchOpenOrders === true) {
        // Venues that need a symbol per call (binance warns without one) are asked once per configured symbol.
        out.push({
          method: 'fetchOpenOrders',
          kind: 'orders',
          run: async () => {
            const perSymbol = ex.id === 'binance' || ex.options?.warnOnFetchOpenOrdersWithoutSymbol === true;
            const orders = perSymbol ? (await Promise.all(venue.symbols.map((s) => ex.fetchOpenOrders(s)))).flat() : await ex.fetchOpenOrders();
            deps.account.setOpenOrders(venue.id, orders, venue.symbols);
          },
        });
      }
    }
    out.push(...(deps.extraTasks?.(ex) ?? []));
    return out.filter((t) => !this.unsupported.has(t.method));
  }

  private notAnswerable(err: unknown): boolean {
    return ['ArgumentsRequired', 'NotSupported'].some((n) => {
      const C = this.deps.ccxt[n] as (abstract new (...a: never[]) => unknown) | undefined;
      return C !== undefined && err instanceof C;
    });
  }

  private async pollTime(): Promise<void> {
    const sent = this.now();
    const server = await this.ex.fetchTime();
    const received = this.now();
    if (typeof server === 'number' && Number.isFinite(server)) {
      this.deps.metrics.clockSkew.child([this.venue.id]).value = (server - (sent + received) / 2) / 1000;
    }
  }

  start(): void {
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
    await this.running?.catch(() => undefined);
  }

  private async loop(): Promise<void> {
    const offset = startOffsetMs(this.venue.id, Math.min(this.venue.pollIntervalMs, 5000));
    await this.pause(Math.max(offset, (this.deps.resumeAtMs ?? 0) - this.now()));
    while (!this.stopped) {
      const started = this.now();
      const outcome = await this.cycle().catch((err: unknown) => this.cycleFailed(err));
      if (this.stopped) break;
      let wait: number;
      if (outcome.ok) {
        this.backoff.reset();
        wait = Math.max(0, started + this.venue.pollIntervalMs - this.now());
      } else {
        wait = outcome.retryAfterMs ?? this.backoff.next();
      }
      this.deps.metrics.paused(this.venue.id, this.now() + (outcome.ok ? 0 : wait));
      await this.pause(wait);
    }
  }

  /**
   * A cycle that failed outside its requests (building the cycle, a bridge hook, a metric): logged at error
   * level, counted as method="poll", and backed off like a failed request; the loop goes on.
   */
  private cycleFailed(err: unknown): { ok: boolean; retryAfterMs?: number } {
    // Not a venue's answer (those are caught per request): error_class "other".
    const cls = 'other';
    this.deps.metrics.error(this.venue.id, 'poll', cls);
    this.deps.metrics.pollDone(this.venue.id, false, this.now());
    this.deps.logger.error({ venue: this.venue.id, error_class: cls, err: redactedError(err, this.deps.credentials) }, 'venue poll cycle failed: backing off');
    return { ok: false };
  }

  /** One poll of the venue: a trace (`exchange.poll`) with each ccxt request as a client span beneath it. */
  cycle(): Promise<{ ok: boolean; retryAfterMs?: number }> {
    return inSpan('exchange.poll', { 'vigil.exchange.venue': this.venue.id }, async (span) => {
      const outcome = await this.requests();
      span.setAttribute('vigil.exchange.ok', outcome.ok);
      return outcome;
    });
  }

  private async requests(): Promise<{ ok: boolean; retryAfterMs?: number }> {
    const { venue, deps, ex } = this;
    const tasks = this.tasks();
    const spacing = requestSpacingMs(venue.pollIntervalMs, tasks.length, ex.rateLimit);
    let ok = true;
    let fromHeaders = false;
    let retryAfter: number | undefined;
    for (let i = 0; i < tasks.length && !this.stopped; i++) {
      const task = tasks[i];
      const started = performance.now();
      const taskStart = this.now();
      try {
        ex.last_http_response = undefined;
        ex.last_json_response = undefined;
        await inSpan(
          `ccxt ${task.method}`,
          { 'vigil.exchange.venue': venue.id, 'vigil.exchange.method': task.method },
          async (span) => {
            try {
              await task.run(ex);
              if (typeof ex.last_http_response === 'string' && ex.last_http_response !== '' && ex.last_json_response === undefined) {
                throw new (deps.ccxt.BadResponse as new (m: string) => Error)(`${venue.id} ${task.method}: the venue answered with a body that is not JSON`);
              }
            } catch (err) {
              span.setAttribute('vigil.exchange.error_class', errorClass(err, deps.ccxt));
              throw err;
            }
          },
          SpanKind.CLIENT,
        );
        deps.metrics.request(venue.id, task.method, (performance.now() - started) / 1000);
        deps.metrics.fetched(venue.id, task.kind, this.now());
        const used = rateLimitUsed(ex.last_response_headers, deps.weightLimit);
        if (used !== undefined) {
          deps.metrics.rateLimitUsed.child([venue.id]).value = used;
          fromHeaders = true;
        }
      } catch (err) {
        if (this.notAnswerable(err)) {
          this.unsupported.add(task.method);
          deps.logger.info({ venue: venue.id, method: task.method, err: redactedError(err, deps.credentials) }, 'venue cannot answer this call as configured: not polling it');
          continue;
        }
        ok = false;
        const cls = errorClass(err, deps.ccxt);
        deps.metrics.request(venue.id, task.method, (performance.now() - started) / 1000, cls);
        if (RATE_LIMITED.has(cls)) retryAfter = retryAfterMs(ex.last_response_headers, this.now()) ?? this.backoff.next();
        deps.logger.warn(
          { venue: venue.id, method: task.method, error_class: cls, ...(retryAfter !== undefined ? { retry_after_seconds: retryAfter / 1000 } : {}), err: redactedError(err, deps.credentials) },
          retryAfter !== undefined ? 'venue is rate limiting: pausing its polls' : 'exchange request failed',
        );
        // Rate limited: every further request would make it worse (binance turns 429s into a 418 ban).
        if (retryAfter !== undefined) break;
      }
      if (i < tasks.length - 1) await this.pause(Math.max(0, taskStart + spacing - this.now()));
    }
    // No rate-limit header: the share of the venue's documented request rate (ccxt's rateLimit) this schedule uses.
    if (!fromHeaders && ex.rateLimit > 0) deps.metrics.rateLimitUsed.child([venue.id]).value = Math.min(1, ex.rateLimit / spacing);
    this.cycles++;
    deps.metrics.pollDone(venue.id, ok, this.now());
    return { ok, retryAfterMs: retryAfter };
  }

  /** Waits ms, or less when stop() is called. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped || ms <= 0) return resolve();
      this.timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(this.timer);
        resolve();
      };
    });
  }
}
