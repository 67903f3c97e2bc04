// Applying batches to the trading exporter's state with the open-order table full (every submit evicts the
// oldest order) vs with room to spare, the same simulator batches, in one run: rounds of the two alternate.
// Eviction must stay O(1): a Map iterator walks every hole that deleted entries left at its front, which made
// a full table ≈ 6× slower before the receipt queue (src/orders/receipt-queue.ts).
// Target: trading_apply_at_capacity_vs_below_ratio <= 1.5.
import { decodeBatch, encodeBatch, Simulator, TradingState, validateBatch, type EncodedBatch } from '@vigil/trading-exporter';
import { interleave, median, report } from './stats.js';

const BATCHES = Number(process.env.TRADING_BENCH_CAPACITY_BATCHES ?? 300);
const CAPACITY = 20_000;
// Each batch is applied 2 ms of wall time after the one before, as at ≈ 500,000 events/s: orders finish and
// leave the table after the grace period, as they do in the exporter.
const STEP_MS = 2;

const sim = new Simulator({ seed: 7, ordersPerSecond: 400, runId: 'capacity' });
const raw: unknown[] = [];
for (let t = Date.now() - 1_800_000; raw.length < 1000 * BATCHES; t += 100) raw.push(...sim.tick(t));
const now = Date.now();
const batches: EncodedBatch[] = [];
for (let i = 0; i + 1000 <= raw.length; i += 1000) batches.push(encodeBatch(validateBatch(raw.slice(i, i + 1000), { now, maxFutureMs: 300_000 })));
raw.length = 0;

let evicted = 0;
function applyAll(maxOrders: number): void {
  const state = new TradingState({ orders: { maxOrders } });
  batches.forEach((b, k) => state.applyBatch(decodeBatch(b), now + STEP_MS * k));
  if (maxOrders === CAPACITY) evicted += state.ingest.evicted.child(['capacity']).value;
}

const { a: full, b: roomy } = await interleave(5, 1, () => applyAll(CAPACITY), () => applyAll(10_000_000));
if (evicted === 0) throw new Error('the full table evicted nothing: raise the batches or lower the capacity');
report('trading_apply_at_capacity_ms_per_batch', median(full) / batches.length);
report('trading_apply_below_capacity_ms_per_batch', median(roomy) / batches.length);
report('trading_apply_capacity_evictions_per_run', Math.round(evicted / 6));
report('trading_apply_at_capacity_vs_below_ratio', median(full) / median(roomy));
