// --pollers.threads: the venue pollers run in worker threads, so ccxt's HTTP, JSON parsing and schedules never hold
// the main thread, which keeps the metrics, their rendered blocks and the HTTP server, and applies each worker's
// operations (poll-ops.ts) as they come. Venues are spread over the workers (a new venue goes to the one with the
// fewest). A worker that dies is counted, its venues show as down (trading_exchange_up 0) and it is started again
// after a doubling wait (1 s to 30 s) with the same venues; the other workers and the process go on.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CounterVec, currentTracing, type Logger } from '@vigil/exporter-kit';
import { Backoff } from '../backoff.js';
import type { ExchangeMetrics } from '../exchange-metrics.js';
import { redactedError } from '../redact.js';
import type { ExchangeCredentials } from '../venues/credentials.js';
import type { VenueConfig } from '../venues/venue-config.js';
import { applyOp, opVenue, type OpTargets } from './poll-ops.js';
import type { FromWorker, PollerWorkerInit, ToWorker } from './protocol.js';

/** One less than the CPUs (the main thread keeps one for scrapes), at least 1 and at most 4. */
export function defaultPollerThreads(): number {
  return Math.min(4, Math.max(1, availableParallelism() - 1));
}

// Under tsx (the tests run the TypeScript sources) the worker is TypeScript too, and a worker thread does not
// inherit tsx's loader hooks: a small bootstrap registers them in the worker first.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./poller-worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);

function startWorker(init: PollerWorkerInit, name: string): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, { name, workerData: init });
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(bootstrap, { eval: true, name, workerData: init });
}

/** How long a closing worker gets to stop its pollers and send its last spans before it is terminated. */
const CLOSE_GRACE_MS = 2000;

interface Slot {
  index: number;
  worker?: Worker;
  /** The venues this worker polls, with their credentials (only to redact a dying worker's error). */
  venues: Map<string, { config: VenueConfig; credentials: ExchangeCredentials }>;
  /** stop() calls waiting for the worker's 'stopped'. */
  stopping: Map<string, () => void>;
  backoff: Backoff;
  restartTimer?: NodeJS.Timeout;
  startedAt: number;
  /** The worker has loaded ccxt (until then there is nothing of it to wait for at close). */
  ready: boolean;
}

export interface PollerThreadsOptions {
  size: number;
  init: Omit<PollerWorkerInit, 'tracing'>;
  targets: OpTargets;
  metrics: ExchangeMetrics;
  logger: Logger;
}

/** A venue's poller in a worker: the same start/stop as VenuePoller. */
export interface Poller {
  start(): void;
  stop(): Promise<void>;
}

export class PollerThreads {
  readonly restarts = new CounterVec('exchange_exporter_poller_thread_restarts_total', 'Poller worker threads that died and were started again (their venues show as down meanwhile).', []);
  private readonly slots: Slot[] = [];
  private readonly init: PollerWorkerInit;
  private closing = false;

  constructor(private readonly opts: PollerThreadsOptions) {
    const t = currentTracing();
    // Only the OTEL_* variables travel to the workers.
    const env = t?.enabled && t.options ? Object.fromEntries(Object.entries(t.options.env ?? process.env).filter(([k]) => k.startsWith('OTEL_'))) : undefined;
    this.init = { ...opts.init, ...(t?.options && env ? { tracing: { ...t.options, env } } : {}) };
    this.restarts.child([]);
    for (let i = 0; i < opts.size; i++) {
      const slot: Slot = { index: i, venues: new Map(), stopping: new Map(), backoff: new Backoff(1000, 30_000), startedAt: 0, ready: false };
      this.slots.push(slot);
      this.spawn(slot);
    }
  }

  /** The workers, for tests (a test makes one die). */
  get workers(): Worker[] {
    return this.slots.flatMap((s) => (s.worker ? [s.worker] : []));
  }

