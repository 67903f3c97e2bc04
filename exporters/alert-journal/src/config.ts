// The journal's flags. Each is also settable by the environment variable operators already use (PORT,
// PROMETHEUS_URL, API_KEY, ...); a malformed value stops start-up with a message naming flag and variable.
import type { FlagSpec, FlagValues } from '@vigil/exporter-kit';

function url(envName: string, optional: boolean) {
  return (v: unknown): string | undefined => {
    const s = String(v ?? '');
    if (s === '' && optional) return undefined;
    try {
      const u = new URL(s);
      if (u.protocol === 'http:' || u.protocol === 'https:') return undefined;
    } catch {
      // fall through to the message below
    }
    return `expected an http(s) URL (env ${envName}), got ${JSON.stringify(s)}`;
  };
}

function smtpUrl(v: unknown): string | undefined {
  const s = String(v ?? '');
  if (s === '') return undefined;
  try {
    const u = new URL(s);
    if (u.protocol === 'smtp:' || u.protocol === 'smtps:') return undefined;
  } catch {
    // fall through
  }
  return `expected an SMTP URL such as smtp://mail.example.com:587 (env EMAIL_SERVER), got ${JSON.stringify(s)}`;
}

export const JOURNAL_FLAGS: FlagSpec[] = [
  { name: 'storage.path', type: 'string', env: 'STORAGE_PATH', default: '.vigil/alert-journal/journal.db', placeholder: 'FILE', help: 'SQLite database file of the journal (created with its folder).' },
  {
    name: 'storage.retention-days',
    type: 'int',
    env: 'RETENTION_DAYS',
    default: 30,
    placeholder: 'DAYS',
    help: 'Resolved occurrences older than this many days are pruned.',
    validate: (v) => (Number(v) >= 1 && Number(v) <= 3650 ? undefined : `expected 1..3650 days (env RETENTION_DAYS), got ${v}`),
  },
  { name: 'storage.prune-interval', type: 'duration', env: 'PRUNE_INTERVAL', default: '1h', placeholder: 'DURATION', help: 'How often retention is applied.' },
  { name: 'prometheus.url', type: 'string', env: 'PROMETHEUS_URL', default: 'http://127.0.0.1:9090', placeholder: 'URL', help: 'Prometheus for /api/v1/metrics and reports.', validate: url('PROMETHEUS_URL', false) },
  { name: 'alertmanager.url', type: 'string', env: 'ALERTMANAGER_URL', default: 'http://127.0.0.1:9093', placeholder: 'URL', help: 'Alertmanager (API v2) for active alerts and silences.', validate: url('ALERTMANAGER_URL', false) },
  { name: 'alertmanager.sync-interval', type: 'duration', env: 'ALERTMANAGER_SYNC_INTERVAL', default: '30s', placeholder: 'DURATION', help: 'How often firing occurrences are checked against Alertmanager, to close those resolved while silenced and end acknowledgement silences.' },
  {
    name: 'alertmanager.lost-resolution-grace',
    type: 'duration',
    env: 'ALERTMANAGER_LOST_RESOLUTION_GRACE',
    default: '15m',
    placeholder: 'DURATION',
    help: 'A firing occurrence Alertmanager no longer holds, not explained by a silence and not notified for this long, is closed as resolved (its resolved notification was lost).',
  },
  { name: 'grafana.url', type: 'string', env: 'GRAFANA_URL', default: '', placeholder: 'URL', help: 'Grafana, linked from reports and relayed messages.', validate: url('GRAFANA_URL', true) },
  { name: 'api-key', type: 'string', env: 'API_KEY', default: '', placeholder: 'KEY', help: 'API key required on /api/* (prefer --api-key.file).', hidden: true },
  { name: 'api-key.file', type: 'string', env: 'API_KEY_FILE', default: '', placeholder: 'FILE', help: 'File holding the API key required on /api/* (env API_KEY also works).' },
  { name: 'api-key.generate-if-missing', type: 'bool', env: 'API_KEY_GENERATE_IF_MISSING', default: false, help: 'Write a random key to --api-key.file when the file does not exist (local stack).' },
  { name: 'auth.max-failures', type: 'int', env: 'AUTH_MAX_FAILURES', default: 10, placeholder: 'N', help: 'Wrong webhook credentials (or, counted apart, API keys) one client may present per minute; past it 429 with Retry-After until the minute has passed (0: no limit).', validate: (v) => (Number(v) >= 0 ? undefined : `expected 0 or more, got ${v}`) },
  { name: 'webhook.bearer-token-file', type: 'string', env: 'WEBHOOK_BEARER_TOKEN_FILE', default: '', placeholder: 'FILE', help: 'Shared secret the Alertmanager webhook must send as "Authorization: Bearer" (http_config.authorization).' },
  { name: 'webhook.basic-auth-user', type: 'string', env: 'WEBHOOK_BASIC_AUTH_USER', default: '', placeholder: 'USER', help: 'User the Alertmanager webhook must send with basic auth (http_config.basic_auth).' },
  {
    name: 'webhook.allow-unauthenticated',
    type: 'bool',
    env: 'WEBHOOK_ALLOW_UNAUTHENTICATED',
    default: false,
    help: 'Start with the webhook open to anyone who can reach a non-loopback --web.listen-address (no bearer token, no basic auth).',
  },
  { name: 'webhook.basic-auth-password-file', type: 'string', env: 'WEBHOOK_BASIC_AUTH_PASSWORD_FILE', default: '', placeholder: 'FILE', help: 'Password file for --webhook.basic-auth-user.' },
  { name: 'slack.webhook-url', type: 'string', env: 'SLACK_WEBHOOK_URL', default: '', placeholder: 'URL', help: 'Slack incoming webhook for daily reports.', validate: url('SLACK_WEBHOOK_URL', true) },
  { name: 'email.server', type: 'string', env: 'EMAIL_SERVER', default: '', placeholder: 'URL', help: 'SMTP server URL (smtp://user:pass@host:port) for daily reports.', validate: smtpUrl },
  { name: 'email.from', type: 'string', env: 'EMAIL_FROM', default: 'alerts@example.com', placeholder: 'ADDRESS', help: 'Sender of report emails.', validate: (v) => (/^[^@\s]+@[^@\s]+$/.test(String(v)) ? undefined : `expected an email address (env EMAIL_FROM), got ${JSON.stringify(v)}`) },
  { name: 'report.email-to', type: 'strings', env: 'REPORT_EMAIL_TO', placeholder: 'ADDRESS', help: 'Recipients of the daily report email.' },
  {
    name: 'report.daily-time',
    type: 'string',
    env: 'REPORT_DAILY_TIME',
    default: '',
    placeholder: 'HH:MM',
    help: 'UTC time at which the daily report is sent (empty: only on demand).',
    validate: (v) => (v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(String(v)) ? undefined : `expected HH:MM in UTC (env REPORT_DAILY_TIME), got ${JSON.stringify(v)}`),
  },
  {
    name: 'report.check-interval',
    type: 'duration',
    env: 'REPORT_CHECK_INTERVAL',
    default: '30s',
    placeholder: 'DURATION',
    help: 'How often the daily time and undelivered reports are checked (a failed delivery is retried at the next check).',
    hidden: true,
  },
  {
    name: 'watchdog.timeout',
    type: 'duration',
    env: 'WATCHDOG_TIMEOUT',
    default: '5m',
    placeholder: 'DURATION',
    help: 'Raise VigilWatchdogMissing in Alertmanager when no firing Watchdog notification arrived for this long (Alertmanager sends it every minute); 0s turns the dead man\'s switch off.',
  },
  { name: 'watchdog.check-interval', type: 'duration', env: 'WATCHDOG_CHECK_INTERVAL', default: '30s', placeholder: 'DURATION', help: 'How often the Watchdog heartbeat is checked.', hidden: true },
  { name: 'relay.routes-file', type: 'string', env: 'RELAY_ROUTES_FILE', default: '', placeholder: 'FILE', help: 'YAML routing file for SMS, Telegram and signed webhook relays.' },
  { name: 'relay.max-attempts', type: 'int', env: 'RELAY_MAX_ATTEMPTS', default: 4, help: 'Attempts per relayed message before it is given up.', validate: (v) => (Number(v) >= 1 && Number(v) <= 10 ? undefined : 'expected 1..10') },
  { name: 'relay.retry-backoff', type: 'duration', env: 'RELAY_RETRY_BACKOFF', default: '2s', placeholder: 'DURATION', help: 'First retry delay; doubles on each retry.' },
  { name: 'relay.timeout', type: 'duration', env: 'RELAY_TIMEOUT', default: '10s', placeholder: 'DURATION', help: 'Time limit of one relay request.' },
  { name: 'relay.twilio.url', type: 'string', env: 'TWILIO_API_URL', default: 'https://api.twilio.com', placeholder: 'URL', help: 'Twilio-compatible Messages API base URL.', validate: url('TWILIO_API_URL', false) },
  { name: 'relay.twilio.account-sid-file', type: 'string', env: 'TWILIO_ACCOUNT_SID_FILE', default: '', placeholder: 'FILE', help: 'File holding the Twilio account SID.' },
  { name: 'relay.twilio.auth-token-file', type: 'string', env: 'TWILIO_AUTH_TOKEN_FILE', default: '', placeholder: 'FILE', help: 'File holding the Twilio auth token.' },
  { name: 'relay.twilio.from', type: 'string', env: 'TWILIO_FROM', default: '', placeholder: 'NUMBER', help: 'Sender number of SMS relays (E.164).' },
  { name: 'relay.telegram.url', type: 'string', env: 'TELEGRAM_API_URL', default: 'https://api.telegram.org', placeholder: 'URL', help: 'Telegram Bot API base URL.', validate: url('TELEGRAM_API_URL', false) },
  { name: 'relay.telegram.token-file', type: 'string', env: 'TELEGRAM_BOT_TOKEN_FILE', default: '', placeholder: 'FILE', help: 'File holding the Telegram bot token.' },
  { name: 'relay.webhook.secret-file', type: 'string', env: 'RELAY_WEBHOOK_SECRET_FILE', default: '', placeholder: 'FILE', help: 'HMAC-SHA256 key that signs generic webhook relays.' },
];

/** PORT (the platform's convention) sets the listen address when neither the flag nor its env is given. */
export function applyPortEnv(argv: string[], env: NodeJS.ProcessEnv, listenEnv: string): NodeJS.ProcessEnv {
  const port = env.PORT;
  if (port === undefined || port === '') return env;
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    throw new Error(`environment variable PORT: expected a port number 0..65535, got ${JSON.stringify(port)}`);
  }
  const flagGiven = argv.some((a) => a === '--web.listen-address' || a.startsWith('--web.listen-address='));
  if (flagGiven || env[listenEnv]) return env;
  return { ...env, [listenEnv]: `:${port}` };
}

export const str = (flags: FlagValues, name: string): string => String(flags[name] ?? '');
