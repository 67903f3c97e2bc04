// The parts of Alertmanager's API v2 the journal uses: active alerts, posting alerts, silences, status.
import { UpstreamError, fetchJson, type OnUpstreamError } from './http-json.js';

export interface AmAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; silencedBy: string[]; inhibitedBy: string[] };
}

/** An alert as POST /api/v2/alerts takes it (Prometheus' postableAlert). */
export interface AmPostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

export interface AmMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export interface AmSilence {
  id: string;
  matchers: AmMatcher[];
  startsAt: string;
  endsAt: string;
  status: { state: 'active' | 'pending' | 'expired' };
}

export class AlertmanagerClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 5000,
    private readonly onError?: OnUpstreamError,
  ) {}

  private url(path: string): string {
    return new URL(path, this.baseUrl.endsWith('/') ? this.baseUrl : this.baseUrl + '/').toString();
  }

  async alerts(): Promise<AmAlert[]> {
    const body = await fetchJson('alertmanager', this.url('api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true'), {}, this.timeoutMs, this.onError);
    const ok = (a: unknown) => {
      const x = a as Partial<AmAlert> | null;
      return typeof x?.fingerprint === 'string' && typeof x.labels === 'object' && x.labels !== null && Array.isArray(x.status?.silencedBy) && Array.isArray(x.status?.inhibitedBy);
    };
    if (!Array.isArray(body) || !body.every(ok)) throw new UpstreamError('alertmanager', 200, 'GET /api/v2/alerts did not answer a list of alerts (is this Alertmanager API v2?)');
    return body.map((a: AmAlert) => ({ ...a, annotations: a.annotations ?? {} }));
  }

  /** Hands alerts to Alertmanager, as Prometheus does: routing, grouping, silences and inhibition apply. */
  async postAlerts(alerts: AmPostableAlert[]): Promise<void> {
    await fetchJson(
      'alertmanager',
      this.url('api/v2/alerts'),
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) },
      this.timeoutMs,
      this.onError,
    );
  }

  async createSilence(matchers: AmMatcher[], startsAt: Date, endsAt: Date, createdBy: string, comment: string): Promise<string> {
    const body = { matchers, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), createdBy, comment };
    const res = (await fetchJson(
      'alertmanager',
      this.url('api/v2/silences'),
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      this.timeoutMs,
      this.onError,
    )) as { silenceID: string };
    return res.silenceID;
  }

  /** Every silence Alertmanager still keeps, expired ones included. */
  async silences(): Promise<AmSilence[]> {
    const body = await fetchJson('alertmanager', this.url('api/v2/silences'), {}, this.timeoutMs, this.onError);
    if (!Array.isArray(body)) throw new UpstreamError('alertmanager', 200, 'GET /api/v2/silences did not answer a list');
    return body as AmSilence[];
  }

  async expireSilence(id: string): Promise<void> {
    await fetchJson('alertmanager', this.url(`api/v2/silence/${encodeURIComponent(id)}`), { method: 'DELETE' }, this.timeoutMs, this.onError);
  }

  async status(): Promise<{ versionInfo?: { version?: string } }> {
    return (await fetchJson('alertmanager', this.url('api/v2/status'), {}, this.timeoutMs, this.onError)) as { versionInfo?: { version?: string } };
  }
}
