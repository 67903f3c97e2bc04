// Positions, P&L and balances from the desk's snapshots: the latest snapshot wins per series. A snapshot
// whose label set folds into `other` (a label past its limit, or the group past its label-set budget) is
// dropped and counted, never written: the positions of two symbols cannot share one latest value.
import type { MetricFamily } from '@vigil/exporter-kit';
import type { BalanceSnapshot, PositionSnapshot } from '../events.js';
import { OTHER } from '../labels/label-guard.js';
import { LabelSetBudget, labelKey, labelValues, type BudgetOptions } from '../labels/label-set-budget.js';
import type { BudgetMetrics, SnapshotGroup } from '../metrics/budget-metrics.js';
import { GaugeVec } from '../metrics/series.js';

const POSITION_LABELS = ['venue', 'account', 'symbol', 'strategy'] as const;
const BALANCE_LABELS = ['venue', 'account', 'currency'] as const;

export class Positions {
  readonly quantity = new GaugeVec('trading_position_quantity', 'Position size in units of the base asset (negative when short).', POSITION_LABELS);
  readonly notional = new GaugeVec('trading_position_notional', 'Position value at the mark price (quantity * mark), in the quote currency.', POSITION_LABELS);
  readonly unrealizedPnl = new GaugeVec('trading_position_unrealized_pnl', 'Unrealized P&L of the position, in the quote currency.', POSITION_LABELS);
  readonly realizedPnl = new GaugeVec('trading_realized_pnl', 'Realized P&L of the position, in the quote currency.', POSITION_LABELS);
  readonly balanceFree = new GaugeVec('trading_balance_free', 'Free balance of the currency.', BALANCE_LABELS);
  readonly balanceUsed = new GaugeVec('trading_balance_used', 'Balance of the currency in use (orders, margin).', BALANCE_LABELS);
  /** Event time of the snapshot behind each series, so an older snapshot arriving late does not win. */
  private readonly positionAsOf = new Map<string, number>();
  private readonly balanceAsOf = new Map<string, number>();
  readonly positionBudget: LabelSetBudget;
  readonly balanceBudget: LabelSetBudget;

  constructor(
    private readonly budgetMetrics: BudgetMetrics,
    budget: BudgetOptions,
    /** Told when an idle position is removed, so what is derived from it (risk) forgets it too. */
    onPositionRemoved?: (labels: string[]) => void,
  ) {
    this.positionBudget = new LabelSetBudget('positions', budget, budgetMetrics, (key) => {
      const labels = labelValues(key);
      for (const g of [this.quantity, this.notional, this.unrealizedPnl, this.realizedPnl]) g.remove(labels);
      this.positionAsOf.delete(key);
      onPositionRemoved?.(labels);
    });
    this.balanceBudget = new LabelSetBudget('balances', budget, budgetMetrics, (key) => {
      const labels = labelValues(key);
      for (const g of [this.balanceFree, this.balanceUsed]) g.remove(labels);
      this.balanceAsOf.delete(key);
    });
  }

  /** Whether the snapshot for `labels` is the newest seen and has a series of its own to go to. */
  private fresh(group: SnapshotGroup, budget: LabelSetBudget, asOf: Map<string, number>, labels: string[], ts: number, now: number): boolean {
    const key = labelKey(labels);
    if (labels.includes(OTHER) || !budget.admit(key, now)) {
      this.budgetMetrics.droppedSnapshot(group);
      return false;
    }
    const prev = asOf.get(key);
    if (prev !== undefined && prev > ts) return false;
    asOf.set(key, ts);
    return true;
  }

  /** Returns false for a snapshot not applied (older than the last one, or folded into `other`). */
  position(e: PositionSnapshot, venue: string, account: string, symbol: string, strategy: string, now: number): boolean {
    const labels = [venue, account, symbol, strategy];
    if (!this.fresh('positions', this.positionBudget, this.positionAsOf, labels, e.ts, now)) return false;
    this.quantity.child(labels).value = e.quantity;
    this.notional.child(labels).value = e.quantity * e.markPrice;
    this.unrealizedPnl.child(labels).value = e.unrealizedPnl;
    this.realizedPnl.child(labels).value = e.realizedPnl;
    return true;
  }

  balance(e: BalanceSnapshot, venue: string, account: string, currency: string, now: number): boolean {
    const labels = [venue, account, currency];
    if (!this.fresh('balances', this.balanceBudget, this.balanceAsOf, labels, e.ts, now)) return false;
    this.balanceFree.child(labels).value = e.free;
    this.balanceUsed.child(labels).value = e.used;
    return true;
  }

  sweep(now: number): void {
    this.positionBudget.sweep(now);
    this.balanceBudget.sweep(now);
  }

  families(): MetricFamily[] {
    return [
      this.quantity.family(),
      this.notional.family(),
      this.unrealizedPnl.family(),
      this.realizedPnl.family(),
      this.balanceFree.family(),
      this.balanceUsed.family(),
    ];
  }
}
