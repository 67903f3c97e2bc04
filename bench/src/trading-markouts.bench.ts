// Markout tracking's cost on ingest: the same simulator batches (fills and the venues' quotes, 400 orders a second)
// applied to the trading exporter's state with markouts enabled and disabled, alternately, in one run. Each batch
// is applied at the event time of its last event, so over the run's ≈ 5 minutes of market every 1/5/30/60 s markout
// comes due and is measured (the cost of the quote books, the pending ring and the histograms, not only of queuing).
// Target: trading_markouts_enabled_vs_disabled_throughput_ratio >= 0.8 (wall time, median of 7 rounds after a
// warm-up); the same ratio of CPU time is printed beside it.
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

const ROUNDS = Number(process.env.TRADING_BENCH_MARKOUT_ROUNDS ?? 7);
let measured = 0;
// CPU time of each run (this process: the apply path is single-threaded; GC helpers included), beside wall time:
// on the shared machine wall time also counts the time other processes held the CPU.
const cpuMs = { true: [] as number[], false: [] as number[] };
let runs = 0;
function applyAll(enabled: boolean): void {
  const cpu0 = process.cpuUsage();
  const state = new TradingState({ markouts: { enabled } });
  for (const b of batches) state.applyBatch(decodeBatch(b.batch), b.at);
  const cpu = process.cpuUsage(cpu0);
  // The first run of each is the warm-up (interleave's warm-up round runs both once).
  if (runs++ >= 2) cpuMs[`${enabled}`].push((cpu.user + cpu.system) / 1000);
  if (enabled) measured = state.markoutMetrics.families(state.markouts.pending)[0].samples.filter((s) => s.name?.endsWith('_count')).reduce((n, s) => n + s.value, 0);
}

const { a: on, b: off } = await interleave(ROUNDS, 1, () => applyAll(true), () => applyAll(false));
if (measured === 0) throw new Error('no markout was measured: the batches hold no quotes or no fills');
report('trading_markouts_events_per_run', totalEvents);
report('trading_markouts_measured_per_run', measured);
report('trading_markouts_enabled_events_per_s', totalEvents / (median(on) / 1000), 0);
report('trading_markouts_disabled_events_per_s', totalEvents / (median(off) / 1000), 0);
report('trading_markouts_rounds', ROUNDS);
report('trading_markouts_enabled_cpu_ms_per_run', median(cpuMs.true), 0);
report('trading_markouts_disabled_cpu_ms_per_run', median(cpuMs.false), 0);
report('trading_markouts_enabled_vs_disabled_cpu_ratio', median(cpuMs.false) / median(cpuMs.true));
report('trading_markouts_enabled_vs_disabled_throughput_ratio', median(off) / median(on));
