// Wires the journal into the exporter kit: flags, store, webhook, REST API, checks, relays, schedules.
import { readFileSync } from 'node:fs';
import { FlagError, buildExporter, guardWritingEndpoint, readSecretFile, type CheckResult, type Exporter, type FlagValues, type MetricFamily, type RunExporterOptions } from '@vigil/exporter-kit';
import { apiRouter } from './api/api-router.js';
import { AuthLimit } from './auth-limit.js';
import { loadApiKey } from './api-key.js';
import { AlertmanagerClient } from './clients/alertmanager.js';
import { PrometheusClient } from './clients/prometheus.js';
import { JOURNAL_FLAGS, applyPortEnv, str } from './config.js';
import { createMetrics, type JournalMetrics } from './metrics.js';
import { SignedWebhook, TelegramBot, TwilioSms, type ChannelSender } from './relays/channels.js';
import { RelayDispatcher } from './relays/dispatcher.js';
import { RoutingError, loadRoutes, type Channel, type RelayRoute } from './relays/routing.js';
import { DailyReporter } from './reports/daily-reporter.js';
import { WatchdogMonitor } from './watchdog-monitor.js';
import { syncMutedResolutions } from './resolution-sync.js';
import { JournalStore } from './store/journal-store.js';
import { webhookRouter } from './webhook/webhook-route.js';

export const NAMESPACE = 'vigil_alert_journal';
export const LISTEN_ENV = 'VIGIL_ALERT_JOURNAL_WEB_LISTEN_ADDRESS';

