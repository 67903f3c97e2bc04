// The trade-flow panel (plugins/tradeflow-panel, `vigil-tradeflow-panel`) on the trading dashboard: one instant
// query per role over the dashboard range, refId = role, in the shape of the plugin's suggested queries
// (its src/queries.ts; the plugin's Jest test checks this dashboard's targets are exactly those, with SEL).
import { PanelBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';

import { PROM } from '../datasources.js';

export const TRADEFLOW_PANEL_ID = 'vigil-tradeflow-panel';

const ORDER = ['venue', 'strategy', 'symbol'];
/** Markouts are per fill and carry no strategy label: the strategy matcher is left out of their queries. */
const MARKOUT = ['venue', 'symbol'];

/** refId → the series it sums, the extra grouping labels, and the dimensions the panel filters on. */
const ROLES: Array<[string, string, string[], string[]]> = [
  ['transitions', 'trading_order_transitions_total', ['from_state', 'to_state'], ORDER],
  ['transition_qty', 'trading_order_transition_quantity_total', ['from_state', 'to_state'], ORDER],
  ['submitted', 'trading_orders_submitted_total', [], ORDER],
  ['requested_qty', 'trading_order_quantity_requested_total', [], ORDER],
  ['fill_ratio_sum', 'trading_order_fill_ratio_sum', [], ORDER],
  ['fill_ratio_count', 'trading_order_fill_ratio_count', [], ORDER],
  ['completed', 'trading_orders_completed_total', ['final_status'], ORDER],
  ['completed_samples', 'trading_orders_completed_total', ['final_status'], ORDER],
  ['rejects', 'trading_order_rejects_total', ['reason'], ORDER],
  ['ack', 'trading_order_ack_duration_seconds_bucket', ['le'], ORDER],
  ['first_fill', 'trading_order_first_fill_duration_seconds_bucket', ['le'], ORDER],
  ['completion', 'trading_order_completion_duration_seconds_bucket', ['le'], ORDER],
  ['slippage_adverse', 'trading_order_slippage_adverse_ratio_bucket', ['le'], ORDER],
  ['slippage_favorable', 'trading_order_slippage_favorable_ratio_bucket', ['le'], ORDER],
  ['slippage_sum', 'trading_order_slippage_adverse_ratio_sum', [], ORDER],
  ['shortfall_sum', 'trading_order_implementation_shortfall_adverse_ratio_total', ['benchmark'], ORDER],
  ['shortfall_count', 'trading_order_implementation_shortfall_ratio_count', ['benchmark'], ORDER],
  ['markout_sum', 'trading_fill_markout_adverse_ratio_total', ['horizon'], MARKOUT],
  ['markout_count', 'trading_fill_markout_ratio_count', ['horizon'], MARKOUT],
];

/** refId → the favourable part subtracted from the adverse one its row names. */
const FAVORABLE: Record<string, string> = {
  slippage_sum: 'trading_order_slippage_favorable_ratio_sum',
  shortfall_sum: 'trading_order_implementation_shortfall_favorable_ratio_total',
  markout_sum: 'trading_fill_markout_favorable_ratio_total',
};

/** The panel's queries with `matchers` (label → `=~` value) on every metric carrying that label. */
export function tradeflowQueries(matchers: Record<string, string>): Array<{ refId: string; expr: string }> {
  return ROLES.map(([refId, metric, extra, dims]) => {
    const own = Object.entries(matchers).filter(([label]) => dims.includes(label));
    const sel = (m: string) => (own.length ? `${m}{${own.map(([l, v]) => `${l}=~"${v}"`).join(', ')}}` : m);
    const by = [...dims, ...extra].join(', ');
    const sum = (m: string) => `sum by (${by}) (increase(${sel(m)}[$__range]))`;
    // Signed sums: adverse minus favourable (slippage: every fill observes both histograms; shortfall and markouts:
    // signed histograms without _sum, whose parts are counters).
    const favorable = FAVORABLE[refId];
    if (refId === 'completed_samples') {
      // The balance check's leeway: samples in the range of the completion series that started inside it.
      return { refId, expr: `min by (${by}) (count_over_time(${sel(metric)}[$__range]) unless ${sel(metric)} offset $__range)` };
    }
    const expr = favorable ? `${sum(metric)} - ${sum(favorable)}` : sum(metric);
    return { refId, expr };
  });
}

export function tradeflowPanel(matchers: Record<string, string>): PanelBuilder {
  const selector = Object.entries(matchers)
    .map(([l, v]) => `${l}=~"${v}"`)
    .join(', ');
  const p = new PanelBuilder()
    .type(TRADEFLOW_PANEL_ID)
    .title('Trade flow and execution quality')
    .description(
      'Where orders went (submitted → final state), signed slippage, latency percentiles, reject reasons and a venue scorecard (markouts, fill ratio, slippage, shortfall, reject rate) over the dashboard range. Click a venue, strategy or symbol to filter the panel and set the dashboard variable.',
    )
    .datasource(PROM)
    .span(24)
    .height(22);
  for (const q of tradeflowQueries(matchers)) {
    p.withTarget(new DataqueryBuilder().datasource(PROM).refId(q.refId).expr(q.expr).instant().format(PromQueryFormat.TimeSeries));
  }
  // Saved options in the panel's current shape (options version 1); the plugin migrates older ones itself.
  return p.options({
    version: 1,
    selector,
    sections: { flow: true, slippage: true, latency: true, rejects: true, scorecard: true },
    flowGroupBy: 'venue',
    flowMeasure: 'count',
    maxGroups: 8,
    latencyPercentiles: '50, 95, 99',
    rankBy: 'markout',
    markoutHorizon: '5s',
    benchmark: 'decision',
    variables: { venue: 'venue', strategy: 'strategy', symbol: 'symbol' },
  });
}
