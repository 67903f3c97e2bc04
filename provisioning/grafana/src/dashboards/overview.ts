// The first screen (Grafana's home dashboard): is everything up and healthy, what fires, how the budgets,
// order flow, P&L, risk, hosts, venues and research farm stand; each panel links to its detailed dashboard.
import { stat, table, timeseries, vigilDashboard } from '../builders.js';

const RI = '[$__rate_interval]';
const link = (title: string, url: string) => ({ link: { title: `${title} dashboard`, url } });
const HEALTH = { '0': { text: 'healthy', color: 'green' }, '1': { text: 'degraded', color: 'orange' }, '2': { text: 'unhealthy', color: 'red' } };
const UP = { '0': { text: 'down', color: 'red' }, '1': { text: 'up', color: 'green' } };
// 0 healthy, 1 degraded, 2 unhealthy: the state sets of the exporter kit and @vigil/instrument as one number.
const healthCode = (by: string) =>
  `max by (${by}) ({__name__=~".+_health_status", state="degraded"}) + 2 * max by (${by}) ({__name__=~".+_health_status", state="unhealthy"})`;

const checkCode = `max by (job, instance, service, check) ({__name__=~".+_health_check_status", state="degraded"}) + 2 * max by (job, instance, service, check) ({__name__=~".+_health_check_status", state="unhealthy"})`;

export const overview = () =>
  vigilDashboard({
    uid: 'vigil-overview',
    title: 'Vigil / Platform overview',
    description: 'The first screen: targets and their health, firing alerts, SLO budgets, order flow, P&L and risk, hosts, venues and research; each panel links to its dashboard.',
    tags: ['overview'],
    variables: [],
    time: { from: 'now-3h', to: 'now' },
    top: [
      stat('Targets down', ['count(up == 0) or vector(0)'], link('Hosts', '/d/vigil-hosts/hosts')),
      stat('Unhealthy or degraded', [`count(${healthCode('job, instance')} > 0) or vector(0)`], {
        ...link('Services', '/d/vigil-services/services'),
        description: 'Targets whose /health is degraded (a non-critical check fails) or unhealthy (a critical one does).',
      }),
      stat('Critical alerts firing', ['count(ALERTS{alertstate="firing", severity="critical"}) or vector(0)'], link('Alerts', '/d/vigil-alerts/alerts')),
      stat('Warnings firing', ['count(ALERTS{alertstate="firing", severity="warning"}) or vector(0)'], link('Alerts', '/d/vigil-alerts/alerts')),
    ],
    rows: [
      [
        'Services',
        [
          table(
            'Scrape targets and health',
            [
              ['max by (job, instance) (up)', 'up'],
              [healthCode('job, instance'), 'health'],
            ],
            { ...link('Services', '/d/vigil-services/services'), w: 12, mappings: { ...UP, '2': HEALTH['2'] } },
          ),
          table('Health checks', [[checkCode, 'state']], {
            ...link('Services', '/d/vigil-services/services'),
            w: 6,
            mappings: HEALTH,
            description: 'Every dependency check of every exporter and service; a critical="false" check only degrades its target.',
          }),
          stat('Firing alerts by severity', [['count by (severity) (ALERTS{alertstate="firing"})', '{{severity}}']], {
            ...link('Alerts', '/d/vigil-alerts/alerts'),
            w: 6,
          }),
        ],
      ],
      [
        'Service levels',
        [
          timeseries('SLO error budget remaining', [['slo:period_error_budget_remaining:ratio', '{{service}} {{slo}}']], {
            ...link('SLOs', '/d/vigil-slo/slos'),
            unit: 'percentunit',
            w: 12,
          }),
          timeseries('HTTP error ratio by service', [['service:http_requests_errors:ratio_rate5m', '{{service}}']], {
            ...link('Services', '/d/vigil-services/services'),
            unit: 'percentunit',
            w: 12,
          }),
        ],
      ],
      [
        'Trading',
        [
          stat('Orders / s', [`sum(rate(trading_orders_submitted_total${RI}))`], { ...link('Trading', '/d/vigil-trading/trading'), unit: 'ops' }),
          stat('Reject ratio', [`sum(rate(trading_order_rejects_total${RI})) / sum(rate(trading_orders_submitted_total${RI}))`], {
            ...link('Trading', '/d/vigil-trading/trading'),
            unit: 'percentunit',
          }),
          stat('P&L (realised + unrealised)', ['sum(trading_realized_pnl) + sum(trading_position_unrealized_pnl)'], link('Trading', '/d/vigil-trading/trading')),
          stat('Drawdown', ['max(trading_drawdown_ratio)'], { ...link('Trading', '/d/vigil-trading/trading'), unit: 'percentunit' }),
          timeseries(
            'Order flow by venue',
            [
              [`sum by (venue) (rate(trading_orders_submitted_total${RI}))`, 'submitted {{venue}}'],
              [`sum by (venue) (rate(trading_order_rejects_total${RI}))`, 'rejected {{venue}}'],
            ],
            { ...link('Trading', '/d/vigil-trading/trading'), unit: 'ops' },
          ),
          timeseries('Portfolio value', [['trading_portfolio_value', '{{account}}']], link('Trading', '/d/vigil-trading/trading')),
        ],
      ],
      [
        'Risk',
        [
          timeseries(
            'Limit utilisation (worst per scope)',
            [['max by (scope) (trading_exposure_limit_utilisation_ratio)', '{{scope}}']],
            { ...link('Trading', '/d/vigil-trading/trading'), unit: 'percentunit', min: 0 },
          ),
          timeseries(
            'Value at risk and its limit',
            [
              ['trading_portfolio_value_at_risk', 'VaR {{account}}'],
              ['trading_portfolio_value_at_risk_limit', 'limit {{account}}'],
            ],
            link('Trading', '/d/vigil-trading/trading'),
          ),
        ],
      ],
      [
        'Hosts and venues',
        [
          table(
            'Host saturation',
            [
              ['max by (instance) (instance:node_cpu_utilisation:rate5m)', 'CPU'],
              ['max by (instance) (instance:node_memory_utilisation:ratio)', 'memory'],
              ['max by (instance) (instance_mountpoint:node_filesystem_usage:ratio)', 'fullest disk'],
            ],
            { ...link('Hosts', '/d/vigil-hosts/hosts'), unit: 'percentunit' },
          ),
          table('Exchange health', [['max by (venue) (trading_exchange_up)', 'up']], { ...link('Exchanges', '/d/vigil-exchanges/exchanges'), mappings: UP, w: 6 }),
          stat('Research jobs queued / running / stalled', [
            ['sum(trading_jobs{state="queued"})', 'queued'],
            ['sum(trading_jobs{state="running"})', 'running'],
            ['sum(trading_jobs_stalled)', 'stalled'],
          ], { ...link('Research', '/d/vigil-research/research'), w: 6 }),
        ],
      ],
    ],
  });
