// Synthetic traffic for the platform SLOs: 600 events a minute, of which burn × error budget are bad.
import { cumulative, seriesValues } from './promtool.js';

/** Concrete series behind each platform SLO's SLI (test data; the selectors live in slo/specs). */
export const SLO_SERIES: Record<string, { good?: string; bad?: string; count?: string; fast?: string }> = {
  'trading-gateway-availability': {
    good: 'http_requests_total{service="trading-gateway", method="POST", route="/v1/orders", status="200"}',
    bad: 'http_requests_total{service="trading-gateway", method="POST", route="/v1/orders", status="503"}',
  },
  'trading-gateway-latency': {
    count: 'http_request_duration_seconds_count{service="trading-gateway", method="POST", route="/v1/orders"}',
    fast: 'http_request_duration_seconds_bucket{service="trading-gateway", method="POST", route="/v1/orders", le="0.2"}',
  },
  'order-execution-success': {
    good: 'trading_orders_completed_total{venue="binance", symbol="BTC/USDT", final_status="filled"}',
    bad: 'trading_orders_completed_total{venue="binance", symbol="BTC/USDT", final_status="rejected"}',
  },
  'ml-inference-latency': {
    count: 'trading_model_inference_duration_seconds_count{model="momentum-lstm"}',
    fast: 'trading_model_inference_duration_seconds_bucket{model="momentum-lstm", le="0.1"}',
  },
  'strategy-engine-execution-latency': {
    count: 'trading_strategy_execution_duration_seconds_count{strategy="momentum"}',
    fast: 'trading_strategy_execution_duration_seconds_bucket{strategy="momentum", le="0.5"}',
  },
};

export const EVENTS_PER_MINUTE = 600;

export interface Phase {
  minutes: number;
  /** Burn rate: the error ratio as a multiple of the error budget. */
  burn: number;
}

/** promtool input_series for an SLO over the phases, one sample a minute. */
export function sloInputSeries(sloId: string, budget: number, phases: readonly Phase[]) {
  const s = SLO_SERIES[sloId];
  if (!s) throw new Error(`no scenario series for SLO ${sloId}`);
  const bad: number[] = [];
  for (const p of phases) {
    const perMinute = Math.round(EVENTS_PER_MINUTE * budget * p.burn * 1e6) / 1e6;
    for (let i = 0; i < p.minutes; i++) bad.push(perMinute);
  }
  const all = bad.map(() => EVENTS_PER_MINUTE);
  const good = bad.map((b) => EVENTS_PER_MINUTE - b);
  const series = (name: string, inc: number[]) => ({ series: name, values: seriesValues(cumulative(inc)) });
  if (s.good && s.bad) return [series(s.good, good), series(s.bad, bad)];
  return [series(s.count!, all), series(s.fast!, good)];
}
