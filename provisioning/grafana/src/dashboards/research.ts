// Research and optimisation jobs from the trading exporter's job.* events: queue, runs, outcomes, progress.
import { stat, timeseries, vigilDashboard } from '../builders.js';

const SEL = 'kind=~"$kind", strategy=~"$strategy"';
const RI = '[$__rate_interval]';
const quantile = (q: number, name: string) => `histogram_quantile(${q}, sum by (le, kind) (rate(${name}_bucket{${SEL}}${RI})))`;

export const research = () =>
  vigilDashboard({
    uid: 'vigil-research',
    title: 'Vigil / Research jobs',
    description: 'Backtests and optimisations: queued, running, stalled, run times, outcomes, progress and best objective.',
    tags: ['trading', 'research'],
    variables: [
      { name: 'kind', label: 'Kind', metric: 'trading_jobs_submitted_total' },
      { name: 'strategy', label: 'Strategy', metric: 'trading_jobs_submitted_total{kind=~"$kind"}' },
    ],
    top: [
      stat('Queued', [`sum(trading_jobs{${SEL}, state="queued"})`]),
      stat('Running', [`sum(trading_jobs{${SEL}, state="running"})`]),
      stat('Stalled', [`sum(trading_jobs_stalled{${SEL}})`]),
      stat('Failed (24h)', [`sum(increase(trading_jobs_completed_total{${SEL}, outcome="failed"}[1d]))`]),
    ],
    rows: [
      [
        'Queue',
        [
          timeseries('Jobs queued and running', [[`sum by (kind, state) (trading_jobs{${SEL}})`, '{{kind}} {{state}}']]),
          timeseries('Submissions', [[`sum by (kind) (rate(trading_jobs_submitted_total{${SEL}}${RI}))`, '{{kind}}']], { unit: 'ops' }),
          timeseries(
            'Queue wait',
            [
              [quantile(0.5, 'trading_job_queue_wait_seconds'), 'p50 {{kind}}'],
              [quantile(0.95, 'trading_job_queue_wait_seconds'), 'p95 {{kind}}'],
            ],
            { unit: 's' },
          ),
          timeseries('Stalled jobs', [[`sum by (kind, strategy) (trading_jobs_stalled{${SEL}})`, '{{kind}} {{strategy}}']]),
        ],
      ],
      [
        'Runs',
        [
          timeseries(
            'Run time',
            [
              [quantile(0.5, 'trading_job_duration_seconds'), 'p50 {{kind}}'],
              [quantile(0.95, 'trading_job_duration_seconds'), 'p95 {{kind}}'],
            ],
            { unit: 's' },
          ),
          timeseries(
            'Completions by outcome',
            [[`sum by (kind, outcome) (rate(trading_jobs_completed_total{${SEL}}${RI}))`, '{{kind}} {{outcome}}']],
            { unit: 'ops', stack: true },
          ),
          timeseries('Progress of the least advanced running job', [[`trading_job_progress_ratio{${SEL}}`, '{{kind}} {{strategy}}']], {
            unit: 'percentunit',
            min: 0,
            max: 1,
          }),
          timeseries('Best objective of running jobs', [[`trading_job_best_objective{${SEL}}`, '{{kind}} {{strategy}}']], {
            description: 'As the jobs report it, higher is better (a Sharpe ratio for the simulator).',
          }),
        ],
      ],
    ],
  });
