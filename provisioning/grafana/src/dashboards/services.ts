// Services: HTTP RED (rate, errors, duration) from @vigil/instrument's middleware metrics.
import { stat, timeseries, vigilDashboard } from '../builders.js';

const S = 'service=~"$service"';
const RI = '[$__rate_interval]';
const quantile = (q: number, by: string) =>
  `histogram_quantile(${q}, sum by (le, ${by}) (rate(http_request_duration_seconds_bucket{${S}}${RI})))`;

export const services = () =>
  vigilDashboard({
    uid: 'vigil-services',
    title: 'Vigil / Services',
    description:
      'HTTP RED for platform services instrumented with @vigil/instrument (http_requests_total, http_request_duration_seconds).',
    tags: ['services'],
    variables: [{ name: 'service', label: 'Service', metric: 'http_requests_total' }],
    top: [
      stat('Requests / s', [`sum(service:http_requests:rate5m{${S}})`], { unit: 'reqps' }),
      stat('5xx ratio', [`max(service:http_requests_errors:ratio_rate5m{${S}})`], { unit: 'percentunit' }),
      stat('p95 latency', [`max(service:http_request_duration_seconds:p95_rate5m{${S}})`], { unit: 's' }),
      stat('In flight', [`sum(http_requests_in_flight{${S}})`]),
    ],
    rows: [
      [
        'Rate',
        [
          timeseries(
            'Requests by service',
            [[`sum by (service) (rate(http_requests_total{${S}}${RI}))`, '{{service}}']],
            { unit: 'reqps' },
          ),
          timeseries(
            'Requests by route',
            [
              [
                `sum by (service, method, route) (rate(http_requests_total{${S}}${RI}))`,
                '{{service}} {{method}} {{route}}',
              ],
            ],
            { unit: 'reqps' },
          ),
        ],
      ],
      [
        'Errors',
        [
          timeseries(
            'Responses by status',
            [[`sum by (service, status) (rate(http_requests_total{${S}}${RI}))`, '{{service}} {{status}}']],
            { unit: 'reqps', stack: true },
          ),
          timeseries(
            '5xx ratio by route',
            [
              [
                `sum by (service, route) (rate(http_requests_total{${S}, status=~"5.."}${RI})) / sum by (service, route) (rate(http_requests_total{${S}}${RI}))`,
                '{{service}} {{route}}',
              ],
            ],
            { unit: 'percentunit', min: 0 },
          ),
        ],
      ],
      [
        'Duration',
        [
          timeseries(
            'Latency by service',
            [
              [quantile(0.5, 'service'), 'p50 {{service}}'],
              [quantile(0.95, 'service'), 'p95 {{service}}'],
              [quantile(0.99, 'service'), 'p99 {{service}}'],
            ],
            { unit: 's' },
          ),
          timeseries('p95 latency by route', [[quantile(0.95, 'service, route'), '{{service}} {{route}}']], {
            unit: 's',
          }),
          timeseries('Requests in flight', [
            [`sum by (service) (http_requests_in_flight{${S}})`, '{{service}}'],
          ]),
        ],
      ],
    ],
  });
