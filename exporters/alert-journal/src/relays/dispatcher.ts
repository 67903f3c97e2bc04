// Relays stored alert changes to the routes that match them: per-route cooldown by alert name and severity,
// retries with exponential backoff, every attempt recorded. Each delivery runs on its own, after the webhook
// was answered, so a channel that keeps failing never delays the webhook or another channel.
import type { Logger } from 'pino';
import type { JournalMetrics } from '../metrics.js';
import type { AlertOutcome, IngestResult, JournalStore } from '../store/journal-store.js';
import { DeliveryError, type ChannelSender, type RelayMessage } from './channels.js';
import { routeMatches, type Channel, type RelayRoute } from './routing.js';

export interface DispatcherOptions {
  maxAttempts: number;
  backoffMs: number;
  timeoutMs: number;
  grafanaUrl?: string;
}

export function relayMessage(o: AlertOutcome, occurrenceId: number, grafanaUrl?: string): RelayMessage {
  const a = o.alert;
  const status = o.change === 'resolved' ? 'RESOLVED' : 'FIRING';
  const what = [a.labels.severity, a.labels.service ?? a.labels.job, a.labels.venue].filter(Boolean).join(' ');
  const desc = a.annotations.summary ?? a.annotations.description ?? '';
  const lasted = o.change === 'resolved' && a.endsAt ? ` after ${Math.round((a.endsAt - a.startsAt) / 60_000)}m` : '';
  const text = `[${status}] ${a.labels.alertname}${what ? ` (${what})` : ''}${lasted}${desc ? `: ${desc}` : ''}${grafanaUrl ? `\n${grafanaUrl}` : ''}`;
  return {
    text,
    payload: {
      version: '1',
      status: o.change === 'resolved' ? 'resolved' : 'firing',
      occurrence_id: occurrenceId,
      fingerprint: a.fingerprint,
      labels: a.labels,
      annotations: a.annotations,
      starts_at: new Date(a.startsAt).toISOString(),
      ends_at: o.change === 'resolved' && a.endsAt ? new Date(a.endsAt).toISOString() : null,
    },
  };
}

export class RelayDispatcher {
  private readonly pending = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly routes: RelayRoute[],
    private readonly senders: Partial<Record<Channel, ChannelSender>>,
    private readonly store: JournalStore,
    private readonly metrics: JournalMetrics,
    private readonly logger: Logger,
    private readonly opts: DispatcherOptions,
  ) {}

  /** Starts deliveries for a stored webhook and returns at once. */
  dispatch(result: IngestResult): void {
    if (this.routes.length === 0 || this.closed) return;
    for (const o of result.outcomes) {
      if (o.change === 'repeat') continue;
      for (const route of this.routes) {
        if (!routeMatches(route, o.alert.labels)) continue;
        if (o.change === 'resolved' && !route.sendResolved) continue;
        if (o.change === 'opened' && !this.takeCooldown(route, o)) {
          this.metrics.relaySuppressed.inc({ channel: route.channel });
          continue;
        }
        const p = this.deliver(route, o).finally(() => this.pending.delete(p));
        this.pending.add(p);
      }
    }
  }

  /** True (and the cooldown restarts) when the route may send for this alert name and severity now. */
  private takeCooldown(route: RelayRoute, o: AlertOutcome, now = Date.now()): boolean {
    const alertname = o.alert.labels.alertname ?? '';
    const severity = o.alert.labels.severity ?? '';
    const row = this.store.db
      .prepare('SELECT last_sent_at FROM relay_cooldowns WHERE route = ? AND alertname = ? AND severity = ?')
      .get(route.name, alertname, severity) as { last_sent_at: number } | undefined;
    if (row && now - row.last_sent_at < route.cooldownMs) return false;
    this.store.db
      .prepare('INSERT INTO relay_cooldowns (route, alertname, severity, last_sent_at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET last_sent_at = excluded.last_sent_at')
      .run(route.name, alertname, severity, now);
    return true;
  }

  private record(occurrenceId: number, route: RelayRoute, attempt: number, ok: boolean, statusCode: number | undefined, error: string | undefined): void {
    try {
      this.store.db
        .prepare('INSERT INTO relay_attempts (occurrence_id, route, channel, attempt, ok, status_code, error, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(occurrenceId, route.name, route.channel, attempt, ok ? 1 : 0, statusCode ?? null, error ?? null, Date.now());
    } catch (err) {
      this.logger.error({ err: (err as Error).message }, 'relay attempt could not be recorded');
    }
  }

  private async deliver(route: RelayRoute, o: AlertOutcome): Promise<void> {
    const sender = this.senders[route.channel];
    const message = relayMessage(o, o.occurrenceId, this.opts.grafanaUrl);
    for (let attempt = 1; attempt <= this.opts.maxAttempts; attempt++) {
      try {
        if (!sender) throw new DeliveryError(`channel ${route.channel} is not configured`);
        const status = await sender.send(route.to, message, AbortSignal.timeout(this.opts.timeoutMs));
        this.record(o.occurrenceId, route, attempt, true, status, undefined);
        this.metrics.relayAttempts.inc({ channel: route.channel, outcome: 'success' });
        return;
      } catch (err) {
        const e = err as DeliveryError;
        this.record(o.occurrenceId, route, attempt, false, e.statusCode, e.message);
        this.metrics.relayAttempts.inc({ channel: route.channel, outcome: 'failure' });
        this.logger.warn({ route: route.name, channel: route.channel, attempt, err: e.message }, 'relay attempt failed');
        // A 4xx other than 429 will not get better by retrying.
        const permanent = e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500 && e.statusCode !== 429;
        if (permanent || attempt === this.opts.maxAttempts || this.closed) break;
        await new Promise((r) => setTimeout(r, this.opts.backoffMs * 2 ** (attempt - 1)));
      }
    }
    this.metrics.relayFailures.inc({ channel: route.channel });
  }

  /** Waits for deliveries in flight (bounded by their retries), for tests and shutdown. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }
}
