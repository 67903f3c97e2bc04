// Sends the daily report by email (SMTP, HTML + text) and to Slack, on demand and once a day at a set UTC time.
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { PrometheusClient } from '../clients/prometheus.js';
import type { JournalMetrics } from '../metrics.js';
import type { JournalStore } from '../store/journal-store.js';
import { buildDailyReport, type DailyReport } from './daily-report.js';

export interface ReporterConfig {
  emailServer: string;
  emailFrom: string;
  emailTo: string[];
  slackWebhookUrl: string;
  /** HH:MM UTC, or '' for on demand only. */
  dailyTime: string;
}

export type SinkResult = 'sent' | 'not configured' | `failed: ${string}`;
export type Sink = 'email' | 'slack';
const SINKS: readonly Sink[] = ['email', 'slack'];

export class DailyReporter {
  private timer?: NodeJS.Timeout;
  /** The scheduled delivery under way, so a slow one is never overlapped by the next check. */
  private delivering?: Promise<void>;
  private skippedDate = '';

  constructor(
    private readonly store: JournalStore,
    private readonly prometheus: PrometheusClient,
    private readonly config: ReporterConfig,
    private readonly metrics: JournalMetrics,
    private readonly logger: Logger,
  ) {}

  build(date: string): Promise<DailyReport> {
    return buildDailyReport(this.store.db, this.prometheus, date);
  }

  /** Sends to every configured sink, or only to `only`; a sink left out answers 'not configured'. */
  async send(report: DailyReport, only?: ReadonlySet<Sink>): Promise<{ email: SinkResult; slack: SinkResult }> {
    const skip = (sink: Sink) => only !== undefined && !only.has(sink);
    const [email, slack] = await Promise.all([
      skip('email') ? ('not configured' as const) : this.sendEmail(report),
      skip('slack') ? ('not configured' as const) : this.sendSlack(report),
    ]);
    return { email, slack };
  }

  private configured(sink: Sink): boolean {
    return sink === 'email' ? Boolean(this.config.emailServer) && this.config.emailTo.length > 0 : Boolean(this.config.slackWebhookUrl);
  }

  /** Sinks that still owe today's report: configured, and no delivery recorded (a pre-1.x 'daily' row covers all). */
  private pending(today: string): Set<Sink> {
    const rows = this.store.db.prepare("SELECT kind FROM report_runs WHERE date = ? AND kind IN ('daily', 'daily:email', 'daily:slack')").all(today) as { kind: string }[];
    const done = new Set(rows.map((r) => r.kind));
    if (done.has('daily')) return new Set();
    return new Set(SINKS.filter((s) => this.configured(s) && !done.has(`daily:${s}`)));
  }

  /**
   * Builds yesterday's report and sends it to the sinks that still owe it; a delivery is recorded only after
   * its sink accepted it, so a failed one is retried on the next check and a sent one never goes out twice.
   */
  private async deliver(today: string, sinks: Set<Sink>, now: () => number): Promise<void> {
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    try {
      const sent = await this.send(await this.build(yesterday), sinks);
      const record = this.store.db.prepare('INSERT OR IGNORE INTO report_runs (kind, date, ran_at) VALUES (?, ?, ?)');
      const failed: string[] = [];
      for (const sink of sinks) {
        if (sent[sink] === 'sent') record.run(`daily:${sink}`, today, now());
        else failed.push(sink);
      }
      if (failed.length === 0) this.logger.info({ date: yesterday, ...sent }, 'daily report sent');
      else this.logger.warn({ date: yesterday, ...sent, retry: failed }, 'daily report not delivered everywhere; retrying at the next check');
    } catch (err) {
      this.logger.error({ err: (err as Error).message, date: yesterday }, 'daily report failed; retrying at the next check');
    }
  }

  private async sendEmail(r: DailyReport): Promise<SinkResult> {
    if (!this.config.emailServer || this.config.emailTo.length === 0) return 'not configured';
    try {
      const transport = nodemailer.createTransport(this.config.emailServer);
      await transport.sendMail({ from: this.config.emailFrom, to: this.config.emailTo, subject: r.subject, text: r.text, html: r.html });
      transport.close();
      this.metrics.reportsSent.inc({ sink: 'email', outcome: 'sent' });
      return 'sent';
    } catch (err) {
      this.metrics.reportsSent.inc({ sink: 'email', outcome: 'failed' });
      this.logger.warn({ err: (err as Error).message }, 'daily report email failed');
      return `failed: ${(err as Error).message}`;
    }
  }

  private async sendSlack(r: DailyReport): Promise<SinkResult> {
    if (!this.config.slackWebhookUrl) return 'not configured';
    try {
      const res = await fetch(this.config.slackWebhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: r.subject, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '```' + r.text.slice(0, 2900) + '```' } }] }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`Slack answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
      this.metrics.reportsSent.inc({ sink: 'slack', outcome: 'sent' });
      return 'sent';
    } catch (err) {
      this.metrics.reportsSent.inc({ sink: 'slack', outcome: 'failed' });
      // The webhook URL is a secret: log the error only.
      this.logger.warn({ err: (err as Error).message }, 'daily report to Slack failed');
      return `failed: ${(err as Error).message}`;
    }
  }

  /** Checks every `tickMs` whether the daily time has come; the report covers the previous UTC day. */
  startSchedule(tickMs = 30_000, now: () => number = Date.now): void {
    if (!this.config.dailyTime) return;
    const [hh, mm] = this.config.dailyTime.split(':').map(Number);
    const tick = () => {
      if (this.delivering) return;
      const d = new Date(now());
      const today = d.toISOString().slice(0, 10);
      const due = d.getUTCHours() > hh || (d.getUTCHours() === hh && d.getUTCMinutes() >= mm);
      if (!due) return;
      let sinks: Set<Sink>;
      try {
        sinks = this.pending(today);
      } catch (err) {
        this.logger.error({ err: (err as Error).message }, 'daily report deliveries could not be read');
        return;
      }
      if (sinks.size === 0) {
        if (this.skippedDate !== today) this.logger.info({ date: today }, 'daily report of the previous day already delivered');
        this.skippedDate = today;
        return;
      }
      this.delivering = this.deliver(today, sinks, now).finally(() => (this.delivering = undefined));
    };
    this.timer = setInterval(tick, tickMs);
    this.timer.unref();
    tick();
  }

  /** Waits for a scheduled delivery under way (at shutdown). */
  async idle(): Promise<void> {
    await this.delivering;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
