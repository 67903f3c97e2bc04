// Trading execution quality: order flow, completion latency, fills, slippage, rejects, positions, P&L, drawdown, risk.
import { stat, table, timeseries, vigilDashboard } from '../builders.js';
import { tradeflowPanel } from './tradeflow-panel.js';
import { riskRow } from './trading-risk.js';

const SEL = 'venue=~"$venue", symbol=~"$symbol", strategy=~"$strategy"';
const RI = '[$__rate_interval]';
const rate = (metric: string, sel = SEL) => `rate(${metric}{${sel}}${RI})`;
const quantile = (q: number, hist: string, by = '') =>
  `histogram_quantile(${q}, sum by (le${by ? `, ${by}` : ''}) (${rate(`${hist}_bucket`)}))`;
const BPS = 10000;
/**
 * The mean of a signed histogram (markouts, shortfall), which has no _sum (it would fall, and rate() would read
 * that as a counter reset): (rate(<prefix>_adverse_ratio_total) - rate(<prefix>_favorable_ratio_total)) / rate(<histogram>_count).
 */
const signedMean = (prefix: string, histogram: string, by: string, sel: string) =>
  `(sum by (${by}) (${rate(`${prefix}_adverse_ratio_total`, sel)}) - sum by (${by}) (${rate(`${prefix}_favorable_ratio_total`, sel)})) / sum by (${by}) (${rate(`${histogram}_count`, sel)})`;

