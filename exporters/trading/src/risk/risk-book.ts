// Risk from the latest position snapshots: exposure by venue, asset and strategy with limit utilisation, and
// parametric VaR per portfolio (account) from a rolling volatility of the positions' mark prices. Positions
// arrive already bounded (label guards), so every series here is bounded by them or by the limits file.
import type { MetricFamily, Sample } from '@vigil/exporter-kit';
import { exposures, type PositionRecord } from './exposure.js';
import { MarkVolatility } from './mark-volatility.js';
import { EXPOSURE_MEASURES, EXPOSURE_SCOPES, defaultRiskLimits, type RiskLimits } from './risk-limits.js';
import { valueAtRisk, type FactorExposure } from './value-at-risk.js';

const factorKey = (venue: string, symbol: string) => `${venue}\u0000${symbol}`;

export class RiskBook {
  private readonly positions = new Map<string, PositionRecord>();
  private readonly volatility: MarkVolatility;

  constructor(readonly limits: RiskLimits = defaultRiskLimits()) {
    this.volatility = new MarkVolatility({ windowMs: limits.var.windowMs, minReturns: limits.var.minReturns });
  }

  /** A fresh snapshot (the caller drops older ones); labels are already bounded. */
  position(p: PositionRecord, ts: number): void {
    this.positions.set([p.venue, p.account, p.symbol, p.strategy].join('\u0000'), { ...p });
    this.volatility.observe(factorKey(p.venue, p.symbol), ts, p.markPrice);
  }

  /** Forgets a position (labels venue, account, symbol, strategy), e.g. removed as idle by the label-set budget. */
  remove(labels: readonly string[]): void {
    this.positions.delete(labels.join('\u0000'));
  }

  /** σ of the log return over the VaR horizon for a (venue, symbol), or undefined while it has too few marks. */
  horizonVolatility(venue: string, symbol: string): number | undefined {
    return this.volatility.volatility(factorKey(venue, symbol), this.limits.var.horizonSeconds);
  }

  /** VaR per account: positions netted per (venue, symbol) factor, then aggregated as value-at-risk.ts says. */
  valueAtRisk(): Map<string, { value: number; unpriced: number }> {
    const byAccount = new Map<string, Map<string, FactorExposure & { venue: string; symbol: string }>>();
    for (const p of this.positions.values()) {
      let factors = byAccount.get(p.account);
      if (!factors) byAccount.set(p.account, (factors = new Map()));
      const key = factorKey(p.venue, p.symbol);
      const f = factors.get(key) ?? { venue: p.venue, symbol: p.symbol, notional: 0, volatility: this.horizonVolatility(p.venue, p.symbol) };
      f.notional += p.quantity * p.markPrice;
      factors.set(key, f);
    }
    const out = new Map<string, { value: number; unpriced: number }>();
    for (const [account, factors] of byAccount) {
      out.set(account, valueAtRisk([...factors.values()], this.limits.var.confidence, this.limits.var.correlation));
    }
    return out;
  }

  families(): MetricFamily[] {
    const ex = exposures(this.positions.values());
    const gross: Sample[] = [];
    const net: Sample[] = [];
    const limit: Sample[] = [];
    const utilisation: Sample[] = [];
    for (const scope of EXPOSURE_SCOPES) {
      for (const [name, e] of ex[scope]) {
        gross.push({ labels: { scope, name }, value: e.gross });
        net.push({ labels: { scope, name }, value: e.net });
      }
      for (const [name, l] of this.limits.exposure[scope]) {
        const e = ex[scope].get(name) ?? { gross: 0, net: 0 };
        for (const measure of EXPOSURE_MEASURES) {
          const max = l[measure];
          if (max === undefined) continue;
          limit.push({ labels: { scope, name, measure }, value: max });
          utilisation.push({ labels: { scope, name, measure }, value: Math.abs(e[measure]) / max });
        }
      }
    }
    const vol: Sample[] = [];
    const seen = new Set<string>();
    for (const p of this.positions.values()) {
      const key = factorKey(p.venue, p.symbol);
      if (seen.has(key)) continue;
      seen.add(key);
      const v = this.horizonVolatility(p.venue, p.symbol);
      if (v !== undefined) vol.push({ labels: { venue: p.venue, symbol: p.symbol }, value: v });
    }
    const varSamples: Sample[] = [];
    const unpriced: Sample[] = [];
    for (const [account, r] of this.valueAtRisk()) {
      varSamples.push({ labels: { account }, value: r.value });
      unpriced.push({ labels: { account }, value: r.unpriced });
    }
    const m = this.limits.var;
    return [
      { name: 'trading_exposure_gross_notional', help: 'Gross exposure, the sum of |quantity * mark| over the latest position snapshots, by scope (venue, asset, strategy) and name, in the quote currency.', type: 'gauge', samples: gross },
      { name: 'trading_exposure_net_notional', help: 'Net exposure, the sum of quantity * mark over the latest position snapshots (negative when short), by scope and name, in the quote currency.', type: 'gauge', samples: net },
      { name: 'trading_exposure_limit_notional', help: 'Exposure limit from --risk.limits-file, by scope, name and measure (gross, net).', type: 'gauge', samples: limit },
      { name: 'trading_exposure_limit_utilisation_ratio', help: 'Exposure / its limit (|net| for net limits): 1 = at the limit.', type: 'gauge', samples: utilisation },
      {
        name: 'trading_risk_utilisation_threshold_ratio',
        help: 'Limit utilisation at which the warning and critical alerts fire (--risk.limits-file utilisation).',
        type: 'gauge',
        samples: [
          { labels: { severity: 'warning' }, value: this.limits.utilisation.warning },
          { labels: { severity: 'critical' }, value: this.limits.utilisation.critical },
        ],
      },
      { name: 'trading_mark_price_volatility_ratio', help: 'Standard deviation of the log return of the mark price over the VaR horizon, from the rolling window of position snapshots.', type: 'gauge', samples: vol },
      { name: 'trading_portfolio_value_at_risk', help: 'Parametric value at risk of the account over the VaR horizon at the VaR confidence, in the quote currency (a loss, positive).', type: 'gauge', samples: varSamples },
      {
        name: 'trading_portfolio_value_at_risk_limit',
        help: 'VaR limit of the account from --risk.limits-file.',
        type: 'gauge',
        samples: [...this.limits.varLimits].map(([account, value]) => ({ labels: { account }, value })),
      },
      { name: 'trading_portfolio_value_at_risk_unpriced_positions', help: 'Positions of the account left out of its VaR: too few mark prices yet in the volatility window.', type: 'gauge', samples: unpriced },
      { name: 'trading_value_at_risk_confidence_ratio', help: 'Confidence of the VaR (one-sided).', type: 'gauge', samples: [{ value: m.confidence }] },
      { name: 'trading_value_at_risk_horizon_seconds', help: 'Holding period the VaR is scaled to.', type: 'gauge', samples: [{ value: m.horizonSeconds }] },
    ];
  }
}
