// pgPoolMetrics on a real pg.Pool against a real PostgreSQL (Debian's, started on a free loopback port in a
// temporary folder): connections idle/used/max, callers waiting, acquire time and timeouts, query durations and
// errors by SQL operation and SQLSTATE class, over pool.query, checked-out clients, callbacks and promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { Registry } from 'prom-client';
import { assertMetricsClean, startPostgres, type RunningPostgres } from '@vigil/test-support';
import { pgPoolMetrics, pgProbe, sqlOperation } from '../src/index.js';
import { sample } from './helpers.js';

let server: RunningPostgres;
test.before(async () => {
  server = await startPostgres();
});
test.after(async () => {
  await server?.stop();
});

test('sqlOperation names the SQL verb, never the statement', () => {
  assert.equal(sqlOperation('select 1'), 'SELECT');
  assert.equal(sqlOperation('  /* trade 123 */ -- note\n (SELECT * FROM fills WHERE id = 42)'), 'SELECT');
  assert.equal(sqlOperation('WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x'), 'WITH');
  assert.equal(sqlOperation('frobnicate orders'), 'OTHER');
  assert.equal(sqlOperation(undefined), 'OTHER');
});

test('pgProbe reports a pool with callers still queueing after its round trip as degraded', async () => {
  const r = await pgProbe({ query: async () => ({ rows: [] }), waitingCount: 3 })();
  assert.equal(r.status, 'degraded');
  assert.equal(r.message, 'postgres: 3 callers waiting for a pool connection');
});

test('queries, errors by SQLSTATE class, connections and waiting callers of a real pool', { timeout: 60_000 }, async (t) => {
  const registry = new Registry();
  const metrics = pgPoolMetrics({ registry, service: 'ledger' });
  const pool = new pg.Pool({ connectionString: server.connectionString, max: 2, connectionTimeoutMillis: 300 });
  t.after(() => pool.end());
  metrics.instrument(pool, 'primary');

  await pool.query('CREATE TABLE fills (id text PRIMARY KEY, qty numeric NOT NULL)');
  await pool.query('INSERT INTO fills VALUES ($1, $2)', ['F-1', 5]);
  await assert.rejects(pool.query('INSERT INTO fills VALUES ($1, $2)', ['F-1', 6]), { code: '23505' });
  await assert.rejects(pool.query('SELEC nonsense'), { code: '42601' });
  // Callback style, and a checked-out client used for a transaction.
  const rows = await new Promise<number>((resolve, reject) =>
    pool.query('SELECT count(*)::int AS n FROM fills', (err: Error | undefined, res: pg.QueryResult<{ n: number }>) => (err ? reject(err) : resolve(res.rows[0].n))),
  );
  assert.equal(rows, 1);
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query({ text: 'UPDATE fills SET qty = qty + 1 WHERE id = $1', values: ['F-1'] });
  await client.query('COMMIT');

  assert.equal((await pgProbe(pool)()).status, 'healthy');
  // Both connections checked out: a third caller waits (pending), then gets one when the first is released.
  const other = await pool.connect();
  let text = await registry.metrics();
  assert.equal(sample(text, 'db_client_connections', 'state="used",pool="primary"'), 2);
  assert.equal(sample(text, 'db_client_connections', 'state="idle"'), 0);
  assert.equal(sample(text, 'db_client_connections_max', 'pool="primary"'), 2);
  const waiting = pool.connect();
  text = await registry.metrics();
  assert.equal(sample(text, 'db_client_connections_pending_requests', 'pool="primary",service="ledger"'), 1);
  setTimeout(() => client.release(), 150);
  const third = await waiting;
  third.release();
  // No connection free for longer than connectionTimeoutMillis: counted as an acquire timeout.
  const hog = await pool.connect();
  await assert.rejects(pool.connect(), /timeout/);
  hog.release();
  other.release();

  text = await registry.metrics();
  assert.equal(sample(text, 'db_client_query_duration_seconds_count', 'operation="INSERT",outcome="success"'), 1);
  assert.equal(sample(text, 'db_client_query_duration_seconds_count', 'operation="INSERT",outcome="error"'), 1);
  assert.equal(sample(text, 'db_client_query_duration_seconds_count', 'operation="SELECT",outcome="success"'), 2, 'the count and the probe');
  assert.equal(sample(text, 'db_client_query_duration_seconds_count', 'operation="UPDATE",outcome="success"'), 1);
  assert.equal(sample(text, 'db_client_query_duration_seconds_count', 'operation="BEGIN"'), 1);
  assert.equal(sample(text, 'db_client_query_errors_total', 'operation="INSERT",error_type="integrity_constraint_violation"'), 1);
  assert.equal(sample(text, 'db_client_query_errors_total', 'operation="OTHER",error_type="syntax_error_or_access_rule_violation"'), 1);
  assert.equal(sample(text, 'db_client_connection_acquire_errors_total', 'error_type="timeout"'), 1);
  // Every pool.query and pool.connect waited for a connection: 6 pool.query calls (the probe's included) and 4
  // checkouts (one of them ~150 ms); the timed-out one is in the errors, not here.
  assert.equal(sample(text, 'db_client_connection_acquire_duration_seconds_count', 'pool="primary"'), 10);
  assert.ok((sample(text, 'db_client_connection_acquire_duration_seconds_sum', 'pool="primary"') ?? 0) >= 0.14);
  assert.equal(sample(text, 'db_client_connections', 'state="used"'), 0);
  assert.equal(sample(text, 'db_client_connections', 'state="idle"'), 2);
  assert.ok(!text.includes('F-1'), 'no values or statements in labels');
  assertMetricsClean(text, 'the pg pool metrics');
});

test('a server that goes away: the failure is counted with a connection error type', { timeout: 60_000 }, async (t) => {
  const registry = new Registry();
  const metrics = pgPoolMetrics({ registry, service: 'ledger' });
  // The shared server, stopped here: this test runs last.
  const own = server;
  const pool = new pg.Pool({ connectionString: own.connectionString, max: 1, connectionTimeoutMillis: 2000 });
  pool.on('error', () => {}); // idle clients losing their server are the service's to log
  t.after(() => pool.end());
  metrics.instrument(pool, 'replica');
  await pool.query('SELECT 1');
  await own.stop();
  await assert.rejects(pool.query('SELECT 1'));
  const down = await pgProbe(pool)();
  assert.equal(down.status, 'unhealthy');
  assert.match(String(down.message), /^postgres: /);
  const text = await registry.metrics();
  const failures = text.split('\n').filter((l) => l.startsWith('db_client_') && /_errors_total\{/.test(l));
  assert.ok(failures.some((l) => /error_type="(ECONNREFUSED|ECONNRESET|connection_exception|operator_intervention|Error)"/.test(l)), failures.join('\n'));
  assert.throws(() => metrics.instrument(pool, 'replica'), /already instrumented/);
});
