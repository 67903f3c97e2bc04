// POST /v1/alertmanager: the webhook is committed to SQLite before the 200; a store failure answers 503 so
// Alertmanager retries. Relays run after the answer and never delay or fail it.
import express, { type Router } from 'express';
import { inSpan, trace, type Exporter } from '@vigil/exporter-kit';
import type { Logger } from 'pino';
import type { JournalStore, IngestResult } from '../store/journal-store.js';
import type { JournalMetrics } from '../metrics.js';
import { apiErrorHandler } from '../api/errors.js';
import { PayloadError, parseWebhookPayload, type WebhookPayload } from './payload.js';
import type { AuthLimit } from '../auth-limit.js';
import { webhookAuth, type WebhookCredentials } from './webhook-auth.js';

export interface WebhookDeps {
  store: JournalStore;
  metrics: JournalMetrics;
  logger: Logger;
  credentials: WebhookCredentials;
  authLimit: AuthLimit;
  onStored?: (result: IngestResult) => void;
  /** Told the outcome of every store write: the error message, or undefined once a write succeeded. */
  onWrite?: (error: string | undefined) => void;
  /** Sees the alerts of every stored notification (the dead man's switch watches for Watchdog). */
  onAlerts?: (alerts: WebhookPayload['alerts']) => void;
  /** The kit's JSON body parser: 415 for a body that is not application/json. */
  http: Pick<Exporter, 'jsonBody'>;
}

export function webhookRouter(deps: WebhookDeps): Router {
  const { store, metrics } = deps;
  const router = express.Router();
  router.post(
    '/v1/alertmanager',
    webhookAuth(deps.credentials, metrics, deps.authLimit),
    deps.http.jsonBody({ limit: '10mb' }),
    (req, res) => {
      // The request's span (the kit's) carries the notification's outcome; the store commit is its child.
      const span = trace.getActiveSpan();
      let payload;
      try {
        payload = parseWebhookPayload(req.body);
      } catch (err) {
        if (!(err instanceof PayloadError)) throw err;
        metrics.webhooksReceived.inc({ status: 'rejected' });
        metrics.badRequests.inc({ route: '/v1/alertmanager' });
        span?.setAttributes({ 'vigil.webhook.outcome': 'rejected', 'vigil.webhook.field': err.field ?? '' });
        res.status(400).json({ error: err.message, field: err.field });
        return;
      }
      const end = metrics.storeWriteDuration.startTimer();
      let result: IngestResult;
      try {
        result = inSpan('journal.store', { 'vigil.webhook.alerts': payload.alerts.length }, (commit) => {
          const r = store.ingest(payload);
          commit.setAttribute('vigil.journal.receipt_id', r.receiptId);
          return r;
        });
      } catch (err) {
        end();
        span?.setAttribute('vigil.webhook.outcome', 'failed');
        metrics.webhooksReceived.inc({ status: 'failed' });
        metrics.storeWriteFailures.inc();
        req.log.error({ err: (err as Error).message }, 'webhook could not be stored');
        deps.onWrite?.((err as Error).message);
        res.status(503).json({ error: 'the journal could not store the notification; retry' });
        return;
      }
      end();
      deps.onWrite?.(undefined);
      metrics.webhooksReceived.inc({ status: 'stored' });
      metrics.alertsReceived.inc(payload.alerts.length);
      if (payload.truncatedAlerts > 0) {
        metrics.truncatedAlerts.inc(payload.truncatedAlerts);
        req.log.warn({ truncatedAlerts: payload.truncatedAlerts, groupKey: payload.groupKey }, 'Alertmanager truncated this notification (max_alerts)');
      }
      let repeats = 0;
      for (const o of result.outcomes) {
        if (o.change === 'repeat') repeats++;
        else metrics.occurrencesStored.inc({ change: o.change });
      }
      if (repeats) metrics.alertsDeduplicated.inc(repeats);
      span?.setAttributes({
        'vigil.webhook.outcome': 'stored',
        'vigil.webhook.receiver': payload.receiver,
        'vigil.webhook.status': payload.status,
        'vigil.webhook.alerts': payload.alerts.length,
        'vigil.webhook.deduplicated': repeats,
      });
      res.json({ status: 'stored', receipt_id: result.receiptId, alerts: payload.alerts.length, deduplicated: repeats, truncated_alerts: payload.truncatedAlerts });
      try {
        deps.onAlerts?.(payload.alerts);
        deps.onStored?.(result);
      } catch (err) {
        deps.logger.error({ err: (err as Error).message }, 'post-store hook failed');
      }
    },
  );
  router.use(apiErrorHandler(metrics));
  return router;
}
