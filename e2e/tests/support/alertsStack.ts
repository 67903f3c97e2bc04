// The alerts app's shared set-up, started once for tests/alerts-app.spec.ts: the trading exporter fed by the market
// simulator with a slippage-spike incident, a real Prometheus scraping it with Vigil's trading recording rules and
// its HighAdverseSlippage alert, a real Alertmanager 0.25 sending to the alert journal and to a control webhook,
// the journal, and the plugin host with the app provisioned the way Grafana is (journal key in secureJsonData).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { buildExporter } from '@vigil/exporter-kit';
import { hostOptions } from '@vigil/plugin-host';
import {
  freePort,
  packageBin,
  repoRoot,
  startAlertmanager,
  startExporterProcess,
  startPrometheus,
  tempDir,
  type RunningAlertmanager,
  type RunningExporter,
  type RunningPrometheus,
} from '@vigil/test-support';
import { parse, stringify } from 'yaml';

export interface WebhookPayload {
  status: string;
  alerts: { status: string; labels: Record<string, string> }[];
}

export interface AlertsStack {
  prometheus: RunningPrometheus;
  alertmanager: RunningAlertmanager;
  journal: RunningExporter;
  journalKey: string;
  hostUrl: string;
  /** What the control webhook received (every Alertmanager notification, next to the journal's). */
  control: WebhookPayload[];
  stopJournal(): Promise<void>;
  stop(): Promise<void>;
}

const RULES = join(repoRoot(), 'provisioning', 'prometheus', 'rules');

interface RuleGroup {
  name: string;
  interval?: string;
  rules: { alert?: string; record?: string; for?: string }[];
}

/**
 * Vigil's trading recording rules unchanged, and its HighAdverseSlippage alert with `for: 0s` and a 1 s
 * evaluation: the expression is the provisioned one, only the 5-minute hold is dropped so the incident fires in
 * seconds rather than minutes.
 */
function tradingRules(): string {
  const recording = parse(readFileSync(join(RULES, 'trading-recording.yml'), 'utf8')) as { groups: RuleGroup[] };
  const alerts = parse(readFileSync(join(RULES, 'trading-alerts.yml'), 'utf8')) as { groups: RuleGroup[] };
  const slippage = alerts.groups.flatMap((g) => g.rules).filter((r) => r.alert === 'HighAdverseSlippage');
  if (slippage.length !== 1) throw new Error('trading-alerts.yml: expected one HighAdverseSlippage alert');
  return stringify({
    groups: [
      ...recording.groups.map((g) => ({ ...g, interval: '1s' })),
      { name: 'e2e-trading-alerts', interval: '1s', rules: slippage.map((r) => ({ ...r, for: '0s' })) },
    ],
  });
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)),
  );
}

export async function startAlertsStack(): Promise<AlertsStack> {
  const dir = { path: tempDir('vigil-alerts-e2e-') };
  const stops: (() => Promise<unknown> | void)[] = [() => rmSync(dir.path, { recursive: true, force: true })];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    const control: WebhookPayload[] = [];
    const webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        control.push(JSON.parse(body) as WebhookPayload);
        res.end('ok');
      });
    });
    const controlUrl = await listen(webhook);
    stops.push(() => new Promise<void>((r) => webhook.close(() => r())));

    const trading = await startExporterProcess(['node', packageBin('@vigil/trading-exporter', 'vigil-trading-exporter')], ['--log.level=warn']);
    stops.push(() => trading.stop());
    const sim: ChildProcess = spawn(
      process.execPath,
      [packageBin('@vigil/trading-exporter', 'vigil-trading-sim'), `--target.url=${trading.url}`, '--sim.seed=7', '--incident=slippage-spike@0s', '--log.level=warn'],
      { stdio: 'ignore' },
    );
    stops.push(() => void sim.kill('SIGTERM'));

    const amPort = await freePort();
    const journalKey = 'e2e-journal-key';
    writeFileSync(join(dir.path, 'journal-key'), `${journalKey}\n`);
    const journal = await startExporterProcess(
      ['node', packageBin('@vigil/alert-journal', 'vigil-alert-journal')],
      [
        `--storage.path=${join(dir.path, 'journal.db')}`,
        `--api-key.file=${join(dir.path, 'journal-key')}`,
        `--alertmanager.url=http://127.0.0.1:${amPort}`,
        '--alertmanager.sync-interval=1s',
        '--log.level=warn',
      ],
    );
    let journalUp = true;
    const stopJournal = async () => {
      if (journalUp) await journal.stop();
      journalUp = false;
    };
    stops.push(stopJournal);

    const alertmanager = await startAlertmanager({
      port: amPort,
      config: stringify({
        route: { receiver: 'journal-and-control', group_by: ['alertname', 'venue', 'symbol'], group_wait: '0s', group_interval: '1s', repeat_interval: '1h' },
        receivers: [
          {
            name: 'journal-and-control',
            webhook_configs: [
              { url: `${journal.url}/v1/alertmanager`, send_resolved: true, max_alerts: 0 },
              { url: `${controlUrl}/`, send_resolved: true, max_alerts: 0 },
            ],
          },
        ],
      }),
    });
    stops.push(() => alertmanager.stop());

    const prometheus = await startPrometheus({
      files: { 'trading.rules.yml': tradingRules() },
      config: {
        global: { scrape_interval: '1s', evaluation_interval: '1s' },
        rule_files: ['trading.rules.yml'],
        alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }] },
        scrape_configs: [{ job_name: 'trading', static_configs: [{ targets: [new URL(trading.url).host] }] }],
      },
    });
    stops.push(() => prometheus.stop());

    // The app's settings in Grafana's provisioning format, the key through $__file{} as compose does.
    writeFileSync(
      join(dir.path, 'apps.yaml'),
      stringify({
        apiVersion: 1,
        apps: [
          {
            type: 'vigil-alerts-app',
            jsonData: { journalUrl: journal.url, prometheusUrl: prometheus.url, alertmanagers: [{ name: 'local', url: alertmanager.url }] },
            secureJsonData: { journalApiKey: `$__file{${join(dir.path, 'journal-key')}}` },
          },
        ],
      }),
    );
    const { exporter: host } = await buildExporter(
      hostOptions,
      ['--web.listen-address=127.0.0.1:0', `--provisioning.plugins=${join(dir.path, 'apps.yaml')}`, '--user.role=Editor', '--proxy.timeout=5', '--log.level=error'],
      {},
    );
    const { url: hostUrl } = await host.start();
    stops.push(() => host.shutdown('test done'));

    return { prometheus, alertmanager, journal, journalKey, hostUrl, control, stopJournal, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
