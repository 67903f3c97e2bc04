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
  readonly backtests = new CounterVec('trading_backtests_completed_total', 'Backtests completed.', ['strategy']);
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
    const labels = [strategy];
    const last = this.lastBacktest.child(labels);
    this.backtests.child(labels).value++;
    // A backtest reported late does not replace a newer one's figures.
    if (e.ts / 1000 < last.value) return;
    last.value = e.ts / 1000;
    this.sharpe.child(labels).value = e.sharpe;
    this.maxDrawdown.child(labels).value = e.maxDrawdown;
    this.totalReturn.child(labels).value = e.totalReturn;
  }

  families(): MetricFamily[] {
    return [
      this.signals.family(),
      this.confidence.family(),
      this.backtests.family(),
      this.sharpe.family(),
      this.maxDrawdown.family(),
      this.totalReturn.family(),
      this.lastBacktest.family(),
    ];
  }
}
