// Strategy signals and the latest backtest results per strategy.
import type { MetricFamily } from '@vigil/exporter-kit';
import type { BacktestCompleted } from '../events.js';
import { CounterVec, GaugeVec } from '../metrics/series.js';

export class StrategyMetrics {
  readonly signals = new CounterVec('trading_strategy_signals_total', 'Signals emitted by strategies, by signal type.', ['strategy', 'signal_type']);
  readonly confidence = new GaugeVec('trading_strategy_signal_confidence_ratio', 'Confidence of the latest signal (0..1).', [
    'strategy',
    'signal_type',
  ]);
  readonly jobs = new CounterVec('trading_jobs_completed_total', 'Strategy jobs completed (kind: backtest), by outcome (succeeded, failed).', [
    'kind',
    'strategy',
    'outcome',
  ]);
  readonly sharpe = new GaugeVec('trading_backtest_sharpe_ratio', 'Sharpe ratio of the latest backtest.', ['strategy']);
  readonly maxDrawdown = new GaugeVec('trading_backtest_max_drawdown_ratio', 'Maximum drawdown of the latest backtest (0..1).', ['strategy']);
  readonly totalReturn = new GaugeVec('trading_backtest_total_return_ratio', 'Total return of the latest backtest (0.1 = +10%).', ['strategy']);
  readonly lastBacktest = new GaugeVec('trading_backtest_last_completed_timestamp_seconds', 'When the latest backtest completed (event time).', [
    'strategy',
  ]);

  signal(strategy: string, signalType: string, confidence: number): void {
    const labels = [strategy, signalType];
    this.signals.child(labels).value++;
    this.confidence.child(labels).value = confidence;
  }

  backtest(strategy: string, e: BacktestCompleted): void {
    this.jobs.child(['backtest', strategy, e.outcome]).value++;
    // Both outcomes exist from the first job so increase() of failures is defined.
    this.jobs.child(['backtest', strategy, e.outcome === 'failed' ? 'succeeded' : 'failed']);
    if (e.outcome === 'failed') return;
    const labels = [strategy];
    const last = this.lastBacktest.child(labels);
    // A backtest reported late does not replace a newer one's figures.
    if (e.ts / 1000 < last.value) return;
    last.value = e.ts / 1000;
    this.sharpe.child(labels).value = e.sharpe ?? NaN;
    this.maxDrawdown.child(labels).value = e.maxDrawdown ?? NaN;
    this.totalReturn.child(labels).value = e.totalReturn ?? NaN;
  }

  families(): MetricFamily[] {
    return [
      this.signals.family(),
      this.confidence.family(),
      this.jobs.family(),
      this.sharpe.family(),
      this.maxDrawdown.family(),
      this.totalReturn.family(),
      this.lastBacktest.family(),
    ];
  }
}
