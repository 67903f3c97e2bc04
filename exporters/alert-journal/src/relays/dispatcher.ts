// Relays stored alert changes to the routes that match them, through a durable outbox: the jobs are written in
// the webhook's own transaction (cooldown decided there too), delivered after the webhook was answered, and
// jobs still pending after a crash or restart are delivered when the journal starts again. Per-route cooldown
// by alert name and severity, retries with exponential backoff, every attempt recorded. Each job runs on its
// own, so a channel that keeps failing never delays the webhook or another channel.
import { failSpan, inSpan } from '@vigil/exporter-kit';
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

interface RelayJob {
  id: number;
  occurrence_id: number;
  route: string;
  channel: Channel;
  target: string;
  message: string;
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

/** Deliveries under way at once per channel: a burst of alerts must not open hundreds of requests to one provider. */
export const CHANNEL_CONCURRENCY = 4;

/** A counting semaphore: at most `max` tasks run, the rest wait in arrival order. */
class Slots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((r) => this.waiting.push(r));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * What went wrong with one attempt, in words: fetch reports a target that never answers as "The operation was
 * aborted due to timeout" and one that refuses the connection as "fetch failed" (the reason in `cause`).
 */
export function deliveryError(err: unknown, channel: Channel, timeoutMs: number): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return new DeliveryError(`${channel} target did not answer within ${timeoutMs} ms (--relay.timeout)`);
  if (e?.message === 'fetch failed') return new DeliveryError(`${channel} target unreachable (${e.cause?.code ?? e.cause?.message ?? 'no reason given'})`);
  return new DeliveryError(`${channel}: ${e?.message ?? String(err)}`);
}

export class RelayDispatcher {
  private readonly inFlight = new Map<number, Promise<void>>();
  /**
   * The last delivery queued per (occurrence, route): the jobs of one alert to one target go out one after the
   * other in the order they were planned, so a RESOLVED never overtakes its FIRING (even while it is retried).
   */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly slots = new Map<string, Slots>();
  private readonly sleepers = new Set<() => void>();
  private closed = false;
  /** Routes whose latest attempt failed, with its error (cleared by the route's next success): /health. */
  private readonly failing = new Map<string, string>();
  /** Set when a webhook planned jobs, so webhooks without relays do not read the outbox. */
  private planned = true;

  constructor(
    private readonly routes: RelayRoute[],
    private readonly senders: Partial<Record<Channel, ChannelSender>>,
    private readonly store: JournalStore,
    private readonly metrics: JournalMetrics,
    private readonly logger: Logger,
    private readonly opts: DispatcherOptions,
  ) {
    // A savepoint inside the webhook transaction: if planning fails, its rows roll back and the alerts are
    // still stored; losing a relay is better than refusing the webhook forever.
    const planTx = store.db.transaction((result: IngestResult, now: number) => this.plan(result, now));
    store.inTransactionAfterIngest = (result, now) => {
      try {
        planTx(result, now);
      } catch (err) {
        this.logger.error({ err: (err as Error).message }, 'relay jobs could not be planned; the alerts are stored without relays');
      }
    };
  }

