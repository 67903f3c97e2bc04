// The cost of @vigil/instrument's pg.Pool and ioredis instrumentation on the hot path: the same batches of
// queries and commands through an instrumented and a plain pool/client, against one real PostgreSQL and one real
// Redis (Debian's, from test-support), interleaved in one run. Targets: at most 15 µs of client CPU added per
// query and 3 µs per command (instrument_pg_overhead_us_per_op, instrument_redis_overhead_us_per_op).
import pg from 'pg';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { pgPoolMetrics, redisMetrics } from '@vigil/instrument';
import { startPostgres, startRedis } from '@vigil/test-support';
import { median, report } from './stats.js';

const BATCH = 200;

/**
 * Runs a and b alternately (order flipped every round) and returns each one's wall time and this process's CPU
 * time (user + system) per batch, in ms. The servers run in their own processes: the CPU is the client side,
 * where the instrumentation runs, and it is far less disturbed by a loaded machine than wall time.
 */
async function interleaveCpu(rounds: number, warmup: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  const out = { a: { wall: [] as number[], cpu: [] as number[] }, b: { wall: [] as number[], cpu: [] as number[] } };
  for (let i = 0; i < warmup + rounds; i++) {
    for (const key of i % 2 ? (['b', 'a'] as const) : (['a', 'b'] as const)) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await (key === 'a' ? a : b)();
      const wall = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (i >= warmup) {
        out[key].wall.push(wall);
        out[key].cpu.push((c.user + c.system) / 1000);
      }
    }
  }
  return out;
}

function reportPair(prefix: string, r: Awaited<ReturnType<typeof interleaveCpu>>): void {
  report(`instrument_${prefix}_batch_wall_median_ms`, median(r.a.wall));
  report(`plain_${prefix}_batch_wall_median_ms`, median(r.b.wall));
  report(`instrument_${prefix}_batch_cpu_median_ms`, median(r.a.cpu));
  report(`plain_${prefix}_batch_cpu_median_ms`, median(r.b.cpu));
  report(`instrument_${prefix}_wall_ratio`, median(r.a.wall) / median(r.b.wall));
  report(`instrument_${prefix}_cpu_ratio`, median(r.a.cpu) / median(r.b.cpu));
  // What the instrumentation adds per operation, in microseconds of client CPU (the target).
  report(`instrument_${prefix}_overhead_us_per_op`, ((median(r.a.cpu) - median(r.b.cpu)) * 1000) / BATCH, 2);
}
const ROUNDS = 150;
const WARMUP = 10;

const postgres = await startPostgres();
const redisServer = await startRedis();
try {
  const registry = new Registry();
  const pools = [0, 1].map(() => new pg.Pool({ connectionString: postgres.connectionString, max: 4 }));
  pgPoolMetrics({ registry, service: 'bench' }).instrument(pools[0], 'instrumented');
  const batchOfQueries = (pool: pg.Pool) => () => Promise.all(Array.from({ length: BATCH }, (_, i) => pool.query('SELECT $1::int AS n', [i])));
  report('instrument_batch', BATCH);
  reportPair('pg', await interleaveCpu(ROUNDS, WARMUP, batchOfQueries(pools[0]), batchOfQueries(pools[1])));
  await Promise.all(pools.map((p) => p.end()));

  const clients = [0, 1].map(() => new Redis(redisServer.redisUrl));
  redisMetrics({ registry, service: 'bench' }).instrument(clients[0], 'instrumented');
  await Promise.all(clients.map((c) => c.set('bench:key', 'x'.repeat(64))));
  const batchOfCommands = (c: Redis) => () => Promise.all(Array.from({ length: BATCH }, () => c.get('bench:key')));
  reportPair('redis', await interleaveCpu(ROUNDS, WARMUP, batchOfCommands(clients[0]), batchOfCommands(clients[1])));
  clients.forEach((c) => c.disconnect());
} finally {
  await redisServer.stop();
  await postgres.stop();
}
