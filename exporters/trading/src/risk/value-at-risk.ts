// Parametric (variance-covariance) value at risk of a portfolio. Assumptions, as the README documents them:
// - log returns of each risk factor (a symbol's mark price on a venue) are normal with zero mean, and their
//   variance grows linearly with time (random walk), so σ over the horizon is σ_per_second · √horizon;
// - positions stay as they are over the horizon, and P&L is linear in the price (notional × return);
// - without a configured correlation, the portfolio VaR is the sum of the factors' VaRs (undiversified: the upper
//   bound for any correlation, and hedges between factors are not credited); with a constant correlation ρ,
//   VaR = z · √(Σ_i Σ_j ρ_ij w_i σ_i w_j σ_j), ρ_ii = 1, with signed notionals w (a long and a short offset).
import { normalQuantile } from './normal-quantile.js';

export interface FactorExposure {
  /** Signed notional at the mark price (negative when short). */
  notional: number;
  /** σ of the log return over the horizon; undefined when the factor has no volatility estimate yet. */
  volatility: number | undefined;
}

export interface VarResult {
  /** VaR in the quote currency (a positive loss), over the priced factors. */
  value: number;
  /** Factors with a non-zero position but no volatility estimate (not in value). */
  unpriced: number;
}

export function valueAtRisk(factors: readonly FactorExposure[], confidence: number, correlation?: number): VarResult {
  const z = normalQuantile(confidence);
  let unpriced = 0;
  const priced: number[] = []; // w_i · σ_i
  for (const f of factors) {
    if (f.notional === 0) continue;
    if (f.volatility === undefined) unpriced++;
    else priced.push(f.notional * f.volatility);
  }
  if (correlation === undefined) {
    return { value: z * priced.reduce((s, x) => s + Math.abs(x), 0), unpriced };
  }
  // Σ_i x_i² + ρ Σ_{i≠j} x_i x_j = (1-ρ) Σ x_i² + ρ (Σ x_i)²; clamped at 0 for a ρ the factors cannot all have.
  let sum = 0;
  let sumSq = 0;
  for (const x of priced) {
    sum += x;
    sumSq += x * x;
  }
  const variance = Math.max(0, (1 - correlation) * sumSq + correlation * sum * sum);
  return { value: z * Math.sqrt(variance), unpriced };
}
