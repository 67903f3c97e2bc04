// Account state as the venue reports it (read-only keys): balances by currency, derivative positions and the
// open-order count, from the background polls. Bounded: at most MAX_CURRENCIES currencies per venue (the largest
// totals), positions only for the venue's configured symbols (others fold into "other"), orders counted by
// configured symbol likewise.
import { GaugeVec, type MetricFamily } from '@vigil/exporter-kit';
import { BY_VENUE } from './by-venue.js';

export const MAX_CURRENCIES = 50;

export interface CcxtBalance {
  free?: Record<string, number | undefined>;
  used?: Record<string, number | undefined>;
  total?: Record<string, number | undefined>;
}

export interface CcxtPosition {
  symbol?: string;
  side?: string;
  contracts?: number;
  contractSize?: number;
  entryPrice?: number;
  markPrice?: number;
  unrealizedPnl?: number;
  liquidationPrice?: number;
}

export interface CcxtOrder {
  symbol?: string;
}

/** |mark − liquidation| / mark: how far the mark may move (as a share of itself) before the position is liquidated. */
export function liquidationDistance(p: CcxtPosition): number | undefined {
  const { markPrice: mark, liquidationPrice: liq } = p;
  if (mark === undefined || liq === undefined || !(mark > 0) || !(liq > 0)) return undefined;
  return Math.abs(mark - liq) / mark;
}

/** Signed size in base units: contracts × contract size, negative when short. */
export function positionQuantity(p: CcxtPosition): number | undefined {
  if (p.contracts === undefined || p.contracts === null) return undefined;
  const q = p.contracts * (p.contractSize ?? 1);
  return p.side === 'short' ? -Math.abs(q) : Math.abs(q);
}

export class AccountMetrics {
  readonly balance = new GaugeVec(
    'trading_exchange_balance',
    'Balance the venue reports for the account, by currency and state (free, used, total), from the background fetchBalance poll.',
    ['venue', 'currency', 'state'],
    BY_VENUE,
  );
  readonly positionQuantity = new GaugeVec(
    'trading_exchange_position_quantity',
    'Open derivative position the venue reports, in base units (contracts x contract size), negative when short; from the background fetchPositions poll.',
    ['venue', 'symbol'],
    BY_VENUE,
  );
  readonly entryPrice = new GaugeVec(
    'trading_exchange_position_entry_price',
    'Average entry price of the open position, as the venue reports it.',
    ['venue', 'symbol'],
    BY_VENUE,
  );
  readonly markPrice = new GaugeVec(
    'trading_exchange_position_mark_price',
    'Mark price of the open position, as the venue reports it.',
    ['venue', 'symbol'],
    BY_VENUE,
  );
  readonly unrealizedPnl = new GaugeVec(
    'trading_exchange_position_unrealized_pnl',
    'Unrealised profit and loss of the open position in its settlement currency, as the venue reports it.',
    ['venue', 'symbol'],
    BY_VENUE,
  );
  readonly liquidationDistance = new GaugeVec(
    'trading_exchange_position_liquidation_distance_ratio',
    'How far the mark price may move before the position is liquidated, as a share of the mark price: |mark - liquidation| / mark.',
    ['venue', 'symbol'],
    BY_VENUE,
  );
  readonly openOrders = new GaugeVec(
    'trading_exchange_open_orders',
    'Open orders the venue reports for the account, by configured symbol (others as "other"), from the background fetchOpenOrders poll.',
    ['venue', 'symbol'],
    BY_VENUE,
  );

  private readonly positionFamilies = [
    this.positionQuantity,
    this.entryPrice,
    this.markPrice,
    this.unrealizedPnl,
    this.liquidationDistance,
  ];

  setBalance(venue: string, b: CcxtBalance): void {
    this.balance.removeWhere('venue', venue);
    const totals = Object.entries(b.total ?? {})
      .filter(([, v]) => typeof v === 'number' && v !== 0)
      .sort((x, y) => Math.abs(y[1]!) - Math.abs(x[1]!))
      .slice(0, MAX_CURRENCIES);
    for (const [currency, total] of totals) {
      this.balance.child([venue, currency, 'total']).value = total!;
      const free = b.free?.[currency];
      const used = b.used?.[currency];
      if (typeof free === 'number') this.balance.child([venue, currency, 'free']).value = free;
      if (typeof used === 'number') this.balance.child([venue, currency, 'used']).value = used;
    }
  }

  /** Replaces the venue's positions: a position closed at the venue disappears here too. */
  setPositions(venue: string, positions: readonly CcxtPosition[], symbols: readonly string[]): void {
    for (const f of this.positionFamilies) f.removeWhere('venue', venue);
    for (const p of positions) {
      const qty = positionQuantity(p);
      if (qty === undefined || qty === 0 || !p.symbol) continue;
      const symbol = symbols.includes(p.symbol) ? p.symbol : 'other';
      const key = [venue, symbol];
      this.positionQuantity.child(key).value += qty;
      if (symbol === 'other') continue;
      if (p.entryPrice !== undefined) this.entryPrice.child(key).value = p.entryPrice;
      if (p.markPrice !== undefined) this.markPrice.child(key).value = p.markPrice;
      if (p.unrealizedPnl !== undefined) this.unrealizedPnl.child(key).value = p.unrealizedPnl;
      const d = liquidationDistance(p);
      if (d !== undefined) this.liquidationDistance.child(key).value = d;
    }
  }

  setOpenOrders(venue: string, orders: readonly CcxtOrder[], symbols: readonly string[]): void {
    this.openOrders.removeWhere('venue', venue);
    this.openOrders.child([venue, 'other']);
    for (const s of symbols) this.openOrders.child([venue, s]);
    for (const o of orders)
      this.openOrders.child([venue, o.symbol && symbols.includes(o.symbol) ? o.symbol : 'other']).value++;
  }

  removeVenue(venue: string): void {
    for (const f of [this.balance, this.openOrders, ...this.positionFamilies]) f.removeWhere('venue', venue);
  }

  families(): MetricFamily[] {
    return [this.balance, this.openOrders, ...this.positionFamilies].map((f) => f.family());
  }
}
