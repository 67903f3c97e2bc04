// Trade-flow frames for the first-render benchmark: what the trade-flow panel's default queries (instant,
// `sum by (venue, strategy, symbol, …) (increase(…[$__range]))`, format time series) return from Prometheus for a
// desk of venues × symbols × strategies, one frame per series as Grafana's Prometheus datasource hands them to a
// panel. Deterministic (seeded), with the exporter's bucket bounds and realistic proportions.
import { createDataFrame, DataFrameType, FieldType, type DataFrame } from '@grafana/data';

export interface TradeflowDesk {
  venues: number;
  symbols: number;
  strategies: number;
}

/** The desk: 20 venues × 50 symbols × 8 strategies (8,000 order label sets). */
export const BENCH_DESK: TradeflowDesk = { venues: 20, symbols: 50, strategies: 8 };

/** The trading exporter's bucket bounds (exporters/trading/src/metrics/order-metrics.ts). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const SLIPPAGE_BUCKETS = [0.5, 1, 2, 3, 5, 7.5, 10, 12.5, 15, 20, 30, 50, 75, 100].map((b) =>
  Number((b * 1e-4).toPrecision(3)),
);
const HORIZONS = ['1s', '5s', '30s', '60s'];
const REASONS = ['insufficient_balance', 'price_out_of_band', 'rate_limited'];
const END = Date.UTC(2026, 10, 24, 12, 0, 0);

type Labels = Record<string, string>;

function frame(refId: string, labels: Labels, value: number): DataFrame {
  return createDataFrame({
    refId,
    meta: { type: DataFrameType.NumericMulti, custom: { resultType: 'vector' } },
    fields: [
      { name: 'Time', type: FieldType.time, values: [END] },
      { name: 'Value', type: FieldType.number, values: [value], labels },
    ],
  });
}

/** Cumulative buckets (and +Inf) of `count` observations with an exponential distribution of mean `scale`. */
function buckets(out: DataFrame[], refId: string, labels: Labels, bounds: number[], count: number, scale: number) {
  for (const le of bounds) {
    out.push(frame(refId, { ...labels, le: String(le) }, Math.round(count * (1 - Math.exp(-le / scale)))));
  }
  out.push(frame(refId, { ...labels, le: '+Inf' }, count));
}

/** Every series of the panel's 17 queries for the desk; `random` makes the figures differ per label set. */
export function tradeflowFrames(desk: TradeflowDesk = BENCH_DESK, seed = 16): DataFrame[] {
  let state = seed;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const out: DataFrame[] = [];
  for (let v = 0; v < desk.venues; v++) {
    const venue = `venue-${String(v + 1).padStart(2, '0')}`;
    // One venue in five is slower and costlier, so the scorecard has something to rank.
    const toxic = v % 5 === 0 ? 3 : 1;
    for (let s = 0; s < desk.symbols; s++) {
      const symbol = `SYM${String(s + 1).padStart(2, '0')}-USD`;
      for (let g = 0; g < desk.strategies; g++) {
        const base: Labels = { venue, strategy: `strategy-${g + 1}`, symbol };
        const submitted = 20 + Math.round(random() * 400);
        const qty = 1 + Math.round(random() * 9);
        const rejected = Math.round(submitted * 0.02 * toxic * random());
        const acked = submitted - rejected;
        const partial = Math.round(acked * 0.2);
        const canceled = Math.round(acked * 0.05 * random());
        const expired = Math.round(acked * 0.01 * random());
        const filledDirect = acked - partial - canceled - expired;
        const partialCanceled = Math.round(partial * 0.1);
        const filled = filledDirect + partial - partialCanceled;
        const edges: Array<[string, string, number]> = [
          ['submitted', 'acknowledged', acked],
          ['submitted', 'rejected', rejected],
          ['acknowledged', 'partially_filled', partial],
          ['acknowledged', 'filled', filledDirect],
          ['acknowledged', 'canceled', canceled],
          ['acknowledged', 'expired', expired],
          ['partially_filled', 'filled', partial - partialCanceled],
          ['partially_filled', 'canceled', partialCanceled],
        ];
        for (const [from_state, to_state, n] of edges) {
          out.push(frame('transitions', { ...base, from_state, to_state }, n));
          out.push(frame('transition_qty', { ...base, from_state, to_state }, n * qty));
        }
        out.push(frame('submitted', base, submitted));
        out.push(frame('requested_qty', base, submitted * qty));
        // Every order here is final: filled ones count 1, the partly filled then canceled ones 0.5, the rest 0.
        out.push(frame('fill_ratio_sum', base, filled + partialCanceled * 0.5));
        out.push(frame('fill_ratio_count', base, submitted));
        const finals: Array<[string, number]> = [
          ['filled', filled],
          ['canceled', canceled + partialCanceled],
          ['rejected', rejected],
          ['expired', expired],
        ];
        for (const [final_status, n] of finals) out.push(frame('completed', { ...base, final_status }, n));
        out.push(frame('rejects', { ...base, reason: REASONS[(v + s + g) % REASONS.length] }, rejected));
        const latency = 0.02 * toxic * (0.5 + random());
        buckets(out, 'ack', base, DURATION_BUCKETS, acked, latency);
        buckets(out, 'first_fill', base, DURATION_BUCKETS, filled, latency * 5);
        buckets(out, 'completion', base, DURATION_BUCKETS, submitted - rejected, latency * 20);
        const fills = filled + partial;
        const slip = 2e-4 * toxic * (0.5 + random());
        const adverse = Math.round(fills * 0.55);
        buckets(out, 'slippage_adverse', base, SLIPPAGE_BUCKETS, fills, slip);
        buckets(out, 'slippage_favorable', base, SLIPPAGE_BUCKETS, fills, slip / 2);
        out.push(frame('slippage_sum', base, adverse * slip - (fills - adverse) * slip * 0.5));
        for (const benchmark of ['decision', 'arrival']) {
          out.push(frame('shortfall_sum', { ...base, benchmark }, filled * slip * (benchmark === 'decision' ? 1.5 : 1)));
          out.push(frame('shortfall_count', { ...base, benchmark }, filled));
        }
      }
      // Markouts are per fill and carry no strategy: one set per venue and symbol.
      const fills = 200 + Math.round(random() * 2000);
      HORIZONS.forEach((horizon, h) => {
        const labels = { venue, symbol, horizon };
        out.push(frame('markout_sum', labels, fills * 1e-4 * toxic * (h + 1) * (random() - 0.3)));
        out.push(frame('markout_count', labels, fills));
      });
    }
  }
  return out;
}
