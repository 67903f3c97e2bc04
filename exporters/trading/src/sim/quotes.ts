// Top-of-book quotes per venue and symbol, for markouts: every venue quotes the symbol's price with a spread that
// widens with volatility. A toxic venue (the toxic-venue incident) is one whose fills are followed by the market
// moving against them: each fill there pushes that venue's mid against the fill's side, an offset that fades.
import type { Market } from './market.js';
import type { RawEvent } from './order-flow.js';

/** How far a fill on a toxic venue moves that venue's mid against it (bp), and how fast that fades. */
export const TOXIC_IMPACT_BP = 8;
const TOXIC_FADE_S = 30;
/** Half the spread in calm conditions (bp); scaled by the symbol's volatility ratio. */
const HALF_SPREAD_BP = 0.5;

const round = (p: number) => Number(p.toPrecision(8));

export class VenueQuotes {
  /** `venue symbol` → the venue's mid offset (a ratio) against the symbol's price. */
  private readonly offsets = new Map<string, number>();
  private nextAt = 0;

  constructor(
    private readonly venues: readonly string[],
    private readonly everyMs: number,
  ) {}

  /** A fill on a toxic venue: that venue's mid moves against the fill (down after a buy, up after a sell). */
  toxicFill(venue: string, symbol: string, sign: number): void {
    const key = `${venue} ${symbol}`;
    this.offsets.set(key, (this.offsets.get(key) ?? 0) - (sign * TOXIC_IMPACT_BP) / 1e4);
  }

  /** Fades the offsets over dt seconds. */
  step(dtSeconds: number): void {
    const keep = Math.exp(-dtSeconds / TOXIC_FADE_S);
    for (const [k, v] of this.offsets) {
      if (Math.abs(v * keep) < 1e-7) this.offsets.delete(k);
      else this.offsets.set(k, v * keep);
    }
  }

  /** The venues' quotes at `now`, one per venue and symbol every `everyMs`. */
  quotes(now: number, market: Market): RawEvent[] {
    if (now < this.nextAt) return [];
    this.nextAt = now + this.everyMs;
    const out: RawEvent[] = [];
    for (const p of market.paths) {
      const half = (HALF_SPREAD_BP * p.volRatio) / 1e4;
      for (const venue of this.venues) {
        const mid = p.price * (1 + (this.offsets.get(`${venue} ${p.spec.symbol}`) ?? 0));
        out.push({ type: 'market.quote', ts: now, venue, symbol: p.spec.symbol, bid: round(mid * (1 - half)), ask: round(mid * (1 + half)) });
      }
    }
    return out;
  }
}
