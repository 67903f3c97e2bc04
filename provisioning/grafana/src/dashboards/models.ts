// Models and strategies: inference latency, prediction outcomes, accuracy, signals, backtests.
import { stat, table, timeseries, vigilDashboard } from '../builders.js';

const M = 'model=~"$model"';
const ST = 'strategy=~"$strategy"';
const RI = '[$__rate_interval]';
const quantile = (q: number) =>
  `histogram_quantile(${q}, sum by (le, model) (rate(trading_model_inference_duration_seconds_bucket{${M}}${RI})))`;

export const models = () =>
  vigilDashboard({
    uid: 'vigil-models',
    title: 'Vigil / Models and strategies',
    description: 'ML model inference and accuracy, strategy signals and backtests from the trading exporter.',
    tags: ['trading', 'models'],
    variables: [
      { name: 'model', label: 'Model', metric: 'trading_model_inference_duration_seconds_count' },
      { name: 'strategy', label: 'Strategy', metric: 'trading_strategy_signals_total' },
    ],
    top: [
      stat('Predictions / s', [`sum(rate(trading_model_predictions_total{${M}}${RI}))`], { unit: 'ops' }),
      stat('Worst 1h accuracy', [`min(trading_model_accuracy_ratio{${M}, window="1h"})`], {
        unit: 'percentunit',
      }),
      stat('Worst p95 inference', [`max(model:trading_model_inference_duration_seconds:p95_rate5m{${M}})`], {
        unit: 's',
      }),
      stat('Failed backtests (24h)', [
        `sum(increase(trading_jobs_completed_total{kind="backtest", outcome="failed", ${ST}}[1d]))`,
      ]),
    ],
    rows: [
      [
        'Inference',
        [
          timeseries(
            'Inference latency',
            [
              [quantile(0.5), 'p50 {{model}}'],
              [quantile(0.95), 'p95 {{model}}'],
              [quantile(0.99), 'p99 {{model}}'],
            ],
            { unit: 's' },
          ),
          timeseries(
            'Inferences by model and version',
            [
              [
                `sum by (model, version) (rate(trading_model_inference_duration_seconds_count{${M}}${RI}))`,
                '{{model}} {{version}}',
              ],
            ],
            { unit: 'ops' },
          ),
        ],
      ],
      [
        'Accuracy',
        [
          timeseries(
            'Accuracy by model, version and window',
            [[`trading_model_accuracy_ratio{${M}}`, '{{model}} {{version}} {{window}}']],
            { unit: 'percentunit', min: 0, max: 1 },
          ),
          timeseries(
            'Prediction outcomes',
            [
              [
                `sum by (model, outcome) (rate(trading_model_predictions_total{${M}}${RI}))`,
                '{{model}} {{outcome}}',
              ],
            ],
            { unit: 'ops', stack: true },
          ),
        ],
      ],
      [
        'Strategies',
        [
          timeseries(
            'Signals by strategy and type',
            [
              [
                `sum by (strategy, signal_type) (rate(trading_strategy_signals_total{${ST}}${RI}))`,
                '{{strategy}} {{signal_type}}',
              ],
            ],
            { unit: 'ops' },
          ),
          timeseries(
            'Strategy decision time p95',
            [
              [
                `histogram_quantile(0.95, sum by (le, strategy) (rate(trading_strategy_execution_duration_seconds_bucket{${ST}}${RI})))`,
                '{{strategy}}',
              ],
            ],
            { unit: 's', description: 'Decision cycle reported with strategy.signal (executionSeconds).' },
          ),
          timeseries(
            'Latest signal confidence',
            [[`trading_strategy_signal_confidence_ratio{${ST}}`, '{{strategy}} {{signal_type}}']],
            { unit: 'percentunit', min: 0, max: 1 },
          ),
          table('Latest successful backtest', [
            [`trading_backtest_sharpe_ratio{${ST}}`, 'Sharpe'],
            [`trading_backtest_max_drawdown_ratio{${ST}}`, 'Max drawdown'],
            [`trading_backtest_total_return_ratio{${ST}}`, 'Total return'],
            [`time() - trading_backtest_last_completed_timestamp_seconds{${ST}}`, 'Age (s)'],
          ]),
          timeseries(
            'Backtests by outcome',
            [
              [
                `sum by (strategy, outcome) (increase(trading_jobs_completed_total{kind="backtest", ${ST}}[1h]))`,
                '{{strategy}} {{outcome}}',
              ],
            ],
            { description: 'Backtests completed per hour.' },
          ),
        ],
      ],
    ],
  });
