// Markout tracking's cost on ingest: the same simulator batches (fills and the venues' quotes, 400 orders a second)
// applied to the trading exporter's state with markouts enabled and disabled, alternately, in one run. Each batch
// is applied at the event time of its last event, so over the run's ≈ 5 minutes of market every 1/5/30/60 s markout
// comes due and is measured (the cost of the quote books, the pending ring and the histograms, not only of queuing).
// Target: trading_markouts_enabled_vs_disabled_throughput_ratio >= 0.8.
import { decodeBatch, encodeBatch, Simulator, TradingState, validateBatch, type EncodedBatch } from '@vigil/trading-exporter';
import { interleave, median, report } from './stats.js';

const SECONDS = Number(process.env.TRADING_BENCH_MARKOUT_SECONDS ?? 300);

const end = Date.now();
const start = end - SECONDS * 1000;
const sim = new Simulator({ seed: 5, ordersPerSecond: 400, runId: 'markouts' });
const batches: Array<{ batch: EncodedBatch; at: number; events: number }> = [];
for (let t = start; t < end; t += 250) {
  const events = sim.tick(t);
  if (events.length === 0) continue;
  batches.push({ batch: encodeBatch(validateBatch(events, { now: end, maxFutureMs: 300_000 })), at: t, events: events.length });
}
const totalEvents = batches.reduce((n, b) => n + b.events, 0);

let measured = 0;
function applyAll(enabled: boolean): void {
  const state = new TradingState({ markouts: { enabled } });
  for (const b of batches) state.applyBatch(decodeBatch(b.batch), b.at);
  if (enabled) measured = state.markoutMetrics.markout.family().samples.filter((s) => s.name?.endsWith('_count')).reduce((n, s) => n + s.value, 0);
}

const { a: on, b: off } = await interleave(5, 1, () => applyAll(true), () => applyAll(false));
if (measured === 0) throw new Error('no markout was measured: the batches hold no quotes or no fills');
report('trading_markouts_events_per_run', totalEvents);
report('trading_markouts_measured_per_run', measured);
report('trading_markouts_enabled_events_per_s', totalEvents / (median(on) / 1000), 0);
report('trading_markouts_disabled_events_per_s', totalEvents / (median(off) / 1000), 0);
report('trading_markouts_enabled_vs_disabled_throughput_ratio', median(off) / median(on));
