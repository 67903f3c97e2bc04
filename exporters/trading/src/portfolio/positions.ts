// Positions, P&L and balances from the desk's snapshots: the latest snapshot wins per series.
import type { MetricFamily } from '@vigil/exporter-kit';
import type { BalanceSnapshot, PositionSnapshot } from '../events.js';
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
  private readonly asOf = new Map<string, number>();

  private fresh(key: string, ts: number): boolean {
    const prev = this.asOf.get(key);
    if (prev !== undefined && prev > ts) return false;
    this.asOf.set(key, ts);
    return true;
  }

  /** Returns false for a snapshot older than the last applied one (ignored). */
  position(e: PositionSnapshot, venue: string, account: string, symbol: string, strategy: string): boolean {
    const labels = [venue, account, symbol, strategy];
    if (!this.fresh(`p\u0000${labels.join('\u0000')}`, e.ts)) return false;
    this.quantity.child(labels).value = e.quantity;
    this.notional.child(labels).value = e.quantity * e.markPrice;
    this.unrealizedPnl.child(labels).value = e.unrealizedPnl;
    this.realizedPnl.child(labels).value = e.realizedPnl;
    return true;
  }

  balance(e: BalanceSnapshot, venue: string, account: string, currency: string): boolean {
    const labels = [venue, account, currency];
    if (!this.fresh(`b\u0000${labels.join('\u0000')}`, e.ts)) return false;
    this.balanceFree.child(labels).value = e.free;
    this.balanceUsed.child(labels).value = e.used;
    return true;
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
