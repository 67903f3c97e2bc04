// The PromQL of the daily report, for a window of `s` seconds ending at the evaluation time (the UTC day, or the
// part of today so far). Counters use increase() over the window; P&L and portfolio figures are gauges compared
// with their value at the window's start.

/**
 * Realised P&L made in the window, per series: end − start for positions that had a snapshot at the start, the
 * whole running total for positions that appeared during the window (their realised P&L started at 0 then).
 * Positions gone before the end contribute nothing (their last figures are not in the end value either).
 */
export const dayRealisedPnl = (s: number) =>
  `((trading_realized_pnl - trading_realized_pnl offset ${s}s) or (trading_realized_pnl unless trading_realized_pnl offset ${s}s))`;

export const reportQueries = (s: number) => {
  const w = `[${s}s]`;
  const inc = (m: string, by = 'venue') => `sum by (${by}) (increase(${m}${w}))`;
  return {
    pnlTotal: `sum(${dayRealisedPnl(s)})`,
    pnlByStrategy: `sum by (strategy) (${dayRealisedPnl(s)})`,
    pnlBySymbol: `sum by (symbol) (${dayRealisedPnl(s)})`,
    portfolioStart: `trading_portfolio_value offset ${s}s`,
    portfolioEnd: 'trading_portfolio_value',
    portfolioLow: `min_over_time(trading_portfolio_value${w})`,
    portfolioHigh: `max_over_time(trading_portfolio_value${w})`,
    worstDrawdown: `max_over_time(trading_drawdown_ratio${w})`,
    ordersByVenue: inc('trading_orders_submitted_total'),
    rejectsByVenue: inc('trading_order_rejects_total'),
    fillRatioByVenue: `${inc('trading_order_quantity_filled_total')} / ${inc('trading_order_quantity_requested_total')}`,
    // Signed mean slippage (adverse − favourable) per fill, in basis points; every fill observes both histograms.
    slippageBpsByVenue: `1e4 * (${inc('trading_order_slippage_adverse_ratio_sum')} - ${inc('trading_order_slippage_favorable_ratio_sum')}) / ${inc('trading_order_slippage_adverse_ratio_count')}`,
    adverseP95BpsByVenue: `1e4 * histogram_quantile(0.95, sum by (venue, le) (increase(trading_order_slippage_adverse_ratio_bucket${w})))`,
    utilisation: `topk(10, max_over_time(trading_exposure_limit_utilisation_ratio${w}))`,
    varMax: `max_over_time(trading_portfolio_value_at_risk${w})`,
    varLimit: 'trading_portfolio_value_at_risk_limit',
  };
};
