// The live alert pipeline: a breachable metrics target → real Prometheus (Vigil's config and rules) → real
// Alertmanager (Vigil's routing) → a local webhook receiver in the alert journal's place.
// Used by provisioning/test/alert-pipeline.test.ts and bench/src/alert-pipeline.bench.ts.
import { createServer, type Server as HttpServer } from 'node:http';

import { startAlertmanager, type RunningAlertmanager } from './alertmanager.js';
import { JOURNAL_WEBHOOK_TEST_TOKEN, loopbackAlertmanagerConfig, loopbackPrometheusConfig } from './loopback-configs.js';
import { startPrometheus, type RunningPrometheus } from './prometheus.js';
import { waitFor } from './wait.js';

export interface WebhookAlert {
  status: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
export interface WebhookPayload {
  receiver: string;
  status: string;
  alerts: WebhookAlert[];
  groupLabels: Record<string, string>;
  /** When the receiver got it (performance.now()). */
  receivedAt: number;
}

export interface PipelineTimings {
  scrapeInterval: string;
  evaluationInterval: string;
  groupWait: string;
  groupInterval: string;
  repeatInterval: string;
}

export interface Pipeline {
  prometheus: RunningPrometheus;
  alertmanager: RunningAlertmanager;
  webhookUrl: string;
  payloads: WebhookPayload[];
  /** Makes the target report one more failed backtest job of `strategy`; returns performance.now() at the breach. */
  breach(strategy?: string): number;
  /** Resolves with the first payload received after `since` holding a firing `alertname` (with `labels`, if given). */
  waitForAlert(
    alertname: string,
    since: number,
    timeoutMs: number,
    labels?: Record<string, string>,
  ): Promise<WebhookPayload>;
  stop(): Promise<void>;
}

function listen(server: HttpServer): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    }),
  );
}

/** `strategies`: the strategies whose failed-job counters the target exposes (at 0 until breached). */
export async function startPipeline(
  timings: PipelineTimings,
  strategies: readonly string[] = ['momentum'],
): Promise<Pipeline> {
  const started: { stop(): Promise<void> }[] = [];
  const closeHttp = (s: HttpServer) => ({ stop: () => new Promise<void>((r) => s.close(() => r())) });
  try {
    // The trading exporter stand-in: a failed-jobs counter that breach() increments (TradingJobFailed).
    const failedJobs = new Map(strategies.map((s) => [s, 0]));
    const target = createServer((req, res) => {
      res.setHeader('content-type', 'text/plain; version=0.0.4');
      res.end(
        '# HELP trading_jobs_completed_total Backtest jobs finished, by outcome.\n' +
          '# TYPE trading_jobs_completed_total counter\n' +
          [...failedJobs]
            .map(
              ([s, n]) =>
                `trading_jobs_completed_total{kind="backtest",strategy="${s}",outcome="failed"} ${n}\n` +
                `trading_jobs_completed_total{kind="backtest",strategy="${s}",outcome="succeeded"} 3\n`,
            )
            .join(''),
      );
    });
    const targetPort = await listen(target);
    started.push(closeHttp(target));

    const payloads: WebhookPayload[] = [];
    const webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        // As the journal does: alertmanager.yml's journal webhook must carry the bearer token.
        if (req.headers.authorization !== `Bearer ${JOURNAL_WEBHOOK_TEST_TOKEN}`) {
          res.statusCode = 401;
          res.end('missing or wrong bearer token');
          return;
        }
        try {
          payloads.push({
            ...(JSON.parse(body) as Omit<WebhookPayload, 'receivedAt'>),
            receivedAt: performance.now(),
          });
          res.end('ok');
        } catch {
          res.statusCode = 400;
          res.end('bad json');
        }
      });
    });
    const webhookPort = await listen(webhook);
    started.push(closeHttp(webhook));

    const alertmanager = await startAlertmanager({
      config: loopbackAlertmanagerConfig({
        journalPort: webhookPort,
        timings: {
          groupWait: timings.groupWait,
          groupInterval: timings.groupInterval,
          repeatInterval: timings.repeatInterval,
        },
      }),
    });
    started.push(alertmanager);

    const prometheus = await startPrometheus({
      config: loopbackPrometheusConfig({
        targets: { trading: `127.0.0.1:${targetPort}` },
        alertmanager: `127.0.0.1:${alertmanager.port}`,
        scrapeInterval: timings.scrapeInterval,
        evaluationInterval: timings.evaluationInterval,
      }),
      // Alerts that fire before the notifier has discovered Alertmanager are only re-sent after this delay
      // (1m by default), so keep it at the evaluation interval here.
      args: [`--rules.alert.resend-delay=${timings.evaluationInterval}`],
    });
    started.push(prometheus);

    return {
      prometheus,
      alertmanager,
      webhookUrl: `http://127.0.0.1:${webhookPort}/v1/alertmanager`,
      payloads,
      breach(strategy = strategies[0]!) {
        const n = failedJobs.get(strategy);
        if (n === undefined) throw new Error(`the target does not expose strategy ${strategy}`);
        failedJobs.set(strategy, n + 1);
        return performance.now();
      },
      waitForAlert: (alertname, since, timeoutMs, labels = {}) =>
        waitFor(
          async () =>
            payloads.find(
              (p) =>
                p.receivedAt >= since &&
                p.alerts.some(
                  (a) =>
                    a.status === 'firing' &&
                    a.labels.alertname === alertname &&
                    Object.entries(labels).every(([k, v]) => a.labels[k] === v),
                ),
            ),
          { what: `a firing ${alertname} at the webhook`, timeoutMs: timeoutMs, intervalMs: 20 },
        ),
      async stop() {
        for (const s of started.reverse()) await s.stop();
      },
    };
  } catch (e) {
    for (const s of started.reverse()) await s.stop();
    throw e;
  }
}

/** Prometheus/Alertmanager duration strings used here ("1s", "500ms") in milliseconds. */
export function durationMs(d: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(d);
  if (!m) throw new Error(`unsupported duration ${d}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[m[2] as 'ms' | 's' | 'm'];
}