  /** A venue's poller, placed on the worker with the fewest venues. */
  poller(config: VenueConfig, credentials: ExchangeCredentials): Poller {
    const slot = this.slots.reduce((a, b) => (b.venues.size < a.venues.size ? b : a));
    return {
      start: () => {
        slot.venues.set(config.id, { config, credentials });
        this.send(slot, { type: 'start', venue: config });
      },
      stop: () =>
        new Promise<void>((resolve) => {
          if (!slot.venues.delete(config.id) || !slot.worker) return resolve();
          this.send(slot, { type: 'stop', id: config.id });
          // A worker still loading ccxt has polled nothing yet: it will start and stop the poller, in that order,
          // before its first request (a poller waits its start offset first).
          if (slot.ready) slot.stopping.set(config.id, resolve);
          else resolve();
        }),
    };
  }

  private send(slot: Slot, m: ToWorker): void {
    // A worker being restarted gets every venue of its slot when it starts.
    slot.worker?.postMessage(m);
  }

  private spawn(slot: Slot): void {
    const worker = startWorker(this.init, `vigil-pollers-${slot.index}`);
    slot.worker = worker;
    slot.startedAt = Date.now();
    slot.ready = false;
    worker.on('message', (m: FromWorker) => this.received(slot, m));
    worker.on('error', (err) => {
      const secrets = [...slot.venues.values()].map((v) => v.credentials);
      let message = redactedError(err, undefined);
      for (const c of secrets) message = redactedError(message, c);
      this.opts.logger.error({ thread: slot.index, err: message }, 'poller thread failed');
    });
    worker.on('exit', (code) => this.exited(slot, worker, code));
    for (const { config } of slot.venues.values()) worker.postMessage({ type: 'start', venue: config } satisfies ToWorker);
  }

  private received(slot: Slot, m: FromWorker): void {
    if (m.type === 'ready') {
      slot.ready = true;
      return;
    }
    if (m.type === 'stopped') {
      slot.stopping.get(m.id)?.();
      slot.stopping.delete(m.id);
      return;
    }
    for (const op of m.ops) {
      // A venue stopped (or moved on a reload) since: its figures are gone and stay gone.
      const venue = opVenue(op);
      if (typeof venue === 'string' && !slot.venues.has(venue)) continue;
      try {
        applyOp(op, this.opts.targets);
      } catch (err) {
        this.opts.logger.error({ thread: slot.index, err: (err as Error).message }, 'could not apply a poller thread operation');
      }
    }
  }

  private exited(slot: Slot, worker: Worker, code: number): void {
    if (slot.worker !== worker) return;
    slot.worker = undefined;
    for (const resolve of slot.stopping.values()) resolve();
    slot.stopping.clear();
    if (this.closing) return;
    this.restarts.child([]).value++;
    const now = Date.now();
    for (const id of slot.venues.keys()) this.opts.metrics.pollDone(id, false, now);
    // A worker that ran a minute was not crash-looping: its next restart waits the shortest time again.
    if (now - slot.startedAt > 60_000) slot.backoff.reset();
    const wait = slot.backoff.next();
    this.opts.logger.error({ thread: slot.index, exit_code: code, venues: slot.venues.size, restart_in_seconds: wait / 1000 }, 'poller thread exited: its venues are down until it is restarted');
    slot.restartTimer = setTimeout(() => this.spawn(slot), wait);
    slot.restartTimer.unref();
  }

  /** Stops every worker: each stops its pollers and sends its last spans, or is terminated after a grace period. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        clearTimeout(slot.restartTimer);
        const w = slot.worker;
        if (!w) return;
        const exited = new Promise<void>((r) => w.once('exit', () => r()));
        // Still loading ccxt: no poller has run, nothing to send.
        if (!slot.ready) void w.terminate();
        else w.postMessage({ type: 'close' } satisfies ToWorker);
        const timer = setTimeout(() => void w.terminate(), CLOSE_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
