// Plans each simulated order's whole life when it is submitted: ack, fills, final event, with latencies
// drawn lognormal per venue, slippage growing with volatility and order size, and the probabilities of
// rejects, partial fills, cancels and expiries that the current conditions (incidents) set.
import type { Book, Position } from './book.js';
import { STORM_REJECT_PROBABILITY, type Conditions } from './incidents.js';
import type { Market } from './market.js';
import type { Random } from './random.js';

export type RawEvent = Record<string, unknown> & { type: string; ts: number };

export interface Scheduled {
  at: number;
  event: RawEvent;
  /** A fill moves the book when it is emitted, not when planned. */
  fill?: { position: Position; signedQty: number; price: number; fee: number; venue: string; symbol: string };
}

export interface VenueSpec {
  name: string;
  ackMedianMs: number;
}

export const DEFAULT_VENUES: VenueSpec[] = [
  { name: 'binance', ackMedianMs: 12 },
  { name: 'okx', ackMedianMs: 18 },
  { name: 'bybit', ackMedianMs: 15 },
  { name: 'kraken', ackMedianMs: 30 },
];

export const DEFAULT_STRATEGIES = ['momentum', 'mean-reversion', 'market-making', 'stat-arb'];

const TAKER_FEE = 2e-4;
const MAKER_FEE = 0.5e-4;
/** Net notional of a symbol (all venues and strategies) at which sides lean most against it. */
const INVENTORY_LIMIT = 200_000;
/**
 * Notional of one strategy's position on one venue at which its sides lean most against it: each strategy
 * flattens its own book on each venue. Without it only the symbol's net was bounded and the 64 positions
 * random-walked (√time) in offsetting directions across venues, so the VaR (summed per venue and symbol, no
 * hedge credit between venues) crossed desk-1's limit within 15 minutes.
 */
const POSITION_LIMIT = 20_000;
const NORMAL_REJECT_REASONS = ['insufficient_margin', 'price_out_of_band', 'rate_limited', 'invalid_quantity'];

function roundQty(q: number, price: number): number {
  // Fewer decimals for cheap assets, as venues' lot sizes do.
  const decimals = price > 1000 ? 5 : price > 10 ? 3 : 1;
  const f = 10 ** decimals;
  return Math.max(1 / f, Math.round(q * f) / f);
}

function roundPrice(p: number): number {
  return Number(p.toPrecision(8));
}

