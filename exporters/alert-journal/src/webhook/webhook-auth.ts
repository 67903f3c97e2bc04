// Optional credential on the webhook, matching what Alertmanager's http_config sends: a bearer token
// (authorization.credentials_file) or basic auth (basic_auth.username / password_file).
import type { NextFunction, Request, Response } from 'express';
import { keysEqual } from '../api-key.js';
import type { AuthLimit } from '../auth-limit.js';
import type { JournalMetrics } from '../metrics.js';

export interface WebhookCredentials {
  bearerToken?: string;
  basicUser?: string;
  basicPassword?: string;
}

function matches(req: Request, creds: WebhookCredentials): boolean {
  const auth = req.headers.authorization ?? '';
  if (creds.bearerToken) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (m && keysEqual(m[1], creds.bearerToken)) return true;
  }
  if (creds.basicUser !== undefined && creds.basicPassword !== undefined) {
    const m = /^Basic\s+(\S+)$/i.exec(auth);
    if (m) {
      const decoded = Buffer.from(m[1], 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      // Both compared every time so a wrong user costs as long as a wrong password.
      const userOk = keysEqual(decoded.slice(0, Math.max(i, 0)), creds.basicUser);
      const passOk = keysEqual(decoded.slice(i + 1), creds.basicPassword);
      if (i >= 0 && userOk && passOk) return true;
    }
  }
  return false;
}

export function webhookAuth(creds: WebhookCredentials, metrics: JournalMetrics, limit: AuthLimit) {
  const enabled = Boolean(creds.bearerToken) || creds.basicUser !== undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!enabled) return next();
    if (limit.refused(req, res)) {
      metrics.unauthorized.inc({ route: '/v1/alertmanager' });
      metrics.webhooksReceived.inc({ status: 'unauthorized' });
      return;
    }
    if (matches(req, creds)) return next();
    if (req.headers.authorization) limit.wrong(req);
    metrics.unauthorized.inc({ route: '/v1/alertmanager' });
    metrics.webhooksReceived.inc({ status: 'unauthorized' });
    res.status(401).setHeader('WWW-Authenticate', 'Basic realm="vigil-alert-journal webhook"').json({ error: 'webhook credential missing or wrong' });
  };
}
