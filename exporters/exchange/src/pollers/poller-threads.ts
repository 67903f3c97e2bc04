// --pollers.threads: the venue pollers run in worker threads, so ccxt's HTTP, JSON parsing and schedules never hold
// the main thread, which keeps the metrics, their rendered blocks and the HTTP server, and applies each worker's
// operations (poll-ops.ts) as they come, only those of pollers still running. Venues are spread over the workers
// (a venue goes to the one with the fewest when it starts). A worker that dies, or says nothing (no 'tick') for
// HEARTBEAT_LIMIT_MS and is terminated, is counted, its venues show as down (trading_exchange_up 0) and it is
// started again after a doubling wait (1 s to 30 s) with the same venues, each still paused until the time its
// last poller said (Retry-After, backoff); the other workers and the process go on. No wait on a worker's answer
// is unbounded: a venue's stop waits at most its request timeout plus STOP_GRACE_MS, close STOP_GRACE_MS.
import { Worker } from 'node:worker_threads';
import { CounterVec, currentTracing, type Logger } from '@vigil/exporter-kit';
import { Backoff } from '../backoff.js';
import type { ExchangeMetrics } from '../exchange-metrics.js';
import { redactedError } from '../redact.js';
import type { ExchangeCredentials } from '../venues/credentials.js';
import type { VenueConfig } from '../venues/venue-config.js';
import { applyOp, opVenue, type OpTargets } from './poll-ops.js';
import { HEARTBEAT_MS, type FromWorker, type PollerWorkerInit, type ToWorker } from './protocol.js';

/** One worker: it takes the polls off the scrape path; each further one costs about 100 MB (its own ccxt) and
 * helps only when one thread cannot keep up with the venues' parsing (see the README). */
export const DEFAULT_POLLER_THREADS = 1;

// Under tsx (the tests run the TypeScript sources) the worker is TypeScript too, and a worker thread does not
// inherit tsx's loader hooks: a small bootstrap registers them in the worker first.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./poller-worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);

function startWorker(init: PollerWorkerInit, name: string): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, { name, workerData: init });
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(bootstrap, { eval: true, name, workerData: init });
}

/** How long a closing worker gets to stop its pollers and send its last spans before it is terminated, and how
 * much longer than a request timeout a venue's stop waits for its worker. */
const STOP_GRACE_MS = 2000;
/** A ready worker silent this long is taken as stuck, terminated and started again (one loading ccxt: 60 s). */
export const HEARTBEAT_LIMIT_MS = 10_000;
const LOADING_LIMIT_MS = 60_000;

interface Placed {
  config: VenueConfig;
  /** Kept to start the venue again in a restarted worker, and to redact a dying worker's error. */
  credentials: ExchangeCredentials;
}

interface Slot {
  index: number;
  worker?: Worker;
  /** The pollers this worker runs, by generation. */
  venues: Map<number, Placed>;
  /** stop() calls waiting for the worker's 'stopped', by generation. */
  stopping: Map<number, () => void>;
  backoff: Backoff;
  restartTimer?: NodeJS.Timeout;
  startedAt: number;
  /** When the worker last sent anything. */
  heardAt: number;
  /** The worker has loaded ccxt. */
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
  readonly restarts = new CounterVec('exchange_exporter_poller_thread_restarts_total', 'Poller worker threads that died or stopped answering and were started again (their venues show as down meanwhile).', []);
  private readonly slots: Slot[] = [];
  private readonly init: PollerWorkerInit;
  private readonly watchdog: NodeJS.Timeout;
  private closing = false;
  private generations = 0;

  constructor(private readonly opts: PollerThreadsOptions) {
    const t = currentTracing();
    // Only the OTEL_* variables travel to the workers.
    const env = t?.enabled && t.options ? Object.fromEntries(Object.entries(t.options.env ?? process.env).filter(([k]) => k.startsWith('OTEL_'))) : undefined;
    this.init = { ...opts.init, ...(t?.options && env ? { tracing: { ...t.options, env } } : {}) };
    this.restarts.child([]);
    for (let i = 0; i < opts.size; i++) {
      const slot: Slot = { index: i, venues: new Map(), stopping: new Map(), backoff: new Backoff(1000, 30_000), startedAt: 0, heardAt: 0, ready: false };
      this.slots.push(slot);
      this.spawn(slot);
    }
    this.watchdog = setInterval(() => this.watch(), HEARTBEAT_MS);
    this.watchdog.unref();
  }

  /** The workers, for tests (a test makes one die). */
  get workers(): Worker[] {
    return this.slots.flatMap((s) => (s.worker ? [s.worker] : []));
  }

  /** How many venues each worker polls, for tests. */
  get spread(): number[] {
    return this.slots.map((s) => s.venues.size);
  }

