// The venues being watched, each with its REST poller and its websocket streams. A reload (SIGHUP) is
// validated whole first (file, ids, credentials files): a bad file changes nothing. Then only the venues that
// were added, removed or changed are touched; every other venue keeps its poller, its streams and its figures.
import type { Logger } from '@vigil/exporter-kit';
import type { AccountMetrics } from './account-metrics.js';
import type { BookMetrics } from './book-metrics.js';
import type { CcxtModule, ClientPlacement } from './ccxt-client.js';
import type { ExchangeMetrics } from './exchange-metrics.js';
import { streamTargets, TickerStream } from './ticker-stream.js';
import { loadCredentials, type ExchangeCredentials } from './venues/credentials.js';
import { sameVenue, VenueConfigError, type VenueConfig } from './venues/venue-config.js';
import { VenuePoller, type PollTask, type CcxtExchange } from './venue-poller.js';
import type { Poller, PollerThreads } from './pollers/poller-threads.js';
import { redactedError } from './redact.js';
import type { WsMetrics } from './ws-metrics.js';

export interface VenueSetOptions extends ClientPlacement {
  ccxt: CcxtModule;
  timeoutMs: number;
  weightLimits: Record<string, number>;
  streamBackoffInitialMs: number;
  streamBackoffMaxMs: number;
  logger: Logger;
  metrics: ExchangeMetrics;
  book: BookMetrics;
  account: AccountMetrics;
  ws: WsMetrics;
  /** --pollers.threads above 0: venues are polled in these worker threads, except those the forwarding bridge
   * reads orders and trades of (its cursor and posts are on the main thread). */
  threads?: PollerThreads;
  /** The forwarding bridge's hooks per venue, when --forward.url is set. */
  forwarding?: {
    tasks: (venue: VenueConfig, ex: CcxtExchange) => PollTask[];
    quote: (venue: string, symbol: string, bid: number, ask: number, tsMs: number) => void;
  };
}

interface Unit {
  config: VenueConfig;
  poller: Poller;
  streams: TickerStream[];
}

export class VenueSet {
  private readonly units = new Map<string, Unit>();

  constructor(private readonly opts: VenueSetOptions) {}

  get venues(): VenueConfig[] {
    return [...this.units.values()].map((u) => u.config);
  }

  get pollers(): Poller[] {
    return [...this.units.values()].map((u) => u.poller);
  }

  /** Builds (without starting) the unit of a venue; throws a VenueConfigError naming the venue and field. */
  private build(config: VenueConfig): Unit {
    const o = this.opts;
    const credentials: ExchangeCredentials = config.credentialsFile ? loadCredentials(config.credentialsFile, config.id) : {};
    if (!o.ccxt.exchanges.includes(config.exchange)) {
      const field = config.exchange === config.id ? 'id' : 'exchange';
      throw new VenueConfigError(`venue ${config.id}: field ${field}: not a ccxt exchange id (such as binance, okx, bybit, kraken, coinbase)`);
    }
    const fwd = o.forwarding;
    const forwardsHistory = fwd !== undefined && credentials.apiKey !== undefined;
    // Built here in both modes: what its constructor refuses (a market list that does not parse, ...) is refused
    // at start and on reload, before any venue changes. A worker builds its own from the same inputs.
    let local: VenuePoller;
    try {
      local = new VenuePoller(config, {
        ...o,
        credentials,
        weightLimit: o.weightLimits[config.id] ?? o.weightLimits[config.exchange],
        extraTasks: forwardsHistory ? (ex) => fwd.tasks(config, ex) : undefined,
        onQuote: fwd ? (symbol, bid, ask, ts) => fwd.quote(config.id, symbol, bid, ask, ts) : undefined,
      });
    } catch (err) {
      const field = err instanceof SyntaxError && o.marketsDir ? `markets file ${o.marketsDir}/${config.exchange}.json (--exchange.markets-dir)` : 'exchange';
      throw new VenueConfigError(`venue ${config.id}: ${field}: cannot set up its ccxt client: ${redactedError(err, credentials)}`);
    }
    const poller = o.threads && !forwardsHistory ? o.threads.poller(config, credentials) : local;
    const { targets, skipped } = streamTargets(o.ccxt, config);
    for (const s of skipped) o.logger.warn({ target: s.target, reason: s.reason }, 'not streaming this venue');
    const streams = targets.map(
      (t) =>
        new TickerStream(o.ccxt, t, {
          ...o,
          credentials,
          backoffInitialMs: o.streamBackoffInitialMs,
          backoffMaxMs: o.streamBackoffMaxMs,
          metrics: o.ws,
          exchangeMetrics: o.metrics,
          onQuote: fwd ? (symbol, bid, ask, ts) => fwd.quote(config.id, symbol, bid, ask, ts) : undefined,
        }),
    );
    return { config, poller, streams };
  }

  /** Applies a new list of venues; returns what changed. Throws (changing nothing) when any venue is invalid. */
  async apply(configs: readonly VenueConfig[]): Promise<{ added: string[]; removed: string[]; changed: string[]; kept: string[] }> {
    const next = new Map(configs.map((c) => [c.id, c]));
    const built = new Map<string, Unit>();
    for (const c of configs) {
      const old = this.units.get(c.id);
      if (!old || !sameVenue(old.config, c)) built.set(c.id, this.build(c));
    }
    const result = { added: [] as string[], removed: [] as string[], changed: [] as string[], kept: [] as string[] };
    for (const [id, unit] of this.units) {
      if (next.has(id) && !built.has(id)) {
        result.kept.push(id);
        continue;
      }
      await this.stopUnit(unit);
      this.units.delete(id);
      this.removeFigures(id);
      (next.has(id) ? result.changed : result.removed).push(id);
    }
    for (const [id, unit] of built) {
      if (!result.changed.includes(id)) result.added.push(id);
      this.units.set(id, unit);
      unit.poller.start();
      for (const s of unit.streams) s.start();
    }
    return result;
  }

  private removeFigures(id: string): void {
    this.opts.metrics.removeVenue(id);
    this.opts.book.removeVenue(id);
    this.opts.account.removeVenue(id);
    this.opts.ws.removeVenue(id);
  }

  private async stopUnit(u: Unit): Promise<void> {
    await Promise.all([u.poller.stop(), ...u.streams.map((s) => s.stop())]);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.units.values()].map((u) => this.stopUnit(u)));
  }
}