/** Splits qty into n positive parts that add up exactly (in lot units). */
function split(rng: Random, qty: number, n: number, price: number): number[] {
  if (n <= 1) return [qty];
  const weights = Array.from({ length: n }, () => rng.uniform(0.2, 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => roundQty((qty * w) / total, price));
  const head = parts.slice(0, -1).reduce((a, b) => a + b, 0);
  const last = Number((qty - head).toFixed(8));
  if (last <= 0) return [qty];
  return [...parts.slice(0, -1), last];
}

export class OrderFlow {
  private seq = 0;

  constructor(
    private readonly rng: Random,
    private readonly market: Market,
    private readonly book: Book,
    private readonly venues: VenueSpec[],
    private readonly strategies: string[],
    private readonly runId: string,
  ) {}

  plan(now: number, c: Conditions): Scheduled[] {
    const rng = this.rng;
    const venue = rng.pick(this.venues);
    const path = rng.pick(this.market.paths);
    const symbol = path.spec.symbol;
    const strategy = rng.pick(this.strategies);
    const mid = path.price;
    // Sides lean against the symbol's net and the position's distance from its target (flat unless a
    // position-buildup incident sets one; the desk's symbol-level control is then off too).
    const held = this.book.positionNotional(venue.name, symbol, strategy, mid);
    const lean = (c.positionTarget > 0 ? 0 : this.book.netNotional(symbol, mid) / INVENTORY_LIMIT) + (held - c.positionTarget) / POSITION_LIMIT;
    const pBuy = Math.min(0.9, Math.max(0.1, 0.5 - 0.4 * lean));
    const sign = rng.chance(pBuy) ? 1 : -1;
    const isMarket = rng.chance(0.4);
    const notional = rng.lognormal(2_000, 0.8);
    const qty = roundQty(notional / mid, mid);
    const orderId = `${this.runId}-${++this.seq}`;
    const lat = c.latencyFactor;
    const out: Scheduled[] = [];
    const at = (t: number, event: Omit<RawEvent, 'ts'>, fill?: Scheduled['fill']) => out.push({ at: Math.round(t), event: { ...event, ts: Math.round(t) } as RawEvent, fill });

    at(now, {
      type: 'order.submitted',
      orderId,
      venue: venue.name,
      symbol,
      account: 'desk-1',
      strategy,
      side: sign > 0 ? 'buy' : 'sell',
      orderType: isMarket ? 'market' : 'limit',
      quantity: qty,
      arrivalPrice: roundPrice(mid),
      ...(isMarket ? {} : { limitPrice: roundPrice(mid * (1 + sign * 2e-4)) }),
    });
    if (c.downVenues.has(venue.name)) {
      at(now + 2_000 * lat, { type: 'order.rejected', orderId, reason: 'venue_unavailable' });
      return out;
    }
    const ackAt = now + rng.lognormal(venue.ackMedianMs, 0.5) * lat;
    const pReject = c.stormVenues.has(venue.name) ? STORM_REJECT_PROBABILITY : c.rejectProbability;
    if (rng.chance(pReject)) {
      const reason = pReject > 0.1 && rng.chance(0.9) ? 'rate_limited' : rng.pick(NORMAL_REJECT_REASONS);
      at(ackAt, { type: 'order.rejected', orderId, reason });
      return out;
    }
    at(ackAt, { type: 'order.acknowledged', orderId });

    // What happens to the order: full fill, partial then cancel, cancel unfilled, expiry.
    let fillShare = 1;
    let ending: 'order.canceled' | 'order.expired' | undefined;
    if (!isMarket) {
      const r = rng.next();
      if (c.fillCollapse) {
        if (r < 0.45) [fillShare, ending] = [0, 'order.canceled'];
        else if (r < 0.8) [fillShare, ending] = [rng.uniform(0.05, 0.3), 'order.canceled'];
      } else if (r < 0.006) [fillShare, ending] = [0, 'order.canceled'];
      else if (r < 0.021) [fillShare, ending] = [rng.uniform(0.2, 0.8), 'order.canceled'];
      else if (r < 0.023) [fillShare, ending] = [0, 'order.expired'];
    }
    let t = ackAt;
    if (fillShare > 0) {
      const fillQty = fillShare === 1 ? qty : roundQty(qty * fillShare, mid);
      const parts = split(rng, Math.min(fillQty, qty), 1 + Math.min(3, rng.poisson(isMarket ? 0.5 : 1)), mid);
      const position = this.book.position(venue.name, symbol, strategy);
      t += rng.lognormal(isMarket ? 25 : 180, 0.6) * lat;
      parts.forEach((partQty, k) => {
        if (k > 0) t += rng.lognormal(15, 0.6) * lat;
        const sizeFactor = Math.sqrt((partQty * mid) / 2_000);
        const meanBp = (isMarket ? 1 : 0.3) + (isMarket ? 1.2 : 0.6) * path.volRatio * sizeFactor + c.slippageExtraBp;
        const bp = rng.normal(meanBp, 1.2 * c.slippageNoiseFactor * path.volRatio);
        const price = roundPrice(mid * (1 + (sign * bp) / 1e4));
        const fee = Number((partQty * price * (isMarket ? TAKER_FEE : MAKER_FEE)).toFixed(8));
        at(
          t,
          { type: 'order.filled', orderId, fillId: `${orderId}-${k + 1}`, fillQuantity: partQty, fillPrice: price, fee, feeCurrency: 'USDT', liquidity: isMarket ? 'taker' : 'maker' },
          { position, signedQty: sign * partQty, price, fee, venue: venue.name, symbol },
        );
      });
    }
    if (ending === 'order.canceled') at(t + rng.lognormal(fillShare > 0 ? 150 : 400, 0.5) * lat, { type: ending, orderId });
    else if (ending === 'order.expired') at(t + rng.lognormal(800, 0.3) * lat, { type: ending, orderId });
    return out;
  }
}