  /** A venue's poller; placed when it starts, on the worker with the fewest venues. */
  poller(config: VenueConfig, credentials: ExchangeCredentials): Poller {
    const gen = ++this.generations;
    let slot: Slot | undefined;
    return {
      start: () => {
        const s = this.slots.reduce((a, b) => (b.venues.size < a.venues.size ? b : a));
        slot = s;
        s.venues.set(gen, { config, credentials });
        s.worker?.postMessage(this.startMessage(gen, s.venues.get(gen)!));
      },
      stop: () => {
        const s = slot;
        if (!s?.venues.delete(gen) || !s.worker || this.closing) return Promise.resolve();
        s.worker.postMessage({ type: 'stop', gen } satisfies ToWorker);
        // Bounded: a stuck worker is restarted by the watchdog; its late ops are dropped (the generation is gone).
        return new Promise<void>((resolve) => {
          const timer = setTimeout(done, this.opts.init.timeoutMs + STOP_GRACE_MS);
          function done(): void {
            clearTimeout(timer);
            s!.stopping.delete(gen);
            resolve();
          }
          s.stopping.set(gen, done);
        });
      },
    };
  }

  private startMessage(gen: number, p: Placed): ToWorker {
    const until = this.opts.metrics.pausedUntilMs(p.config.id);
    return { type: 'start', gen, venue: p.config, credentials: p.credentials, ...(until !== undefined && until > Date.now() ? { resumeAtMs: until } : {}) };
  }

  private spawn(slot: Slot): void {
    const worker = startWorker(this.init, `vigil-pollers-${slot.index}`);
    slot.worker = worker;
    slot.startedAt = slot.heardAt = Date.now();
    slot.ready = false;
    worker.on('message', (m: FromWorker) => this.received(slot, worker, m));
    worker.on('error', (err) => this.failed(slot, err));
    worker.on('exit', (code) => this.exited(slot, worker, code));
    for (const [gen, p] of slot.venues) worker.postMessage(this.startMessage(gen, p));
  }

  /** Logs a worker's error: every secret of its venues redacted before the message is cut. */
  private failed(slot: Slot, err: unknown): void {
    const secrets = [...slot.venues.values()].map((v) => v.credentials);
    this.opts.logger.error({ thread: slot.index, err: redactedError(err, secrets) }, 'poller thread failed');
  }

  private received(slot: Slot, worker: Worker, m: FromWorker): void {
    if (slot.worker !== worker) return;
    slot.heardAt = Date.now();
    if (m.type === 'tick') return;
    if (m.type === 'ready') {
      slot.ready = true;
      return;
    }
    if (m.type === 'failed') return this.failed(slot, m.err);
    if (m.type === 'stopped') return void slot.stopping.get(m.gen)?.();
    for (const op of m.ops) {
      // A poller stopped since (its venue removed, changed, or started again as a new poller): its figures are
      // gone, or belong to the new poller, and nothing of the old one may land on them.
      const placed = slot.venues.get(op.g);
      if (!placed || opVenue(op) !== placed.config.id) continue;
      try {
        applyOp(op, this.opts.targets);
      } catch (err) {
        this.opts.logger.error({ thread: slot.index, err: (err as Error).message }, 'could not apply a poller thread operation');
      }
    }
  }

  /** Terminates a worker that has said nothing for too long (a busy loop, a stuck parse): it is restarted. */
  private watch(): void {
    const now = Date.now();
    for (const slot of this.slots) {
      const w = slot.worker;
      if (!w || this.closing) continue;
      const silent = now - slot.heardAt;
      if (silent <= (slot.ready ? HEARTBEAT_LIMIT_MS : LOADING_LIMIT_MS)) continue;
      this.opts.logger.error({ thread: slot.index, silent_seconds: Math.round(silent / 1000), venues: slot.venues.size }, 'poller thread stopped answering: terminating it');
      slot.heardAt = now;
      void w.terminate();
    }
  }

  private exited(slot: Slot, worker: Worker, code: number): void {
    if (slot.worker !== worker) return;
    slot.worker = undefined;
    for (const done of [...slot.stopping.values()]) done();
    if (this.closing) return;
    this.restarts.child([]).value++;
    const now = Date.now();
    for (const p of slot.venues.values()) this.opts.metrics.pollDone(p.config.id, false, now);
    // A worker that ran a minute was not crash-looping: its next restart waits the shortest time again.
    if (now - slot.startedAt > 60_000) slot.backoff.reset();
    const wait = slot.backoff.next();
    this.opts.logger.error({ thread: slot.index, exit_code: code, venues: slot.venues.size, restart_in_seconds: wait / 1000 }, 'poller thread exited: its venues are down until it is restarted');
    slot.restartTimer = setTimeout(() => this.spawn(slot), wait);
    slot.restartTimer.unref();
  }

  /** Stops every worker: each stops all its pollers at once and sends its last spans, or is terminated after
   * STOP_GRACE_MS. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.watchdog);
    await Promise.all(
      this.slots.map(async (slot) => {
        clearTimeout(slot.restartTimer);
        const w = slot.worker;
        if (!w) return;
        const exited = new Promise<void>((r) => w.once('exit', () => r()));
        // Still loading ccxt: no poller has run, nothing to send.
        if (!slot.ready) void w.terminate();
        else w.postMessage({ type: 'close' } satisfies ToWorker);
        const timer = setTimeout(() => void w.terminate(), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
