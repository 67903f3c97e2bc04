// The OpenAPI 3.1 description of the journal's HTTP API. Its component schemas are checked against real
// responses in the tests, so the document cannot drift from the code silently.
const str = { type: 'string' };
const nstr = { type: ['string', 'null'] };
const num = { type: 'number' };
const nnum = { type: ['number', 'null'] };
const int = { type: 'integer' };
const labels = { type: 'object', additionalProperties: { type: 'string' } };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = {
  '400': json(ref('Error'), 'Bad input; `field` names the parameter or body field at fault.'),
  '401': json(ref('Error'), 'Missing or wrong API key.'),
};
const q = (name: string, description: string, schema: object = str) => ({ name, in: 'query', required: false, description, schema });

const groupStats = {
  type: 'object',
  required: ['key', 'occurrences', 'firing_seconds', 'acknowledged', 'resolved', 'mean_time_to_acknowledge_seconds', 'mean_time_to_resolve_seconds', 'flapping_score'],
  additionalProperties: false,
  properties: {
    key: str,
    occurrences: int,
    firing_seconds: num,
    acknowledged: int,
    resolved: int,
    mean_time_to_acknowledge_seconds: nnum,
    mean_time_to_resolve_seconds: nnum,
    flapping_score: { type: 'number', minimum: 0, maximum: 1 },
  },
};

