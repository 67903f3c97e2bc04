// Strategy signals and the latest backtest results per strategy.
import type { MetricFamily } from '@vigil/exporter-kit';
import type { BacktestCompleted } from '../events.js';
import { OTHER } from '../labels/label-guard.js';
import { LabelSetBudget, labelKey, labelValues, type BudgetOptions } from '../labels/label-set-budget.js';
import type { BudgetMetrics } from '../metrics/budget-metrics.js';
import { CounterVec, GaugeVec, HistogramVec, observe } from '../metrics/series.js';

/** 5 ms .. 10 s, with 0.5 s as a bound: the strategy-engine SLO counts decision cycles under 500 ms. */
export const EXECUTION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class StrategyMetrics {
  readonly signals = new CounterVec('trading_strategy_signals_total', 'Signals emitted by strategies, by signal type.', ['strategy', 'signal_type']);
  readonly confidence = new GaugeVec('trading_strategy_signal_confidence_ratio', 'Confidence of the latest signal (0..1).', [
    'strategy',
    'signal_type',
  ]);
  readonly execution = new HistogramVec(
    'trading_strategy_execution_duration_seconds',
    'Decision cycle of a strategy: from the market-data update to its decision/order (executionSeconds of strategy.signal).',
    ['strategy'],
    EXECUTION_BUCKETS,
  );
  readonly jobs = new CounterVec('trading_jobs_completed_total', 'Research jobs completed, by kind (backtest from backtest.completed, any kind from job.completed) and outcome (succeeded, failed, canceled).', [
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

  /** (strategy, signal_type) label sets; past the budget signals count under (other, other). */
  readonly budget: LabelSetBudget;

  constructor(
    private readonly budgetMetrics: BudgetMetrics,
    budget: BudgetOptions,
  ) {
    this.budget = new LabelSetBudget('signals', budget, budgetMetrics, (key) => {
      const labels = labelValues(key);
      this.signals.remove(labels);
      this.confidence.remove(labels);
    });
  }

  signal(strategy: string, signalType: string, confidence: number, executionSeconds: number | undefined, now: number): void {
    const own = strategy !== OTHER && signalType !== OTHER && this.budget.admit(labelKey([strategy, signalType]), now) !== undefined;
    const labels = own ? [strategy, signalType] : [OTHER, OTHER];
    this.signals.child(labels).value++;
    // The latest confidence of several folded series would be any one of them: not exported.
    if (own) this.confidence.child(labels).value = confidence;
    else this.budgetMetrics.droppedSnapshot('signals');
    // Signals without a timing still count above; the histogram holds only measured cycles.
    if (executionSeconds !== undefined) observe(this.execution.child([strategy]), executionSeconds);
  }

  backtest(strategy: string, e: BacktestCompleted): void {
    this.jobs.child(['backtest', strategy, e.outcome]).value++;
    // Both outcomes exist from the first job so increase() of failures is defined.
    this.jobs.child(['backtest', strategy, e.outcome === 'failed' ? 'succeeded' : 'failed']);
    if (e.outcome === 'failed') return;
    if (strategy === OTHER) {
      this.budgetMetrics.droppedSnapshot('backtests');
      return;
    }
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
      this.execution.family(),
      this.jobs.family(),
      this.sharpe.family(),
      this.maxDrawdown.family(),
      this.totalReturn.family(),
      this.lastBacktest.family(),
    ];
  }
}
