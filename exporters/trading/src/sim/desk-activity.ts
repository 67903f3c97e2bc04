// The rest of a desk's traffic besides orders: model predictions and their outcomes (with a true
// accuracy), strategy signals, and periodic backtests.
import { STRATEGY_SLOWDOWN_MEDIAN_S, type Conditions } from './incidents.js';
import type { RawEvent, Scheduled } from './order-flow.js';
import type { Random } from './random.js';

export const DEFAULT_MODELS = [
  { model: 'price-direction', version: '3.1', latencyMedianS: 0.006 },
  { model: 'fill-probability', version: '1.4', latencyMedianS: 0.003 },
];

const SIGNAL_TYPES = ['enter_long', 'enter_short', 'exit'];
// Median decision cycle (market-data update → decision/order) per strategy, lognormal with sigma 0.6: p95 is
// 2.7× the median, so even the slowest (120 ms → p95 ≈ 0.32 s) keeps well over 95% of cycles under 500 ms.
const EXECUTION_MEDIAN_S: Record<string, number> = { momentum: 0.06, 'mean-reversion': 0.08, 'market-making': 0.015, 'stat-arb': 0.12 };
const DEFAULT_EXECUTION_MEDIAN_S = 0.08;
const EXECUTION_SIGMA = 0.6;
const OUTCOME_DELAY_MS = 2_000;
const BACKTEST_EVERY_MS = 10 * 60_000;

export class DeskActivity {
  private nextBacktest: number | undefined;

  constructor(
    private readonly rng: Random,
    private readonly strategies: string[],
    private readonly predictionsPerSecond: number,
  ) {}

  plan(now: number, dtSeconds: number, c: Conditions): Scheduled[] {
    const rng = this.rng;
    const out: Scheduled[] = [];
    const at = (t: number, event: Omit<RawEvent, 'ts'>) => out.push({ at: Math.round(t), event: { ...event, ts: Math.round(t) } as RawEvent });
    for (const m of DEFAULT_MODELS) {
      const n = rng.poisson(this.predictionsPerSecond * dtSeconds);
      for (let i = 0; i < n; i++) {
        at(now, { type: 'model.prediction', model: m.model, version: m.version, latencySeconds: Number(rng.lognormal(m.latencyMedianS, 0.6).toFixed(6)) });
        at(now + OUTCOME_DELAY_MS, { type: 'model.outcome', model: m.model, version: m.version, correct: rng.chance(c.modelAccuracy) });
      }
    }
    for (const strategy of this.strategies) {
      if (rng.chance(Math.min(1, 0.5 * dtSeconds))) {
        const median = c.slowStrategies.has(strategy) ? STRATEGY_SLOWDOWN_MEDIAN_S : (EXECUTION_MEDIAN_S[strategy] ?? DEFAULT_EXECUTION_MEDIAN_S);
        at(now, {
          type: 'strategy.signal',
          strategy,
          signalType: rng.pick(SIGNAL_TYPES),
          confidence: Number(rng.uniform(0.5, 1).toFixed(3)),
          executionSeconds: Number(Math.min(3599, rng.lognormal(median, EXECUTION_SIGMA)).toFixed(6)),
        });
      }
    }
    // The first backtests at once (like the research farm's first job), so a fresh stack has them in its first scrape.
    this.nextBacktest ??= now;
    if (now >= this.nextBacktest) {
      this.nextBacktest = now + BACKTEST_EVERY_MS;
      for (const strategy of this.strategies) {
        at(now, {
          type: 'backtest.completed',
          strategy,
          sharpe: Number(rng.normal(1.3, 0.4).toFixed(3)),
          maxDrawdown: Number(Math.min(0.9, Math.abs(rng.normal(0.12, 0.04))).toFixed(4)),
          totalReturn: Number(rng.normal(0.15, 0.08).toFixed(4)),
        });
      }
    }
    return out;
  }
}
