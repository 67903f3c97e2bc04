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

export class DailyReporter {
  private timer?: NodeJS.Timeout;

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

  async send(report: DailyReport): Promise<{ email: SinkResult; slack: SinkResult }> {
    const [email, slack] = await Promise.all([this.sendEmail(report), this.sendSlack(report)]);
    return { email, slack };
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
      const d = new Date(now());
      const today = d.toISOString().slice(0, 10);
      const due = d.getUTCHours() > hh || (d.getUTCHours() === hh && d.getUTCMinutes() >= mm);
      if (!due) return;
      // Claimed in the database first, so a restart after the daily time does not send the report twice.
      let claimed = 0;
      try {
        claimed = this.store.db.prepare("INSERT OR IGNORE INTO report_runs (kind, date, ran_at) VALUES ('daily', ?, ?)").run(today, now()).changes;
      } catch (err) {
        this.logger.error({ err: (err as Error).message }, 'daily report schedule could not be recorded');
      }
      if (!claimed) return;
      const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      this.build(yesterday)
        .then((r) => this.send(r))
        .then((sent) => this.logger.info({ date: yesterday, ...sent }, 'daily report sent'))
        .catch((err: Error) => this.logger.error({ err: err.message }, 'daily report failed'));
    };
    this.timer = setInterval(tick, tickMs);
    this.timer.unref();
    tick();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
