// What the REST API routes share.
import type { Exporter } from '@vigil/exporter-kit';
import type { Logger } from 'pino';
import type { AuthLimit } from '../auth-limit.js';
import type { AlertmanagerClient } from '../clients/alertmanager.js';
import type { PrometheusClient } from '../clients/prometheus.js';
import type { JournalMetrics } from '../metrics.js';
import type { JournalStore } from '../store/journal-store.js';
import type { DailyReporter } from '../reports/daily-reporter.js';
import type { WatchdogMonitor } from '../watchdog-monitor.js';

export interface ApiDeps {
  store: JournalStore;
  metrics: JournalMetrics;
  logger: Logger;
  alertmanager: AlertmanagerClient;
  prometheus: PrometheusClient;
  reporter: DailyReporter;
  version: string;
  authLimit: AuthLimit;
  /** The heartbeat monitor: a silence that would mute the heartbeat is refused. */
  watchdog: Pick<WatchdogMonitor, 'mutedBy'>;
  /** The kit's HTTP contract: its JSON body parser (415 for another type) and its 404/405 fallback. */
  http: Pick<Exporter, 'jsonBody' | 'unrouted'>;
}
