// node-postgres (`pg.Pool`) metrics: the pool's connections (idle, used, max, callers waiting), how long a
// caller waits for a connection and why acquiring failed, and every query's duration and errors by operation
// (the SQL verb, never the statement) and SQLSTATE class. Works on the pool object itself, so the service keeps
// using pool.query() / pool.connect() as before; pg is the service's own dependency (an optional peer).
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { errorType } from './error-type.js';

/** The parts of pg.Pool used here (pg 8). */
export interface PgPoolLike {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options: { max?: number };
  connect: (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
  on(event: 'acquire', listener: (client: any) => void): unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface PgPoolMetricsOptions {
  registry: Registry;
  service: string;
  queryBuckets?: number[];
  acquireBuckets?: number[];
}

export const DEFAULT_QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const OPERATIONS = new Set([
  'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'WITH', 'BEGIN', 'START', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE',
  'COPY', 'CALL', 'DO', 'CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'SET', 'SHOW', 'RESET', 'LISTEN', 'UNLISTEN', 'NOTIFY',
  'VACUUM', 'ANALYZE', 'EXPLAIN', 'LOCK', 'PREPARE', 'EXECUTE', 'DEALLOCATE', 'DECLARE', 'FETCH', 'CLOSE', 'REFRESH',
  'GRANT', 'REVOKE', 'DISCARD',
]);

const LEADING_VERB = /^(?:\s|\(|--[^\n]*\n|\/\*[\s\S]*?\*\/)*([A-Za-z]+)/;
/** Statements are mostly constants in the code: their verbs are remembered (up to this many texts). */
const VERB_CACHE_SIZE = 1000;
const verbCache = new Map<string, string>();

/** The statement's SQL verb (SELECT, INSERT, ...), skipping comments and parentheses; OTHER when unknown. */
export function sqlOperation(text: unknown): string {
  if (typeof text !== 'string') return 'OTHER';
  const cached = verbCache.get(text);
  if (cached) return cached;
  const verb = LEADING_VERB.exec(text)?.[1].toUpperCase();
  const op = verb && OPERATIONS.has(verb) ? verb : 'OTHER';
  if (verbCache.size < VERB_CACHE_SIZE) verbCache.set(text, op);
  return op;
}

const WRAPPED = Symbol('vigil.instrument.pg');
type Callback = (err: Error | undefined, ...rest: unknown[]) => void;

export interface PgPoolMetrics {
  /** Instruments `pool` under the `pool` label `name` (e.g. "orders-primary"). Call it once per pool, right after creating it. */
  instrument(pool: PgPoolLike, name: string): void;
}

export function pgPoolMetrics(opts: PgPoolMetricsOptions): PgPoolMetrics {
  const { registry, service } = opts;
  const pools = new Map<string, PgPoolLike>();
  const r = [registry];
  new Gauge({
    name: 'db_client_connections',
    help: 'Connections of a node-postgres pool by state: idle, or used (checked out by a caller).',
    labelNames: ['service', 'pool', 'state'],
    registers: r,
    collect() {
      this.reset();
      for (const [pool, p] of pools) {
        this.set({ service, pool, state: 'idle' }, p.idleCount);
        this.set({ service, pool, state: 'used' }, p.totalCount - p.idleCount);
      }
    },
  });
  new Gauge({
    name: 'db_client_connections_max',
    help: 'Most connections the pool may open (its max option).',
    labelNames: ['service', 'pool'],
    registers: r,
    collect() {
      this.reset();
      for (const [pool, p] of pools) this.set({ service, pool }, p.options.max ?? 10);
    },
  });
  new Gauge({
    name: 'db_client_connections_pending_requests',
    help: 'Callers waiting for a connection because every one is in use.',
    labelNames: ['service', 'pool'],
    registers: r,
    collect() {
      this.reset();
      for (const [pool, p] of pools) this.set({ service, pool }, p.waitingCount);
    },
  });
  const acquireDuration = new Histogram({
    name: 'db_client_connection_acquire_duration_seconds',
    help: 'Time a caller waited for a pool connection (pool.connect and pool.query), including opening a new one.',
    labelNames: ['service', 'pool'],
    buckets: opts.acquireBuckets ?? DEFAULT_QUERY_BUCKETS,
    registers: r,
  });
  const acquireErrors = new Counter({
    name: 'db_client_connection_acquire_errors_total',
    help: 'Failures to get a pool connection, by error type (timeout = connectionTimeoutMillis passed).',
    labelNames: ['service', 'pool', 'error_type'],
    registers: r,
  });
  const queryDuration = new Histogram({
    name: 'db_client_query_duration_seconds',
    help: 'Time from sending a query to its result or error, by SQL operation and outcome.',
    labelNames: ['service', 'pool', 'operation', 'outcome'],
    buckets: opts.queryBuckets ?? DEFAULT_QUERY_BUCKETS,
    registers: r,
  });
  const queryErrors = new Counter({
    name: 'db_client_query_errors_total',
    help: 'Failed queries by SQL operation and error type (SQLSTATE class, or a connection error code).',
    labelNames: ['service', 'pool', 'operation', 'error_type'],
    registers: r,
  });

  const elapsed = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

  function wrapClient(client: { query: (...a: unknown[]) => unknown; [WRAPPED]?: true }, pool: string): void {
    if (client[WRAPPED]) return;
    client[WRAPPED] = true;
    const query = client.query;
    client.query = function (this: unknown, config: unknown, values?: unknown, callback?: unknown) {
      const text = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
      const operation = sqlOperation(text);
      const t0 = process.hrtime.bigint();
      const done = (err?: unknown) => {
        queryDuration.observe({ service, pool, operation, outcome: err ? 'error' : 'success' }, elapsed(t0));
        if (err) queryErrors.inc({ service, pool, operation, error_type: errorType(err) });
      };
      // Submittables (pg-cursor, pg-query-stream) report through their own events.
      const sub = config as { submit?: unknown; once?: (e: string, l: (err?: unknown) => void) => void } | null;
      if (typeof sub?.submit === 'function') {
        sub.once?.('end', () => done());
        sub.once?.('error', done);
        return query.call(this, config, values, callback);
      }
      if (typeof values === 'function') [callback, values] = [values, undefined];
      if (typeof callback === 'function') {
        return query.call(this, config, values, (err: Error | undefined, res: unknown) => {
          done(err);
          (callback as Callback)(err, res);
        });
      }
      return (query.call(this, config, values) as Promise<unknown>).then(
        (res) => (done(), res),
        (err: unknown) => {
          done(err);
          throw err;
        },
      );
    };
  }

  return {
    instrument(pool, name) {
      if (pools.has(name)) throw new Error(`pgPoolMetrics: a pool named ${JSON.stringify(name)} is already instrumented`);
      pools.set(name, pool);
      pool.on('acquire', (client) => wrapClient(client, name));
      const connect = pool.connect;
      const failed = (err: unknown) => acquireErrors.inc({ service, pool: name, error_type: errorType(err) });
      pool.connect = function (this: unknown, cb?: Callback) {
        const t0 = process.hrtime.bigint();
        if (typeof cb === 'function') {
          return connect.call(this, (err: Error | undefined, ...rest: unknown[]) => {
            if (err) failed(err);
            else acquireDuration.observe({ service, pool: name }, elapsed(t0));
            cb(err, ...rest);
          });
        }
        return (connect.call(this) as Promise<unknown>).then(
          (client) => (acquireDuration.observe({ service, pool: name }, elapsed(t0)), client),
          (err: unknown) => {
            failed(err);
            throw err;
          },
        );
      };
    },
  };
}