function packageVersion(): string {
  // src/app.ts runs from src/ (tsx) or dist/src/ (built): the package.json is one or two levels up.
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@vigil/alert-journal' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

/** The parts of a running journal tests and the benchmark reach into. */
export interface Journal {
  store: JournalStore;
  metrics: JournalMetrics;
  dispatcher: RelayDispatcher;
  reporter: DailyReporter;
  alertmanager: AlertmanagerClient;
  apiKey: string;
}

const KNOWN_SEVERITIES = ['critical', 'warning', 'info'];

function senders(flags: FlagValues, routes: RelayRoute[]): Partial<Record<Channel, ChannelSender>> {
  const used = new Set(routes.map((r) => r.channel));
  const out: Partial<Record<Channel, ChannelSender>> = {};
  const need = (flag: string) => {
    const v = str(flags, flag);
    if (!v) throw new FlagError(`--${flag} is required by a relay route in --relay.routes-file`, flag);
    return v;
  };
  if (used.has('sms')) {
    out.sms = new TwilioSms(
      str(flags, 'relay.twilio.url'),
      readSecretFile('relay.twilio.account-sid-file', need('relay.twilio.account-sid-file')),
      readSecretFile('relay.twilio.auth-token-file', need('relay.twilio.auth-token-file')),
      need('relay.twilio.from'),
    );
  }
  if (used.has('telegram')) out.telegram = new TelegramBot(str(flags, 'relay.telegram.url'), readSecretFile('relay.telegram.token-file', need('relay.telegram.token-file')));
  if (used.has('webhook')) out.webhook = new SignedWebhook(readSecretFile('relay.webhook.secret-file', need('relay.webhook.secret-file')));
  return out;
}

async function setup(exporter: Exporter, flags: FlagValues, onBuilt?: (j: Journal) => void): Promise<void> {
  const apiKey = loadApiKey(str(flags, 'api-key'), str(flags, 'api-key.file'), Boolean(flags['api-key.generate-if-missing']));
  const basicUser = str(flags, 'webhook.basic-auth-user');
  const bearerFile = str(flags, 'webhook.bearer-token-file');
  if (basicUser && !str(flags, 'webhook.basic-auth-password-file')) {
    throw new FlagError('--webhook.basic-auth-user needs --webhook.basic-auth-password-file (env WEBHOOK_BASIC_AUTH_PASSWORD_FILE)', 'webhook.basic-auth-password-file');
  }
  const credentials = {
    bearerToken: bearerFile ? readSecretFile('webhook.bearer-token-file', bearerFile) : undefined,
    basicUser: basicUser || undefined,
    basicPassword: basicUser ? readSecretFile('webhook.basic-auth-password-file', str(flags, 'webhook.basic-auth-password-file')) : undefined,
  };
  guardWritingEndpoint(exporter, flags, {
    what: 'the Alertmanager webhook (POST /v1/alertmanager)',
    authenticated: credentials.bearerToken !== undefined || credentials.basicUser !== undefined,
    credentialFlag: '--webhook.bearer-token-file or --webhook.basic-auth-user',
    allowFlag: 'webhook.allow-unauthenticated',
  });
  let routes: RelayRoute[] = [];
  const routesFile = str(flags, 'relay.routes-file');
  if (routesFile) {
    try {
      routes = loadRoutes(routesFile);
    } catch (err) {
      if (err instanceof RoutingError) throw new FlagError(err.message, 'relay.routes-file');
      throw err;
    }
  }
  const channelSenders = senders(flags, routes);

  const storagePath = str(flags, 'storage.path');
  let store: JournalStore;
  try {
    store = new JournalStore(storagePath);
  } catch (err) {
    throw new FlagError(`--storage.path (env STORAGE_PATH): cannot open ${storagePath}: ${(err as Error).message}`, 'storage.path');
  }
  exporter.onClose(() => store.close());

  const metrics = createMetrics(NAMESPACE, exporter.registry);
  const logger = exporter.logger;
  for (const upstream of ['prometheus', 'alertmanager']) metrics.upstreamErrors.inc({ upstream }, 0);
  const alertmanager = new AlertmanagerClient(str(flags, 'alertmanager.url'), undefined, (err) => metrics.upstreamErrors.inc({ upstream: err.upstream }));
  const prometheus = new PrometheusClient(str(flags, 'prometheus.url'), undefined, (err) => metrics.upstreamErrors.inc({ upstream: err.upstream }));
  const reporter = new DailyReporter(
    store,
    prometheus,
    {
      emailServer: str(flags, 'email.server'),
      emailFrom: str(flags, 'email.from'),
      emailTo: flags['report.email-to'] as string[],
      slackWebhookUrl: str(flags, 'slack.webhook-url'),
      dailyTime: str(flags, 'report.daily-time'),
    },
    metrics,
    logger,
  );
  const dispatcher = new RelayDispatcher(routes, channelSenders, store, metrics, logger, {
    maxAttempts: Number(flags['relay.max-attempts']),
    backoffMs: Number(flags['relay.retry-backoff']),
    timeoutMs: Number(flags['relay.timeout']),
    grafanaUrl: str(flags, 'grafana.url') || undefined,
  });
  exporter.onClose(() => dispatcher.close());
  // A relay route whose latest attempt failed (down, hanging, refusing) degrades the journal until it delivers again.
  if (routes.length > 0) {
    exporter.addCheck(
      'relays',
      () => {
        const failing = dispatcher.failingRoutes();
        return failing.length ? { status: 'degraded', message: failing.map((f) => `${f.route}: ${f.error}`).join('; ') } : { status: 'healthy', routes: routes.length };
      },
      { critical: false },
    );
  }

  const watchdog = new WatchdogMonitor(
    alertmanager,
    { timeoutMs: Number(flags['watchdog.timeout']), checkIntervalMs: Number(flags['watchdog.check-interval']) },
    exporter.registry,
    NAMESPACE,
    logger,
  );
  watchdog.start();
  exporter.onClose(() => watchdog.stop());
  const maxAuthFailures = Number(flags['auth.max-failures']);
  exporter.app.use(webhookRouter({ store, metrics, logger, credentials, authLimit: new AuthLimit(maxAuthFailures), onWrite: (error) => (writeError = error), onStored: () => dispatcher.kick(), onAlerts: (alerts) => watchdog.observe(alerts), http: exporter }));
  exporter.app.use(apiRouter({ store, metrics, logger, alertmanager, prometheus, reporter, version: exporter.options.version, authLimit: new AuthLimit(maxAuthFailures), watchdog, http: exporter }, apiKey));

  // A store that reads but cannot write (disk full, read-only) cannot keep history: unhealthy until a write works.
  let writeError: string | undefined;
  exporter.addCheck('store', () => {
    store.probe();
    if (writeError) return { status: 'unhealthy', message: `the last webhook could not be written: ${writeError}`, path: storagePath };
    return { status: 'healthy', path: storagePath };
  });
  // Upstreams make the journal degraded, never unhealthy: webhooks are still stored without them.
  const upstreamCheck = (probe: () => Promise<unknown>, url: string) => async (): Promise<CheckResult> => {
    try {
      await probe();
      return { status: 'healthy', url };
    } catch (err) {
      return { status: 'degraded', message: (err as Error).message, url };
    }
  };
  exporter.addCheck('alertmanager', upstreamCheck(() => alertmanager.status(), alertmanager.baseUrl), { critical: false });
  exporter.addCheck('prometheus', upstreamCheck(() => prometheus.ready(), prometheus.baseUrl), { critical: false });

  exporter.addCollector({
    name: 'active_alerts',
    collect(): MetricFamily[] {
      // Severity is folded to a fixed set so a stray label value cannot create unbounded series.
      const counts = new Map(KNOWN_SEVERITIES.concat('other').map((s) => [s, 0]));
      for (const row of store.activeBySeverity()) {
        const key = KNOWN_SEVERITIES.includes(row.severity) ? row.severity : 'other';
        counts.set(key, (counts.get(key) ?? 0) + row.count);
      }
      return [
        {
          name: `${NAMESPACE}_active_alerts`,
          help: 'Occurrences firing in the journal, by severity (critical, warning, info, other).',
          type: 'gauge',
          samples: [...counts].map(([severity, value]) => ({ labels: { severity }, value })),
        },
      ];
    },
  });

  const retentionDays = Number(flags['storage.retention-days']);
  const prune = () => {
    try {
      const removed = store.prune(retentionDays);
      if (removed) {
        metrics.pruned.inc(removed);
        logger.info({ removed, retentionDays }, 'retention applied');
      }
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'retention failed');
    }
  };
  prune();
  const pruneTimer = setInterval(prune, Number(flags['storage.prune-interval']));
  pruneTimer.unref();
  // One sync at a time: a slow Alertmanager must not stack syncs up (each would close the same occurrences).
  let syncing: Promise<void> | undefined;
  const syncTimer = setInterval(() => {
    if (syncing) return;
    syncing = syncMutedResolutions(store, alertmanager, logger, Date.now(), Number(flags['alertmanager.lost-resolution-grace']))
      .then(() => undefined)
      .catch((err: Error) => logger.debug({ err: err.message }, 'Alertmanager resolution sync skipped'))
      .finally(() => (syncing = undefined));
  }, Number(flags['alertmanager.sync-interval']));
  syncTimer.unref();
  reporter.startSchedule(Number(flags['report.check-interval']));
  // Relay jobs left pending by a crash or a restart go out now.
  dispatcher.kick();
  exporter.onClose(async () => {
    clearInterval(pruneTimer);
    clearInterval(syncTimer);
    reporter.stop();
    // Before the store closes: a delivery under way records itself, a sync finishes its writes.
    await Promise.all([reporter.idle(), syncing]);
  });
  onBuilt?.({ store, metrics, dispatcher, reporter, alertmanager, apiKey });
}

export function journalOptions(onBuilt?: (j: Journal) => void): RunExporterOptions {
  return {
    name: 'vigil-alert-journal',
    description: 'Alertmanager webhook receiver with a durable alert history, statistics, acknowledgements, REST API, relays and daily reports.',
    version: packageVersion(),
    namespace: NAMESPACE,
    defaultListenAddress: ':8009',
    envPrefix: 'VIGIL_ALERT_JOURNAL',
    commonFlagEnv: { 'log.level': 'LOG_LEVEL', 'web.listen-address': LISTEN_ENV },
    flags: JOURNAL_FLAGS,
    links: [
      { href: '/api/v1/openapi.json', text: 'OpenAPI (needs the API key)' },
    ],
    setup: (exporter, flags) => setup(exporter, flags, onBuilt),
  };
}

/** Builds a journal without starting it (tests, benchmark). PORT is honoured as the CLI does. */
export async function buildJournal(argv: string[], env: NodeJS.ProcessEnv, destination?: NodeJS.WritableStream) {
  let journal: Journal | undefined;
  const { exporter, flags } = await buildExporter(journalOptions((j) => (journal = j)), argv, applyPortEnv(argv, env, LISTEN_ENV), destination);
  return { exporter, flags, journal: journal as Journal };
}
