// The trading dashboard's risk row: exposure by venue, asset and strategy, limit utilisation against the tiers of
// the trading exporter's --risk.limits-file, VaR against its limit, and the mark-price volatility behind it.
import { timeseries } from '../builders.js';

export const riskRow = (): [string, ReturnType<typeof timeseries>[]] => [
  'Risk',
  [
    timeseries('Gross exposure by venue', [['trading_exposure_gross_notional{scope="venue", name=~"$venue"}', '{{name}}']], { w: 8 }),
    timeseries('Net exposure by asset', [['trading_exposure_net_notional{scope="asset"}', '{{name}}']], { w: 8 }),
    timeseries('Gross exposure by strategy', [['trading_exposure_gross_notional{scope="strategy", name=~"$strategy"}', '{{name}}']], { w: 8 }),
    timeseries(
      'Limit utilisation',
      [
        ['trading_exposure_limit_utilisation_ratio', '{{scope}} {{name}} {{measure}}'],
        ['max by (severity) (trading_risk_utilisation_threshold_ratio)', '{{severity}} tier'],
      ],
      { unit: 'percentunit', min: 0, w: 8, description: '|exposure| / limit from the risk limits file; the alert tiers as lines.' },
    ),
    timeseries(
      'Value at risk and its limit',
      [
        ['trading_portfolio_value_at_risk', 'VaR {{account}}'],
        ['trading_portfolio_value_at_risk_limit', 'limit {{account}}'],
        ['trading_portfolio_value_at_risk_unpriced_positions', 'unpriced positions {{account}}'],
      ],
      { w: 8, description: 'Parametric VaR at the configured confidence and horizon (see the trading exporter README for its assumptions).' },
    ),
    timeseries(
      'Mark-price volatility over the VaR horizon',
      [['trading_mark_price_volatility_ratio{venue=~"$venue", symbol=~"$symbol"}', '{{venue}} {{symbol}}']],
      { unit: 'percentunit', w: 8 },
    ),
  ],
];
