// Dead man's switch. Watchdog always fires, and Alertmanager sends it to the journal every minute (the
// Watchdog route in alertmanager.yml); its absence means Prometheus, Alertmanager or the path between them is
// broken. When no firing Watchdog has arrived for --watchdog.timeout, the journal posts VigilWatchdogMissing
// to Alertmanager's API (so routing, inhibition and silences apply as for any alert), re-posts it at every
// check while Watchdog stays away (Alertmanager resolves an alert not re-posted before its endsAt), and
// resolves it as soon as Watchdog is back. A broken Alertmanager cannot deliver it: an external heartbeat
// service receiving Watchdog covers that case (README).
import { Gauge, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { AlertmanagerClient } from './clients/alertmanager.js';
import type { WebhookAlert } from './webhook/payload.js';

export const MISSING_ALERT = 'VigilWatchdogMissing';
/** The always-firing heartbeat (provisioning's rules/watchdog.yml). */
export const HEARTBEAT_ALERT = 'Watchdog';

export interface WatchdogOptions {
  /** Silence after which the alert is raised; 0 turns the monitor off. */
  timeoutMs: number;
  checkIntervalMs: number;
  now?: () => number;
}

export class WatchdogMonitor {
  private readonly startedAt: number;
  private lastSeen?: number;
  /** The labels of the last firing heartbeat (what a silence must not match). */
  private heartbeatLabels?: Record<string, string>;
  private raisedAt?: number;
  private checking?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly lastSeenGauge: Gauge;
  private readonly missingGauge: Gauge;

  constructor(
    private readonly am: AlertmanagerClient,
    private readonly opts: WatchdogOptions,
    registry: Registry,
    namespace: string,
    private readonly logger: Logger,
  ) {
    this.now = opts.now ?? Date.now;
    this.startedAt = this.now();
    this.lastSeenGauge = new Gauge({ name: `${namespace}_watchdog_last_seen_timestamp_seconds`, help: 'When the last firing Watchdog notification arrived (0: none since start-up).', registers: [registry] });
    this.missingGauge = new Gauge({ name: `${namespace}_watchdog_missing`, help: `1 while no Watchdog has arrived for --watchdog.timeout and ${MISSING_ALERT} is raised.`, registers: [registry] });
  }

  /** Called with every stored notification's alerts. */
  observe(alerts: readonly WebhookAlert[]): void {
    const beat = alerts.find((a) => a.labels.alertname === HEARTBEAT_ALERT && a.status === 'firing');
    if (!beat) return;
    this.heartbeatLabels = { ...beat.labels };
    this.lastSeen = this.now();
    this.lastSeenGauge.set(this.lastSeen / 1000);
    // Resolve at once rather than at the next check.
    if (this.raisedAt !== undefined) void this.check();
  }

  /**
   * Whether a silence with these equality matchers would mute the heartbeat: it names it, or every pair is one of
   * the last heartbeat's labels. Silenced, the heartbeat stops reaching the journal, which then raises MISSING_ALERT.
   */
  mutedBy(matcher: Readonly<Record<string, string>>): boolean {
    if (matcher.alertname === HEARTBEAT_ALERT) return true;
    const labels = this.heartbeatLabels;
    return labels !== undefined && Object.entries(matcher).every(([k, v]) => labels[k] === v);
  }

  start(): void {
    if (this.opts.timeoutMs <= 0) return;
    this.timer = setInterval(() => void this.check(), this.opts.checkIntervalMs);
    this.timer.unref();
  }

  /** One check; never two at once. */
  check(): Promise<void> {
    this.checking ??= this.evaluate().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private alert(startsAt: number, endsAt: number, since: number | undefined) {
    const minutes = Math.round(this.opts.timeoutMs / 60_000);
    return {
      labels: { alertname: MISSING_ALERT, severity: 'critical', team: 'infrastructure', service: 'alert-journal' },
      annotations: {
        summary: 'The alerting pipeline heartbeat (Watchdog) stopped arriving.',
        description: `No firing Watchdog notification reached the alert journal for more than ${minutes >= 1 ? `${minutes} minutes` : `${this.opts.timeoutMs / 1000} seconds`}${since ? ` (last at ${new Date(since).toISOString()})` : ' since it started'}: Prometheus, its rule evaluation or the route to Alertmanager is broken, and other alerts may not fire.`,
        runbook_url: 'docs/runbooks.md#vigilwatchdogmissing',
      },
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
    };
  }

  private async evaluate(): Promise<void> {
    const now = this.now();
    const reference = this.lastSeen ?? this.startedAt;
    const missing = now - reference > this.opts.timeoutMs;
    try {
      if (missing) {
        const startsAt = this.raisedAt ?? reference + this.opts.timeoutMs;
        // Active until three checks from now: re-posted at each check while Watchdog stays away.
        await this.am.postAlerts([this.alert(startsAt, now + 3 * this.opts.checkIntervalMs, this.lastSeen)]);
        if (this.raisedAt === undefined) this.logger.error({ lastSeen: this.lastSeen, timeoutMs: this.opts.timeoutMs }, `no Watchdog notification: ${MISSING_ALERT} raised in Alertmanager`);
        this.raisedAt = startsAt;
        this.missingGauge.set(1);
      } else if (this.raisedAt !== undefined) {
        await this.am.postAlerts([this.alert(this.raisedAt, now, this.lastSeen)]);
        this.logger.info(`Watchdog is back: ${MISSING_ALERT} resolved`);
        this.raisedAt = undefined;
        this.missingGauge.set(0);
      }
    } catch (err) {
      // Alertmanager is down too: logged; the gauge still says what the journal knows, and the next check retries.
      if (missing) this.missingGauge.set(1);
      this.logger.error({ err: (err as Error).message }, `cannot reach Alertmanager to raise or resolve ${MISSING_ALERT}`);
    }
  }

  stop(): Promise<void> | undefined {
    clearInterval(this.timer);
    return this.checking;
  }
}
