// Exchanges: venue API health polled by the exchange exporter (ccxt), order books, and the host's TCP probes.
import { stat, timeseries, vigilDashboard } from '../builders.js';

const V = 'venue=~"$venue"';
const RI = '[$__rate_interval]';

export const exchanges = () =>
  vigilDashboard({
    uid: 'vigil-exchanges',
    title: 'Vigil / Exchanges',
    description:
      'Exchange API health (exchange exporter polls), books, and venue reachability from hosts.',
    tags: ['trading', 'exchanges'],
    variables: [{ name: 'venue', label: 'Venue', metric: 'trading_exchange_up' }],
    top: [
      stat('Venues up', [`sum(trading_exchange_up{${V}})`]),
      stat('Venues down', [`count(trading_exchange_up{${V}} == 0) or vector(0)`]),
      stat(
        'Oldest successful poll',
        [`max(time() - trading_exchange_last_success_timestamp_seconds{${V}})`],
        { unit: 's' },
      ),
      stat('API errors / s', [`sum(rate(trading_exchange_errors_total{${V}}${RI}))`], { unit: 'ops' }),
    ],
    rows: [
      [
        'API health',
        [
          timeseries('Exchange up', [[`trading_exchange_up{${V}}`, '{{venue}}']], { min: 0, max: 1 }),
          timeseries(
            'Time since last successful poll',
            [[`time() - trading_exchange_last_success_timestamp_seconds{${V}}`, '{{venue}}']],
            { unit: 's' },
          ),
          timeseries(
            'Request latency p95 by method',
            [
              [
                `histogram_quantile(0.95, sum by (le, venue, method) (rate(trading_exchange_request_duration_seconds_bucket{${V}}${RI})))`,
                '{{venue}} {{method}}',
              ],
            ],
            { unit: 's' },
          ),
          timeseries(
            'Errors by class',
            [
              [
                `sum by (venue, error_class) (rate(trading_exchange_errors_total{${V}}${RI}))`,
                '{{venue}} {{error_class}}',
              ],
            ],
            { unit: 'ops', stack: true },
          ),
          timeseries('Rate limit used', [[`trading_exchange_rate_limit_used{${V}}`, '{{venue}}']], {
            unit: 'percentunit',
            min: 0,
            max: 1,
            description:
              "From the venue's headers where it sends them (bybit, binance); else the share of the venue's documented request rate the exporter's schedule uses.",
          }),
          timeseries('Clock skew (venue − host)', [[`trading_exchange_clock_skew_seconds{${V}}`, '{{venue}}']], {
            unit: 's',
            description: "Signed requests are refused when it exceeds the venue's receive window (binance 5 s by default).",
          }),
          timeseries('Market data age', [[`time() - trading_exchange_market_data_timestamp_seconds{${V}}`, '{{venue}} {{symbol}}']], {
            unit: 's',
            description: "Now minus the venue's own timestamp of the latest polled ticker.",
          }),
          timeseries('Backoff (paused polls)', [[`trading_exchange_backoff_seconds{${V}}`, '{{venue}}']], {
            unit: 's',
            description: "Seconds until the venue is polled again: its Retry-After after a 429/418, else the backoff after failed polls.",
          }),
        ],
      ],
      [
        'Account state (read-only keys)',
        [
          timeseries('Position vs desk (mismatch, base units)', [[`venue_symbol:trading_position_mismatch_quantity{${V}}`, '{{venue}} {{symbol}}']], {
            description: "Venue position minus the desk's snapshots (PositionMismatch above 1% for 5m).",
          }),
          timeseries('Liquidation distance', [[`trading_exchange_position_liquidation_distance_ratio{${V}}`, '{{venue}} {{symbol}}']], {
            unit: 'percentunit',
            min: 0,
          }),
          timeseries('Unrealised P&L', [[`trading_exchange_position_unrealized_pnl{${V}}`, '{{venue}} {{symbol}}']]),
          timeseries('Balances (total)', [[`trading_exchange_balance{${V}, state="total"}`, '{{venue}} {{currency}}']]),
          timeseries('Open orders', [[`sum by (venue) (trading_exchange_open_orders{${V}})`, '{{venue}}']], { min: 0 }),
        ],
      ],
      [
        'Order books',
        [
          timeseries('Spread (bps)', [[`trading_spread_ratio{${V}} * 10000`, '{{venue}} {{symbol}}']], {
            unit: 'suffix: bp',
          }),
          timeseries('Top-of-book depth', [
            [`trading_top_of_book_depth{${V}}`, '{{venue}} {{symbol}} {{side}}'],
          ]),
        ],
      ],
      [
        'Websocket ticker streams (--exchange.stream)',
        [
          timeseries(
            'Time since last streamed ticker',
            [[`time() - trading_ws_last_message_timestamp_seconds{${V}}`, '{{venue}} {{symbol}}']],
            { unit: 's', description: 'A stream that stays open but goes silent shows only here.' },
          ),
          timeseries(
            'Stream reconnects',
            [[`increase(trading_ws_reconnects_total{${V}}[15m])`, '{{venue}} {{symbol}}']],
            { min: 0, description: 'Re-established connections over the last 15 minutes (ExchangeStreamFlapping above 3).' },
          ),
        ],
      ],
      [
        'Reachability from hosts',
        [
          timeseries('Venue TCP reachable', [[`vigil_host_venue_up{${V}}`, '{{instance}} {{venue}}']], {
            min: 0,
            max: 1,
          }),
          timeseries(
            'Venue connect time',
            [[`vigil_host_venue_connect_duration_seconds{${V}}`, '{{instance}} {{venue}}']],
            { unit: 's' },
          ),
        ],
      ],
    ],
  });
