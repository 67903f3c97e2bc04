// Alerts: what fires now (Prometheus rule state and ALERTS), notification delivery by Alertmanager into the
// alert journal, and the journal's statistics (noisiest alerts, time to acknowledge/resolve) over its REST API.
import {
  DashboardLinkBuilder,
  DashboardLinkType,
  PanelBuilder,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TableBuilder } from '@grafana/grafana-foundation-sdk/table';

import { stat, table, timeseries, vigilDashboard } from '../builders.js';
import { DS_UID, JOURNAL } from '../datasources.js';
import { journalQuery } from '../infinity.js';

const RI = '[$__rate_interval]';
const J = 'vigil_alert_journal_';
// The journal's stats range follows the dashboard's time picker.
const RANGE = { start_time: '${__from:date:iso}', end_time: '${__to:date:iso}' };

/** Grafana's alert list: rule state of the Prometheus datasource (its rules are Vigil's rules/*.yml). */
function alertList(): PanelBuilder {
  return new PanelBuilder()
    .type('alertlist')
    .title('Firing and pending alerts (Prometheus rules)')
    .span(12)
    .height(10)
    .options({
      viewMode: 'list',
      groupMode: 'default',
      groupBy: [],
      maxItems: 50,
      sortOrder: 1,
      dashboardAlerts: false,
      alertName: '',
      alertInstanceLabelFilter: '',
      datasource: 'Prometheus',
      stateFilter: { firing: true, pending: true, noData: false, normal: false, error: true },
    });
}

function journalTable(title: string, rootSelector: string, w = 12): TableBuilder {
  return new TableBuilder()
    .title(title)
    .datasource(JOURNAL)
    .span(w)
    .height(8)
    .withTarget(journalQuery({ refId: 'A', path: '/api/v1/alerts/stats', rootSelector, params: RANGE }));
}

export const alerts = () =>
  vigilDashboard({
    uid: 'vigil-alerts',
    title: 'Vigil / Alerts',
    description:
      'Alert state from Prometheus, delivery through Alertmanager into the alert journal, and journal statistics.',
    tags: ['alerts'],
    variables: [],
    top: [
      stat('Firing critical', ['count(ALERTS{alertstate="firing", severity="critical"}) or vector(0)']),
      stat('Firing warning', ['count(ALERTS{alertstate="firing", severity="warning"}) or vector(0)']),
      stat('Journal: active alerts', [`sum(${J}active_alerts)`]),
      stat('Journal: failed notifications (1h)', [
        `sum(increase(${J}notifications_received_total{status=~"rejected|failed|unauthorized"}[1h])) or vector(0)`,
      ]),
    ],
    rows: [
      [
        'Now',
        [
          alertList(),
          table('Firing alerts', [['ALERTS{alertstate="firing"}', 'Firing']]),
          timeseries(
            'Firing alerts by severity',
            [['count by (severity) (ALERTS{alertstate="firing"})', '{{severity}}']],
            { stack: true, w: 24 },
          ),
        ],
      ],
      [
        'Journal',
        [
          timeseries(
            'Notifications received by status',
            [[`sum by (status) (rate(${J}notifications_received_total${RI}))`, '{{status}}']],
            { unit: 'ops', w: 8 },
          ),
          timeseries(
            'Occurrences stored',
            [
              [`sum by (change) (rate(${J}occurrences_stored_total${RI}))`, '{{change}}'],
              [`sum(rate(${J}alerts_deduplicated_total${RI}))`, 'deduplicated'],
            ],
            { unit: 'ops', w: 8 },
          ),
          timeseries(
            'Active alerts in the journal',
            [[`sum by (severity) (${J}active_alerts)`, '{{severity}}']],
            {
              w: 8,
            },
          ),
          timeseries(
            'Relay attempts by channel',
            [
              [`sum by (channel, outcome) (rate(${J}relay_attempts_total${RI}))`, '{{channel}} {{outcome}}'],
              [`sum by (channel) (rate(${J}relay_cooldown_suppressed_total${RI}))`, 'suppressed {{channel}}'],
            ],
            { unit: 'ops', w: 8 },
          ),
          timeseries(
            'Store write p95 and failures',
            [
              [
                `histogram_quantile(0.95, sum by (le) (rate(${J}store_write_duration_seconds_bucket${RI})))`,
                'p95 write',
              ],
              [`sum(rate(${J}store_write_failures_total${RI}))`, 'failures /s'],
            ],
            { unit: 's', w: 8 },
          ),
          timeseries(
            'Refused API requests',
            [
              [`sum by (route) (rate(${J}bad_requests_total${RI}))`, '400 {{route}}'],
              [`sum by (route) (rate(${J}unauthorized_requests_total${RI}))`, '401 {{route}}'],
            ],
            { unit: 'ops', w: 8 },
          ),
        ],
      ],
      [
        'Journal statistics (REST API, dashboard time range)',
        [
          journalTable('Noisiest alerts', 'noisiest'),
          journalTable('By alert name', 'by_alertname'),
          journalTable('By service', 'by_service', 8),
          journalTable('By severity', 'by_severity', 8),
          journalTable('By venue', 'by_venue', 8),
        ],
      ],
    ],
  }).link(
    // Alertmanager's own view (groups, silences) lives in Grafana Alerting through the Alertmanager datasource.
    new DashboardLinkBuilder('Alertmanager groups and silences')
      .type(DashboardLinkType.Link)
      .url(`/alerting/groups?alertmanager=${DS_UID.alertmanager}`)
      .icon('bell'),
  );
