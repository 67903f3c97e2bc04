// Prices that move: each symbol follows a geometric random walk whose volatility itself wanders
// (mean-reverting in log space), so slippage, which grows with volatility, has calm and busy spells.
import type { Random } from './random.js';

export interface SymbolSpec {
  symbol: string;
  price: number;
  /** Volatility per √second in calm conditions (0.0003 ≈ 3 bp per √s). */
  vol: number;
}

export const DEFAULT_SYMBOLS: SymbolSpec[] = [
  { symbol: 'BTC/USDT', price: 65_000, vol: 0.0003 },
  { symbol: 'ETH/USDT', price: 3_200, vol: 0.0004 },
  { symbol: 'SOL/USDT', price: 150, vol: 0.0006 },
  { symbol: 'XRP/USDT', price: 0.6, vol: 0.0005 },
];

class SymbolPath {
  price: number;
  private logVolFactor = 0;

  constructor(readonly spec: SymbolSpec) {
    this.price = spec.price;
  }

  /** Current volatility relative to calm (1 = calm). */
  get volRatio(): number {
    return Math.exp(this.logVolFactor);
  }

  step(rng: Random, dtSeconds: number): void {
    // Ornstein–Uhlenbeck on log volatility: reverts to calm with a half-life of about a minute.
    this.logVolFactor += -0.01 * this.logVolFactor * dtSeconds + 0.05 * Math.sqrt(dtSeconds) * rng.normal();
    const sigma = this.spec.vol * this.volRatio * Math.sqrt(dtSeconds);
    this.price *= Math.exp(sigma * rng.normal() - 0.5 * sigma * sigma);
    // Keep a long run near its starting level (a desk's book, not a random walk to zero or the moon).
    this.price *= Math.exp(-0.0005 * dtSeconds * Math.log(this.price / this.spec.price));
  }
}

export class Market {
  readonly paths: SymbolPath[];

  constructor(specs: SymbolSpec[]) {
    this.paths = specs.map((s) => new SymbolPath(s));
  }

  step(rng: Random, dtSeconds: number): void {
    for (const p of this.paths) p.step(rng, dtSeconds);
  }

  path(symbol: string): SymbolPath {
    const p = this.paths.find((x) => x.spec.symbol === symbol);
    if (!p) throw new Error(`unknown symbol ${symbol}`);
    return p;
  }
}
