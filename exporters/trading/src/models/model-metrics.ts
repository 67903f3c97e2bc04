// Model quality: inference latency, predictions by outcome, and rolling accuracy per model version.
import type { MetricFamily } from '@vigil/exporter-kit';
import { OTHER } from '../labels/label-guard.js';
import { LabelSetBudget, labelKey, labelValues, type BudgetOptions } from '../labels/label-set-budget.js';
import type { BudgetMetrics } from '../metrics/budget-metrics.js';
import { CounterVec, GaugeVec, HistogramVec, observe } from '../metrics/series.js';
import { ACCURACY_WINDOWS, RollingAccuracy } from './rolling-accuracy.js';

const MODEL_LABELS = ['model', 'version'] as const;
export const INFERENCE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class ModelMetrics {
  readonly inference = new HistogramVec(
    'trading_model_inference_duration_seconds',
    'Time a model took to produce a prediction, as reported by the model service.',
    MODEL_LABELS,
    INFERENCE_BUCKETS,
  );
  readonly predictions = new CounterVec('trading_model_predictions_total', 'Predictions whose outcome is known, by outcome (correct, incorrect).', [
    ...MODEL_LABELS,
    'outcome',
  ]);
  readonly accuracy = new GaugeVec('trading_model_accuracy_ratio', 'Share of correct predictions among the outcomes whose event time falls in the window ending now.', [
    ...MODEL_LABELS,
    'window',
  ]);
  private readonly rolling = new Map<string, { labels: string[]; acc: RollingAccuracy }>();
  /** (model, version) label sets; past the budget they fold into (other, other), whose accuracy is the pooled one. */
  readonly budget: LabelSetBudget;

  constructor(budgetMetrics: BudgetMetrics, budget: BudgetOptions) {
    this.budget = new LabelSetBudget('models', budget, budgetMetrics, (key) => {
      const labels = labelValues(key);
      this.inference.remove(labels);
      for (const o of ['correct', 'incorrect']) this.predictions.remove([...labels, o]);
      for (const w of ACCURACY_WINDOWS) this.accuracy.remove([...labels, w.label]);
      this.rolling.delete(key);
    });
  }

  private labels(model: string, version: string, now: number): [string, string] {
    if (model === OTHER && version === OTHER) return [OTHER, OTHER];
    return this.budget.admit(labelKey([model, version]), now) ? [model, version] : [OTHER, OTHER];
  }

  prediction(model: string, version: string, latencySeconds: number, now: number): void {
    observe(this.inference.child(this.labels(model, version, now)), latencySeconds);
  }

  /** An outcome known at `eventMs` (the event's own time), received at `now`. */
  outcome(model: string, version: string, correct: boolean, eventMs: number, now: number): void {
    const labels = this.labels(model, version, now);
    this.predictions.child([...labels, correct ? 'correct' : 'incorrect']).value++;
    // Both outcomes exist from the first one, so rate() of either is defined.
    this.predictions.child([...labels, correct ? 'incorrect' : 'correct']);
    const key = labelKey(labels);
    let r = this.rolling.get(key);
    if (!r) this.rolling.set(key, (r = { labels, acc: new RollingAccuracy() }));
    r.acc.record(now, eventMs, correct);
  }

  families(now: number): MetricFamily[] {
    this.budget.sweep(now);
    for (const { labels, acc } of this.rolling.values()) {
      for (const w of ACCURACY_WINDOWS) {
        const ratio = acc.ratio(now, w.slots);
        if (ratio === undefined) this.accuracy.remove([...labels, w.label]);
        else this.accuracy.child([...labels, w.label]).value = ratio;
      }
    }
    return [this.inference.family(), this.predictions.family(), this.accuracy.family()];
  }
}