  /** Inside the webhook transaction: writes one job per matching route (after cooldown). */
  private plan(result: IngestResult, now: number): void {
    if (this.routes.length === 0) return;
    const insert = this.store.db.prepare(
      `INSERT INTO relay_jobs (occurrence_id, route, channel, target, message, status, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
    );
    for (const o of result.outcomes) {
      if (o.change === 'repeat') continue;
      for (const route of this.routes) {
        if (!routeMatches(route, o.alert.labels)) continue;
        if (o.change === 'resolved' && !route.sendResolved) continue;
        if (o.change === 'opened' && !this.takeCooldown(route, o, now)) {
          this.metrics.relaySuppressed.inc({ channel: route.channel });
          continue;
        }
        this.planned = true;
        insert.run(o.occurrenceId, route.name, route.channel, route.to, JSON.stringify(relayMessage(o, o.occurrenceId, this.opts.grafanaUrl)), now);
      }
    }
  }

  /** True (and the cooldown restarts) when the route may send for this alert name and severity now. */
  private takeCooldown(route: RelayRoute, o: AlertOutcome, now: number): boolean {
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

  /** Starts delivering every pending job not already on its way; returns at once. */
  kick(): void {
    if (this.closed || !this.planned) return;
    this.planned = false;
    let jobs: RelayJob[];
    try {
      jobs = this.store.db.prepare(`SELECT id, occurrence_id, route, channel, target, message FROM relay_jobs WHERE status = 'pending' ORDER BY id`).all() as RelayJob[];
    } catch (err) {
      this.logger.error({ err: (err as Error).message }, 'relay outbox could not be read');
      return;
    }
    for (const job of jobs) {
      if (this.inFlight.has(job.id)) continue;
      const key = `${job.occurrence_id}\u0000${job.route}`;
      let slots = this.slots.get(job.channel);
      if (!slots) this.slots.set(job.channel, (slots = new Slots(CHANNEL_CONCURRENCY)));
      const channel = slots;
      // Whatever became of the job before (delivered, given up), this one goes next.
      const before = (this.chains.get(key) ?? Promise.resolve()).catch(() => undefined);
      const p = before
        .then(() => channel.run(() => this.deliver(job)))
        .finally(() => {
          this.inFlight.delete(job.id);
          if (this.chains.get(key) === p) this.chains.delete(key);
        });
      this.chains.set(key, p);
      this.inFlight.set(job.id, p);
    }
  }

  private record(job: RelayJob, attempt: number, ok: boolean, statusCode: number | undefined, error: string | undefined): void {
    try {
      this.store.db
        .prepare('INSERT INTO relay_attempts (job_id, occurrence_id, route, channel, attempt, ok, status_code, error, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(job.id, job.occurrence_id, job.route, job.channel, attempt, ok ? 1 : 0, statusCode ?? null, error ?? null, Date.now());
    } catch (err) {
      this.logger.error({ err: (err as Error).message }, 'relay attempt could not be recorded');
    }
  }

  private finish(job: RelayJob, status: 'delivered' | 'failed'): void {
    try {
      this.store.db.prepare('UPDATE relay_jobs SET status = ?, finished_at = ? WHERE id = ?').run(status, Date.now(), job.id);
    } catch (err) {
      this.logger.error({ err: (err as Error).message }, 'relay job could not be closed');
    }
  }

  /**
   * One span per job (`relay.deliver`, a child of the webhook's trace when the webhook kicked it) and one per
   * attempt beneath it (`relay.attempt`), so a retried delivery shows each try, its answer and the backoff gaps.
   */
  private deliver(job: RelayJob): Promise<void> {
    const attrs = { 'vigil.relay.route': job.route, 'vigil.relay.channel': job.channel, 'vigil.relay.job_id': job.id, 'vigil.relay.occurrence_id': job.occurrence_id };
    return inSpan('relay.deliver', attrs, async (span) => {
      const outcome = await this.attempts(job);
      span.setAttribute('vigil.relay.outcome', outcome);
      if (outcome === 'failed') failSpan(span, new Error(`relay ${job.route} failed after its attempts`));
    });
  }

  private async attempts(job: RelayJob): Promise<'delivered' | 'failed' | 'pending'> {
    const sender = this.senders[job.channel];
    const message = JSON.parse(job.message) as RelayMessage;
    for (let attempt = 1; attempt <= this.opts.maxAttempts; attempt++) {
      try {
        const status = await inSpan('relay.attempt', { 'vigil.relay.attempt': attempt, 'vigil.relay.channel': job.channel }, async (span) => {
          if (!sender) throw new DeliveryError(`channel ${job.channel} is not configured`);
          try {
            const code = await sender.send(job.target, message, AbortSignal.timeout(this.opts.timeoutMs));
            span.setAttribute('http.response.status_code', code);
            return code;
          } catch (err) {
            const code = (err as DeliveryError).statusCode;
            if (code !== undefined) span.setAttribute('http.response.status_code', code);
            throw err;
          }
        });
        this.record(job, attempt, true, status, undefined);
        this.failing.delete(job.route);
        this.metrics.relayAttempts.inc({ channel: job.channel, outcome: 'success' });
        this.finish(job, 'delivered');
        return 'delivered';
      } catch (err) {
        const e = deliveryError(err, job.channel, this.opts.timeoutMs);
        this.record(job, attempt, false, e.statusCode, e.message);
        this.failing.set(job.route, e.message);
        this.metrics.relayAttempts.inc({ channel: job.channel, outcome: 'failure' });
        this.logger.warn({ route: job.route, channel: job.channel, attempt, err: e.message }, 'relay attempt failed');
        // A 4xx other than 429 will not get better by retrying.
        const permanent = e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500 && e.statusCode !== 429;
        if (permanent || attempt === this.opts.maxAttempts) break;
        // Shutting down: the job stays pending and is delivered after the restart.
        if (this.closed) return 'pending';
        await this.sleep(this.opts.backoffMs * 2 ** (attempt - 1));
        if (this.closed) return 'pending';
      }
    }
    this.finish(job, 'failed');
    this.metrics.relayFailures.inc({ channel: job.channel });
    return 'failed';
  }

  /** A backoff wait that close() cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** The routes whose latest attempt failed, each with its error, for the `relays` health check. */
  failingRoutes(): Array<{ route: string; error: string }> {
    return [...this.failing].map(([route, error]) => ({ route, error }));
  }

  /** Waits for deliveries in flight (bounded by their retries), for tests and shutdown. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight.values()]);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.sleepers]) wake();
    await this.idle();
  }
}