export const trading = () =>
  vigilDashboard({
    uid: 'vigil-trading',
    title: 'Vigil / Trading execution',
    description: 'Order flow and execution quality from the trading exporter (trading_* metrics).',
    tags: ['trading'],
    variables: [
      { name: 'venue', label: 'Venue', metric: 'trading_orders_submitted_total' },
      { name: 'symbol', label: 'Symbol', metric: 'trading_orders_submitted_total{venue=~"$venue"}' },
      { name: 'strategy', label: 'Strategy', metric: 'trading_orders_submitted_total' },
    ],
    top: [
      stat('Orders / s', [`sum(${rate('trading_orders_submitted_total')})`], { unit: 'ops' }),
      stat(
        'Fill rate (quantity)',
        [
          `sum(${rate('trading_order_quantity_filled_total')}) / sum(${rate('trading_order_quantity_requested_total')})`,
        ],
        { unit: 'percentunit' },
      ),
      stat('p95 completion', [quantile(0.95, 'trading_order_completion_duration_seconds')], { unit: 's' }),
      stat(
        'Reject ratio',
        [`sum(${rate('trading_order_rejects_total')}) / sum(${rate('trading_orders_submitted_total')})`],
        { unit: 'percentunit' },
      ),
    ],
    rows: [
      [
        'Trade flow and execution quality',
        [
          tradeflowPanel({ venue: '$venue', symbol: '$symbol', strategy: '$strategy' }),
          timeseries(
            'Mean markout by venue and horizon (bps, positive = adverse)',
            [
              [
                `${BPS} * ${signedMean('trading_fill_markout', 'trading_fill_markout_ratio', 'venue, horizon', 'venue=~"$venue", symbol=~"$symbol"')}`,
                '{{venue}} {{horizon}}',
              ],
            ],
            { description: 'VenueAdverseSelection fires on the 5 s markout above 5 bps. Markouts carry no strategy label.' },
          ),
          timeseries(
            'Implementation shortfall by strategy (bps) and unmeasured markouts',
            [
              [
                `${BPS} * ${signedMean('trading_order_implementation_shortfall', 'trading_order_implementation_shortfall_ratio', 'strategy, benchmark', SEL)}`,
                '{{strategy}} vs {{benchmark}}',
              ],
              [`sum by (venue) (rate(trading_fill_markouts_unmeasured_total{venue=~"$venue", symbol=~"$symbol"}${RI}))`, 'unmeasured markouts/s {{venue}}'],
            ],
            {},
          ),
        ],
      ],
      [
        'Order flow',
        [
          timeseries(
            'Orders submitted by venue',
            [[`sum by (venue) (${rate('trading_orders_submitted_total')})`, '{{venue}}']],
            { unit: 'ops' },
          ),
          timeseries(
            'Orders completed by final status',
            [[`sum by (final_status) (${rate('trading_orders_completed_total')})`, '{{final_status}}']],
            { unit: 'ops', stack: true },
          ),
        ],
      ],
      [
        'Latency',
        [
          timeseries(
            'Order completion time (submit → final status)',
            [
              [quantile(0.5, 'trading_order_completion_duration_seconds'), 'p50'],
              [quantile(0.95, 'trading_order_completion_duration_seconds'), 'p95'],
              [quantile(0.99, 'trading_order_completion_duration_seconds'), 'p99'],
            ],
            {
              unit: 's',
              exemplars: true,
              description: 'Exemplars (points) are traced orders: hover one and open its trace_id in Tempo, then its logs.',
            },
          ),
          timeseries(
            'Acknowledgement and first fill p95 by venue',
            [
              [quantile(0.95, 'trading_order_ack_duration_seconds', 'venue'), 'ack {{venue}}'],
              [quantile(0.95, 'trading_order_first_fill_duration_seconds', 'venue'), 'first fill {{venue}}'],
            ],
            { unit: 's', exemplars: true },
          ),
        ],
      ],
      [
        'Fills',
        [
          timeseries(
            'Fill rate by quantity',
            [
              [
                `sum by (venue) (${rate('trading_order_quantity_filled_total')}) / sum by (venue) (${rate('trading_order_quantity_requested_total')})`,
                '{{venue}}',
              ],
            ],
            { unit: 'percentunit', min: 0, max: 1 },
          ),
          timeseries(
            'Fill rate by order count (filled / completed)',
            [
              [
                `sum by (venue) (${rate('trading_orders_completed_total', `${SEL}, final_status="filled"`)}) / sum by (venue) (${rate('trading_orders_completed_total')})`,
                '{{venue}}',
              ],
            ],
            { unit: 'percentunit', min: 0, max: 1 },
          ),
        ],
      ],
      [
        'Slippage',
        [
          timeseries(
            'Slippage p95 (bps)',
            [
              [
                `${quantile(0.95, 'trading_order_slippage_adverse_ratio', 'venue')} * ${BPS}`,
                'adverse {{venue}}',
              ],
              [
                `${quantile(0.95, 'trading_order_slippage_favorable_ratio', 'venue')} * ${BPS}`,
                'favourable {{venue}}',
              ],
            ],
            {
              unit: 'suffix: bp',
              description:
                'Every fill observes both histograms, one of them 0; ×10 000 turns the ratio into basis points.',
            },
          ),
          timeseries(
            'Signed mean slippage (bps, positive = adverse)',
            [
              [
                `(sum by (venue) (${rate('trading_order_slippage_adverse_ratio_sum')}) - sum by (venue) (${rate('trading_order_slippage_favorable_ratio_sum')})) / sum by (venue) (${rate('trading_order_slippage_adverse_ratio_count')}) * ${BPS}`,
                '{{venue}}',
              ],
            ],
            { unit: 'suffix: bp' },
          ),
        ],
      ],
      [
        'Rejects',
        [
          timeseries(
            'Rejects by reason',
            [[`sum by (reason) (${rate('trading_order_rejects_total')})`, '{{reason}}']],
            { unit: 'ops', stack: true },
          ),
          timeseries(
            'Reject ratio by venue',
            [
              [
                `sum by (venue) (${rate('trading_order_rejects_total')}) / sum by (venue) (${rate('trading_orders_submitted_total')})`,
                '{{venue}}',
              ],
            ],
            { unit: 'percentunit', min: 0 },
          ),
        ],
      ],
      [
        'Positions and P&L',
        [
          table(
            'Positions',
            [
              [`sum by (venue, account, symbol, strategy) (trading_position_quantity{${SEL}})`, 'Quantity'],
              [`sum by (venue, account, symbol, strategy) (trading_position_notional{${SEL}})`, 'Notional'],
              [
                `sum by (venue, account, symbol, strategy) (trading_position_unrealized_pnl{${SEL}})`,
                'Unrealized P&L',
              ],
            ],
            { w: 24 },
          ),
          timeseries(
            'Unrealized P&L by strategy',
            [[`sum by (strategy) (trading_position_unrealized_pnl{${SEL}})`, '{{strategy}}']],
            { unit: 'short', description: 'In the reporting currency of each account.' },
          ),
          timeseries(
            'Realized P&L by strategy',
            [
              [`sum by (strategy) (trading_realized_pnl{${SEL}})`, '{{strategy}}'],
              [`strategy:trading_realized_pnl:delta1h{strategy=~"$strategy"}`, 'change over 1h {{strategy}}'],
            ],
            { unit: 'short', description: 'In the reporting currency of each account.' },
          ),
          timeseries(
            'Portfolio value and peak by account',
            [
              ['sum by (account) (trading_portfolio_value)', 'value {{account}}'],
              ['sum by (account) (trading_portfolio_peak_value)', 'peak {{account}}'],
            ],
            { unit: 'short', description: 'In the reporting currency of each account.' },
          ),
          timeseries(
            'Drawdown by account',
            [
              ['max by (account) (trading_drawdown_ratio)', 'drawdown {{account}}'],
              ['max by (account) (trading_max_drawdown_ratio)', 'worst {{account}}'],
            ],
            { unit: 'percentunit', min: 0 },
          ),
          timeseries(
            'Fees paid by currency',
            [[`sum by (currency) (${rate('trading_fees_paid_total')})`, '{{currency}}']],
            { unit: 'short', description: 'Fee currency units per second.' },
          ),
        ],
      ],
      riskRow(),
      [
        'Ingest',
        [
          timeseries(
            'Events received by type',
            [[`sum by (type) (rate(trading_events_received_total${RI}))`, '{{type}}']],
            { unit: 'ops', w: 8 },
          ),
          timeseries(
            'Events rejected by reason',
            [[`sum by (reason) (rate(trading_events_rejected_total${RI}))`, '{{reason}}']],
            { unit: 'ops', w: 8 },
          ),
          timeseries(
            'Open orders, held events, folded series',
            [
              ['sum(trading_open_orders)', 'open orders'],
              ['sum(trading_pending_events)', 'held events'],
              [`sum(rate(trading_series_dropped_total${RI}))`, 'label values folded into other /s'],
            ],
            { w: 8 },
          ),
        ],
      ],
    ],
  });
