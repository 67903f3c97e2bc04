// What the label-set budgets did, per metric group: label sets held and allowed, label sets folded into
// `other` because the group was full, idle label sets evicted, and snapshots dropped because their label
// set folded into `other` (a latest-value gauge cannot hold the values of several series).
import type { MetricFamily } from '@vigil/exporter-kit';
import { CounterVec, GaugeVec } from './series.js';

export type SnapshotGroup = 'positions' | 'balances' | 'portfolio' | 'signals' | 'backtests';

export class BudgetMetrics {
  readonly labelSets = new GaugeVec('trading_series_label_sets', 'Label sets held by a metric group (each one series per family of the group).', ['group']);
  readonly limit = new GaugeVec('trading_series_label_sets_limit', 'Most label sets a metric group admits before new ones fold into "other" (--limits.*-label-sets).', ['group']);
  readonly foldedTotal = new CounterVec(
    'trading_series_folded_total',
    'New label sets folded into the group\'s "other" label set because the group held its limit of label sets.',
    ['group'],
  );
  readonly evictedTotal = new CounterVec(
    'trading_series_evicted_total',
    'Label sets removed (their series deleted) after no write for --limits.label-set-idle.',
    ['group'],
  );
  readonly snapshotsDropped = new CounterVec(
    'trading_snapshots_dropped_total',
    'Snapshot events (latest-value gauges) not exported because a label folded into "other": several series cannot share one latest value.',
    ['group'],
  );

  constructor() {
    for (const g of ['positions', 'balances', 'portfolio', 'signals', 'backtests'] satisfies SnapshotGroup[]) this.snapshotsDropped.child([g]);
  }

  declare(group: string, limit: number): void {
    this.limit.child([group]).value = limit;
    this.labelSets.child([group]);
    this.foldedTotal.child([group]);
    this.evictedTotal.child([group]);
  }

  size(group: string, n: number): void {
    this.labelSets.child([group]).value = n;
  }

  folded(group: string): void {
    this.foldedTotal.child([group]).value++;
  }

  evicted(group: string, n: number): void {
    this.evictedTotal.child([group]).value += n;
  }

  droppedSnapshot(group: SnapshotGroup): void {
    this.snapshotsDropped.child([group]).value++;
  }

  families(): MetricFamily[] {
    return [this.labelSets.family(), this.limit.family(), this.foldedTotal.family(), this.evictedTotal.family(), this.snapshotsDropped.family()];
  }
}