export const SCHEMAS: Record<string, object> = {
  Error: { type: 'object', required: ['error'], properties: { error: str, field: str } },
  Health: {
    type: 'object',
    required: ['status', 'version', 'checks'],
    properties: {
      status: { enum: ['healthy', 'degraded', 'unhealthy'] },
      version: str,
      uptime_seconds: num,
      checks: { type: 'object', additionalProperties: { type: 'object', required: ['status'], properties: { status: { enum: ['healthy', 'degraded', 'unhealthy'] }, message: str } } },
    },
  },
  WebhookStored: {
    type: 'object',
    required: ['status', 'receipt_id', 'alerts', 'deduplicated', 'truncated_alerts'],
    additionalProperties: false,
    properties: { status: { const: 'stored' }, receipt_id: int, alerts: int, deduplicated: int, truncated_alerts: int },
  },
  ActiveAlert: {
    type: 'object',
    required: ['id', 'severity', 'service', 'description', 'start_time', 'status', 'alertname', 'venue', 'silenced', 'acknowledged', 'owner', 'labels'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', description: "Alertmanager's fingerprint" },
      alertname: str,
      severity: str,
      service: str,
      venue: str,
      description: str,
      start_time: { type: 'string', format: 'date-time' },
      status: { enum: ['firing', 'silenced', 'inhibited', 'acknowledged'] },
      silenced: { type: 'boolean' },
      acknowledged: { type: 'boolean' },
      owner: nstr,
      labels,
    },
  },
  ServiceAlert: {
    type: 'object',
    required: ['name', 'severity'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*$', maxLength: 200, description: 'Becomes the alertname label' },
      severity: { enum: ['critical', 'warning', 'info'] },
      labels: { type: 'object', maxProperties: 32, propertyNames: { pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' }, additionalProperties: { type: 'string', minLength: 1, maxLength: 1024 }, description: 'Routing labels (service, venue, ...); not alertname or severity' },
      annotations: { type: 'object', maxProperties: 32, propertyNames: { pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' }, additionalProperties: { type: 'string', minLength: 1, maxLength: 10000 } },
      startsAt: { type: 'string', format: 'date-time', description: 'Default: when Alertmanager receives it; at most 5 minutes ahead' },
      endsAt: { type: 'string', format: 'date-time', description: 'Default: Alertmanager resolves it after its resolve_timeout unless posted again; a past time resolves it' },
      generatorURL: { type: 'string', pattern: '^https?://\\S+$', maxLength: 2000, description: 'Link back to the source (a dashboard, the service page)' },
    },
  },
  ServiceAlertAccepted: {
    type: 'object',
    required: ['fingerprint', 'status', 'labels'],
    additionalProperties: false,
    properties: {
      fingerprint: { type: 'string', pattern: '^[0-9a-f]{16}$', description: "Alertmanager's fingerprint: the id of GET /api/v1/alerts and POST /api/v1/alerts/{id}/ack" },
      status: { enum: ['firing', 'resolved'] },
      labels,
      annotations: labels,
      startsAt: { type: 'string', format: 'date-time' },
      endsAt: { type: 'string', format: 'date-time' },
      generatorURL: str,
    },
  },
  AlertList: { type: 'object', required: ['alerts'], additionalProperties: false, properties: { alerts: { type: 'array', items: ref('ActiveAlert') } } },
  MetricSeries: {
    type: 'object',
    required: ['service', 'metric', 'timestamps', 'values'],
    additionalProperties: false,
    properties: {
      service: str,
      metric: str,
      type: { enum: ['counter', 'gauge', 'histogram', 'summary'], description: 'How a metric name was charted (absent for catalogue figures)' },
      query: str,
      step_seconds: num,
      timestamps: { type: 'array', items: { type: 'string', format: 'date-time' } },
      values: { type: 'array', items: nnum },
    },
  },
  SilenceRequest: {
    type: 'object',
    required: ['matcher', 'duration_minutes', 'created_by', 'comment'],
    additionalProperties: false,
    properties: {
      matcher: { type: 'object', minProperties: 1, additionalProperties: { type: 'string', minLength: 1 } },
      duration_minutes: { type: 'number', exclusiveMinimum: 0, maximum: 43200 },
      created_by: { type: 'string', minLength: 1 },
      comment: { type: 'string', minLength: 1 },
    },
  },
  SilenceCreated: {
    type: 'object',
    required: ['id', 'matcher', 'starts_at', 'ends_at', 'created_by', 'comment'],
    additionalProperties: false,
    properties: { id: str, matcher: labels, starts_at: str, ends_at: str, created_by: str, comment: str },
  },
  SilenceExpired: { type: 'object', required: ['id', 'status'], additionalProperties: false, properties: { id: str, status: { const: 'expired' } } },
  AckRequest: {
    type: 'object',
    required: ['owner'],
    additionalProperties: false,
    properties: { owner: { type: 'string', minLength: 1 }, ticket: str, comment: str, silence_until_resolved: { type: 'boolean' } },
  },
  Occurrence: {
    type: 'object',
    required: ['id', 'fingerprint', 'alertname', 'severity', 'service', 'venue', 'status', 'starts_at', 'ends_at', 'duration_seconds', 'notifications', 'labels', 'annotations', 'generator_url', 'acknowledged', 'acknowledged_at', 'owner', 'ticket', 'ack_comment'],
    additionalProperties: false,
    properties: {
      id: int,
      fingerprint: str,
      alertname: str,
      severity: str,
      service: str,
      venue: str,
      status: { enum: ['firing', 'resolved'] },
      starts_at: str,
      ends_at: nstr,
      duration_seconds: nnum,
      notifications: int,
      labels,
      annotations: labels,
      generator_url: str,
      acknowledged: { type: 'boolean' },
      acknowledged_at: nstr,
      owner: nstr,
      ticket: nstr,
      ack_comment: nstr,
    },
  },
  AckResult: { type: 'object', required: ['occurrence', 'silence_id'], additionalProperties: false, properties: { occurrence: ref('Occurrence'), silence_id: nstr } },
  HistoryPage: {
    type: 'object',
    required: ['occurrences', 'next_cursor'],
    additionalProperties: false,
    properties: { occurrences: { type: 'array', items: ref('Occurrence') }, next_cursor: nstr },
  },
  GroupStats: groupStats,
  Stats: {
    type: 'object',
    required: ['from', 'to', 'total', 'by_alertname', 'by_service', 'by_severity', 'by_venue', 'noisiest'],
    additionalProperties: false,
    properties: {
      from: str,
      to: str,
      total: ref('GroupStats'),
      by_alertname: { type: 'array', items: ref('GroupStats') },
      by_service: { type: 'array', items: ref('GroupStats') },
      by_severity: { type: 'array', items: ref('GroupStats') },
      by_venue: { type: 'array', items: ref('GroupStats') },
      noisiest: {
        type: 'array',
        items: { type: 'object', required: ['alertname', 'occurrences', 'firing_seconds'], additionalProperties: false, properties: { alertname: str, occurrences: int, firing_seconds: num } },
      },
    },
  },
  DailyReport: {
    type: 'object',
    required: ['date', 'subject', 'alerts', 'occurrences', 'alerts_by_severity', 'window', 'day', 'mtta_seconds', 'mttr_seconds', 'slo_budgets', 'trading', 'host', 'prometheus_error', 'text', 'html', 'sent'],
    additionalProperties: false,
    properties: {
      date: str,
      subject: str,
      alerts: { type: 'array', items: { type: 'object', required: ['alertname', 'severity', 'service', 'starts_at', 'duration_seconds', 'owner'], properties: { alertname: str, severity: str, service: str, starts_at: str, duration_seconds: nnum, owner: nstr } } },
      occurrences: int,
      alerts_by_severity: { type: 'object', additionalProperties: int },
      window: { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: str, to: str } },
      day: ref('DaySections'),
      mtta_seconds: nnum,
      mttr_seconds: nnum,
      slo_budgets: { type: 'array', items: { type: 'object', required: ['slo', 'remaining_ratio'], properties: { slo: str, remaining_ratio: num } } },
      trading: { type: 'array', items: ref('Figure') },
      host: { type: 'array', items: ref('Figure') },
      prometheus_error: nstr,
      text: str,
      html: str,
      sent: { type: 'object', required: ['email', 'slack'], properties: { email: str, slack: str } },
    },
  },
  DaySections: {
    type: 'object',
    required: ['pnl', 'portfolio', 'execution', 'risk'],
    additionalProperties: false,
    properties: {
      pnl: {
        type: 'object',
        required: ['realised', 'strategies', 'symbols'],
        additionalProperties: false,
        properties: {
          realised: nnum,
          strategies: { type: 'array', items: ref('RankedPnl') },
          symbols: { type: 'array', items: ref('RankedPnl') },
        },
      },
      portfolio: {
        type: 'array',
        items: {
          type: 'object',
          required: ['account', 'start', 'end', 'low', 'high', 'worst_drawdown_ratio'],
          additionalProperties: false,
          properties: { account: str, start: nnum, end: nnum, low: nnum, high: nnum, worst_drawdown_ratio: nnum },
        },
      },
      execution: {
        type: 'array',
        items: {
          type: 'object',
          required: ['venue', 'orders', 'rejects', 'reject_ratio', 'fill_ratio', 'slippage_bps', 'adverse_p95_bps'],
          additionalProperties: false,
          properties: { venue: str, orders: nnum, rejects: nnum, reject_ratio: nnum, fill_ratio: nnum, slippage_bps: nnum, adverse_p95_bps: nnum },
        },
      },
      risk: {
        type: 'object',
        required: ['utilisation', 'var'],
        additionalProperties: false,
        properties: {
          utilisation: {
            type: 'array',
            items: { type: 'object', required: ['scope', 'name', 'measure', 'max_ratio'], additionalProperties: false, properties: { scope: str, name: str, measure: str, max_ratio: num } },
          },
          var: { type: 'array', items: { type: 'object', required: ['account', 'max', 'limit'], additionalProperties: false, properties: { account: str, max: num, limit: nnum } } },
        },
      },
    },
  },
  RankedPnl: { type: 'object', required: ['name', 'pnl'], additionalProperties: false, properties: { name: str, pnl: num } },
  Figure: { type: 'object', required: ['name', 'value', 'unit'], additionalProperties: false, properties: { name: str, value: nnum, unit: str } },
  SilenceMatcher: {
    type: 'object',
    required: ['name', 'value', 'isRegex'],
    additionalProperties: false,
    properties: { name: { type: 'string', pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' }, value: { type: 'string', maxLength: 1024 }, isRegex: { type: 'boolean' }, isEqual: { type: 'boolean', default: true } },
  },
  BacktestRequest: {
    type: 'object',
    required: ['matchers'],
    additionalProperties: false,
    properties: {
      matchers: { type: 'array', minItems: 1, maxItems: 64, items: ref('SilenceMatcher') },
      start_time: { type: 'string', format: 'date-time' },
      end_time: { type: 'string', format: 'date-time' },
      sample: { type: 'integer', minimum: 0, maximum: 1000, default: 100 },
    },
  },
  Backtest: {
    type: 'object',
    required: ['from', 'to', 'matched_occurrences', 'matched_alerts', 'firing_seconds', 'by_alertname', 'occurrences', 'truncated'],
    additionalProperties: false,
    properties: {
      from: str,
      to: str,
      matched_occurrences: int,
      matched_alerts: int,
      firing_seconds: num,
      by_alertname: { type: 'array', items: { type: 'object', required: ['alertname', 'occurrences'], additionalProperties: false, properties: { alertname: str, occurrences: int } } },
      occurrences: { type: 'array', items: ref('Occurrence') },
      truncated: { type: 'boolean' },
    },
  },
  FiringCounts: {
    type: 'object',
    required: ['from', 'to', 'by_fingerprint', 'by_alertname'],
    additionalProperties: false,
    properties: { from: str, to: str, by_fingerprint: { type: 'object', additionalProperties: int }, by_alertname: { type: 'object', additionalProperties: int } },
  },
  Heatmap: {
    type: 'object',
    required: ['alertname', 'from', 'to', 'timezone', 'firing_seconds', 'starts'],
    additionalProperties: false,
    properties: {
      alertname: nstr,
      from: str,
      to: str,
      timezone: str,
      firing_seconds: { type: 'array', minItems: 7, maxItems: 7, items: { type: 'array', minItems: 24, maxItems: 24, items: num } },
      starts: { type: 'array', minItems: 7, maxItems: 7, items: { type: 'array', minItems: 24, maxItems: 24, items: int } },
    },
  },
  AckList: {
    type: 'object',
    required: ['acks'],
    additionalProperties: false,
    properties: {
      acks: {
        type: 'array',
        items: {
          type: 'object',
          required: ['fingerprint', 'occurrence_id', 'owner', 'ticket', 'comment', 'acknowledged_at', 'silence_id'],
          additionalProperties: false,
          properties: { fingerprint: str, occurrence_id: int, owner: nstr, ticket: nstr, comment: nstr, acknowledged_at: nstr, silence_id: nstr },
        },
      },
    },
  },
};

// The kit's answer to a body that is not JSON, on every operation that takes one (http-contract.ts).
const unsupportedMediaType = {
  ...json(ref('Error'), 'The body is not application/json; `field` is `Content-Type`.'),
  headers: { 'Accept-Post': { description: 'The media type the operation reads: application/json', schema: str } },
};

/** Adds the 415 to every operation with a request body. */
type Operation = { requestBody?: unknown; responses: Record<string, unknown> };
function withMediaTypeRefusals<P extends Record<string, Record<string, object>>>(paths: P): P {
  for (const ops of Object.values(paths)) {
    for (const op of Object.values(ops) as Operation[]) if (op.requestBody) op.responses['415'] = unsupportedMediaType;
  }
  return paths;
}

const CONTRACT =
  'A method a path does not list answers 405 with an `Allow` header naming the methods it takes (OPTIONS answers 204 with the same header; HEAD is taken wherever GET is); ' +
  'under /api, only once the API key is accepted. A path not listed answers 404.';

export function openApiDocument(version: string): Record<string, unknown> {
  const secured = [{ apiKey: [] }, { bearer: [] }];
  return {
    openapi: '3.1.0',
    info: { title: 'Vigil alert journal', version, description: `Durable Alertmanager history, statistics, acknowledgements, silences and reports. ${CONTRACT}` },
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        bearer: { type: 'http', scheme: 'bearer' },
        webhookBasic: { type: 'http', scheme: 'basic' },
      },
      schemas: SCHEMAS,
    },
    paths: withMediaTypeRefusals({
      '/health': { get: { summary: 'Health of the store, Prometheus and Alertmanager', security: [], responses: { '200': json(ref('Health'), 'healthy or degraded'), '503': json(ref('Health'), 'unhealthy') } } },
      '/v1/alertmanager': {
        post: {
          summary: "Alertmanager webhook receiver (payload version 4); stored before the 200",
          security: [{}, { bearer: [] }, { webhookBasic: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['version', 'status', 'alerts'] } } } },
          responses: { '200': json(ref('WebhookStored'), 'Stored durably'), '400': errors['400'], '401': errors['401'], '503': json(ref('Error'), 'Could not be stored; Alertmanager retries') },
        },
      },
      '/api/v1/alerts': {
        get: {
          summary: 'Active alerts from Alertmanager merged with the journal state',
          security: secured,
          parameters: [q('severity', 'Exact severity label'), q('service', 'Exact service (or job) label'), q('venue', 'Exact venue label'), q('status', 'firing, silenced, inhibited or acknowledged', { enum: ['firing', 'silenced', 'inhibited', 'acknowledged'] })],
          responses: { '200': json(ref('AlertList'), 'Active alerts'), ...errors, '502': json(ref('Error'), 'Alertmanager unreachable') },
        },
        post: {
          summary: "Raise (or resolve, with a past endsAt) an alert from a service: handed to Alertmanager's API v2 like Prometheus' alerts, so routing, silences and the history apply",
          security: secured,
          requestBody: { required: true, content: { 'application/json': { schema: ref('ServiceAlert') } } },
          responses: { '202': json(ref('ServiceAlertAccepted'), 'Accepted by Alertmanager'), ...errors, '502': json(ref('Error'), 'Alertmanager unreachable or refused it') },
        },
      },
      '/api/v1/metrics/{service}': {
        get: {
          summary: 'One metric of a service over time (Prometheus query_range)',
          security: secured,
          parameters: [
            { name: 'service', in: 'path', required: true, schema: str },
            q('metric', 'A catalogue figure (up, request_rate, error_ratio, latency_p95_seconds, ...) or any Prometheus metric name, charted by its type: counters as a per-second rate, gauges as their value, histograms as a quantile, summaries as their mean; default per service', {
              type: 'string',
              pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*$',
              maxLength: 200,
            }),
            q('aggregation', 'Counters and gauges: how the job\'s series are combined (default sum)', { enum: ['sum', 'avg', 'min', 'max'] }),
            q('quantile', 'Histograms: the quantile, 0 < quantile < 1 (default 0.95)', { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }),
            q('start_time', 'ISO 8601; default end_time - 1h; the range is at most 31 days', { type: 'string', format: 'date-time' }),
            q('end_time', 'ISO 8601; default now', { type: 'string', format: 'date-time' }),
            q('step', 'Duration such as 30s or 1m; at most 11000 points'),
          ],
          responses: { '200': json(ref('MetricSeries'), 'The series'), ...errors, '502': json(ref('Error'), 'Prometheus unreachable') },
        },
      },
      '/api/v1/alerts/silence': {
        post: {
          summary: 'Create an Alertmanager silence',
          security: secured,
          requestBody: { required: true, content: { 'application/json': { schema: ref('SilenceRequest') } } },
          responses: { '201': json(ref('SilenceCreated'), 'Silence created in Alertmanager'), ...errors, '502': json(ref('Error'), 'Alertmanager failed') },
        },
      },
      '/api/v1/alerts/silence/{id}': {
        delete: {
          summary: 'Expire an Alertmanager silence',
          security: secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { '200': json(ref('SilenceExpired'), 'Expired'), ...errors, '404': json(ref('Error'), 'No such silence'), '502': json(ref('Error'), 'Alertmanager failed') },
        },
      },
      '/api/v1/alerts/{id}/ack': {
        post: {
          summary: 'Acknowledge a firing alert (optionally silencing it until it resolves)',
          security: secured,
          parameters: [{ name: 'id', in: 'path', required: true, description: 'Alert fingerprint', schema: str }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('AckRequest') } } },
          responses: { '200': json(ref('AckResult'), 'Acknowledged'), ...errors, '404': json(ref('Error'), 'No firing alert with this id'), '409': json(ref('Error'), 'Already acknowledged') },
        },
      },
      '/api/v1/alerts/history': {
        get: {
          summary: 'Occurrences, newest first, with filters and cursor paging',
          security: secured,
          parameters: [
            q('alertname', ''), q('severity', ''), q('service', ''), q('venue', ''), q('fingerprint', ''),
            q('status', 'firing or resolved', { enum: ['firing', 'resolved'] }),
            q('start_time', 'Occurrences firing at or after (ISO 8601)'), q('end_time', 'Occurrences started at or before (ISO 8601)'),
            q('limit', '1..1000, default 100', { type: 'integer' }), q('cursor', 'next_cursor of the previous page'),
          ],
          responses: { '200': json(ref('HistoryPage'), 'One page'), ...errors },
        },
      },
      '/api/v1/alerts/history.csv': {
        get: {
          summary: 'The same occurrences as CSV (up to 10,000 rows; X-Next-Cursor continues)',
          security: secured,
          parameters: [
            q('alertname', ''), q('severity', ''), q('service', ''), q('venue', ''), q('fingerprint', ''),
            q('status', 'firing or resolved', { enum: ['firing', 'resolved'] }),
            q('start_time', 'Occurrences firing at or after (ISO 8601)'), q('end_time', 'Occurrences started at or before (ISO 8601)'),
            q('limit', '1..10000, default 10000', { type: 'integer' }), q('cursor', 'X-Next-Cursor of the previous file'),
          ],
          responses: {
            '200': { description: 'RFC 4180 CSV with a header row; cells starting with = + - @ are prefixed with a quote', headers: { 'X-Next-Cursor': { schema: str } }, content: { 'text/csv': { schema: str } } },
            ...errors,
          },
        },
      },
      '/api/v1/alerts/firing-counts': {
        get: {
          summary: 'Occurrences started in a window, per fingerprint and per alert name',
          security: secured,
          parameters: [q('start_time', 'Default end_time - 7d'), q('end_time', 'Default now; the window is at most 90 days')],
          responses: { '200': json(ref('FiringCounts'), 'Counts'), ...errors },
        },
      },
      '/api/v1/alerts/heatmap': {
        get: {
          summary: 'Firing seconds and occurrences started by weekday (Monday first) and hour of a time zone',
          security: secured,
          parameters: [q('alertname', 'One alert name; default all'), q('start_time', 'Default end_time - 28d'), q('end_time', 'Default now; the window is at most 90 days'), q('timezone', 'IANA zone, default UTC')],
          responses: { '200': json(ref('Heatmap'), '7×24 grids'), ...errors },
        },
      },
      '/api/v1/alerts/acks': {
        get: { summary: 'Acknowledgements of the occurrences still firing', security: secured, responses: { '200': json(ref('AckList'), 'Open acknowledgements'), '401': errors['401'] } },
      },
      '/api/v1/silences/backtest': {
        post: {
          summary: 'Stored occurrences a silence with these matchers would have matched (firing inside a window of at most 7 days)',
          security: secured,
          requestBody: { required: true, content: { 'application/json': { schema: ref('BacktestRequest') } } },
          responses: { '200': json(ref('Backtest'), 'What the silence would have muted'), ...errors },
        },
      },
      '/api/v1/alerts/stats': {
        get: {
          summary: 'Statistics per alert name, service, severity and venue',
          security: secured,
          parameters: [q('start_time', 'Default end_time - 7d'), q('end_time', 'Default now'), q('top', 'Size of the noisiest list, 1..100', { type: 'integer' })],
          responses: { '200': json(ref('Stats'), 'Statistics'), ...errors },
        },
      },
      '/api/v1/reports/daily': {
        post: {
          summary: 'Build the daily report now and send it by email and Slack',
          security: secured,
          requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { date: { type: 'string', format: 'date' }, send: { type: 'boolean' } } } } } },
          responses: { '200': json(ref('DailyReport'), 'The report and where it was sent'), ...errors },
        },
      },
      '/api/v1/openapi.json': { get: { summary: 'This document', security: secured, responses: { '200': { description: 'OpenAPI 3.1 document' }, '401': errors['401'] } } },
    }),
  };
}
