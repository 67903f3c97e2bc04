// Exposure from the latest position snapshots: gross (Σ |notional|) and net (Σ notional) per venue, asset and
// strategy, across accounts; notional = quantity × mark price, in the quote currency (one reporting currency is
// assumed across symbols, as for the position metrics).
import type { ExposureScope } from './risk-limits.js';

export interface PositionRecord {
  venue: string;
  account: string;
  symbol: string;
  strategy: string;
  quantity: number;
  markPrice: number;
}

export interface Exposure {
  gross: number;
  net: number;
}

/** The base asset of a symbol: BTC of BTC/USDT and of BTC/USDT:USDT (a ccxt perpetual); AAPL of AAPL. */
export function assetOf(symbol: string): string {
  const i = symbol.search(/[/:]/);
  return i > 0 ? symbol.slice(0, i) : symbol;
}

export function exposures(positions: Iterable<PositionRecord>): Record<ExposureScope, Map<string, Exposure>> {
  const out: Record<ExposureScope, Map<string, Exposure>> = { venue: new Map(), asset: new Map(), strategy: new Map() };
  for (const p of positions) {
    const notional = p.quantity * p.markPrice;
    const keys: Record<ExposureScope, string> = { venue: p.venue, asset: assetOf(p.symbol), strategy: p.strategy };
    for (const scope of ['venue', 'asset', 'strategy'] as const) {
      const m = out[scope];
      const e = m.get(keys[scope]) ?? { gross: 0, net: 0 };
      e.gross += Math.abs(notional);
      e.net += notional;
      m.set(keys[scope], e);
    }
  }
  return out;
}
