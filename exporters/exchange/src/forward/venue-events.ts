// Turning the venue's own orders and trades (ccxt's unified structures) into Vigil trading events. Pure.
export interface CcxtOrderRecord {
  id?: string;
  timestamp?: number;
  lastUpdateTimestamp?: number;
  symbol?: string;
  type?: string;
  side?: string;
  amount?: number;
  price?: number;
  status?: string;
}

export interface CcxtTradeRecord {
  id?: string;
  order?: string;
  timestamp?: number;
  symbol?: string;
  side?: string;
  amount?: number;
  price?: number;
  takerOrMaker?: string;
  fee?: { cost?: number; currency?: string };
}

export type TradingEvent = Record<string, unknown> & { type: string; ts: number };

/** Event stages of an order the bridge has sent, so each is sent once. */
export type OrderStage = 'submitted' | 'final';

const FINAL: Record<string, string> = { canceled: 'order.canceled', cancelled: 'order.canceled', expired: 'order.expired', rejected: 'order.rejected' };

/** order.submitted + order.acknowledged for a venue order, with the mid at its creation as arrival price. */
export function submittedEvents(venue: string, o: CcxtOrderRecord, arrivalPrice: number | undefined): TradingEvent[] {
  if (!o.id || !o.symbol || !(o.amount! > 0) || (o.side !== 'buy' && o.side !== 'sell') || typeof o.timestamp !== 'number') return [];
  const submitted: TradingEvent = {
    type: 'order.submitted',
    ts: o.timestamp,
    orderId: o.id,
    venue,
    symbol: o.symbol,
    strategy: 'venue',
    side: o.side,
    orderType: o.type ?? 'unknown',
    quantity: o.amount!,
  };
  if (o.price! > 0 && o.type !== 'market') submitted.limitPrice = o.price;
  if (arrivalPrice! > 0) submitted.arrivalPrice = arrivalPrice;
  return [submitted, { type: 'order.acknowledged', ts: o.timestamp, orderId: o.id }];
}

/** The final event of an order that ended without filling fully (a filled order ends with its fills). */
export function finalEvent(o: CcxtOrderRecord, nowMs: number): TradingEvent | undefined {
  const type = o.status ? FINAL[o.status] : undefined;
  if (!type || !o.id) return undefined;
  const ev: TradingEvent = { type, ts: o.lastUpdateTimestamp ?? o.timestamp ?? nowMs, orderId: o.id };
  if (type === 'order.rejected') ev.reason = 'venue_rejected';
  return ev;
}

export function fillEvent(t: CcxtTradeRecord): TradingEvent | undefined {
  if (!t.id || !t.order || !(t.amount! > 0) || !(t.price! > 0) || typeof t.timestamp !== 'number') return undefined;
  const ev: TradingEvent = { type: 'order.filled', ts: t.timestamp, orderId: t.order, fillId: t.id, fillQuantity: t.amount!, fillPrice: t.price! };
  if (typeof t.fee?.cost === 'number') ev.fee = t.fee.cost;
  if (t.fee?.currency) ev.feeCurrency = t.fee.currency.slice(0, 16);
  if (t.takerOrMaker === 'maker' || t.takerOrMaker === 'taker') ev.liquidity = t.takerOrMaker;
  return ev;
}

export function quoteEvent(venue: string, symbol: string, bid: number, ask: number, ts: number): TradingEvent | undefined {
  if (!(bid > 0) || !(ask >= bid)) return undefined;
  return { type: 'market.quote', ts, venue, symbol, bid, ask };
}
