// A pool of ingest worker threads. JSON.parse and validation of a large batch cost several times what
// applying it does; doing them off the main thread lets ingest use more than one core and keeps scrapes
// and small batches from queueing behind a big parse. The main thread only reads bytes, decodes the
// worker's compact result and applies it.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EncodedBatch } from './batch-codec.js';
import type { BodyCheck } from './check-body.js';
import { IngestError } from './ingest-error.js';
import type { WorkerJob, WorkerReply } from './worker-protocol.js';

/** One less than the CPUs (the main thread needs one), at least 1 and at most 4. */
export function defaultIngestWorkers(): number {
  return Math.min(4, Math.max(1, availableParallelism() - 1));
}

/** A worker died with jobs in flight; their clients get 503 and may resend (nothing of them was applied). */
export class WorkerUnavailable extends Error {}

interface Pending {
  resolve: (batch: EncodedBatch) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Pending>;
}

// Under tsx (the tests run the TypeScript sources) the worker is TypeScript too, and a worker thread does not
// inherit tsx's loader hooks: a small bootstrap registers them in the worker first.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./parse-worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);

function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, { name: 'vigil-ingest' });
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(bootstrap, { eval: true, name: 'vigil-ingest' });
}

export interface IngestWorkersOptions {
  size: number;
  /** Called when a worker exited unexpectedly and was replaced. */
  onRestart: (reason: string) => void;
  /** Called once when workers kept dying and the pool gave up (callers then check bodies inline). */
  onDisabled?: (reason: string) => void;
}

/** More restarts than this within RESTART_WINDOW_MS is a crash loop (say, a worker that cannot start). */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

export class IngestWorkers {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closing = false;
  private restarts: number[] = [];
  /** Why the pool gave up, once it has. */
  disabledReason: string | undefined = undefined;

  constructor(private readonly opts: IngestWorkersOptions) {
    for (let i = 0; i < opts.size; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  /** Worker threads checking bodies: 0 once the pool gave up (or is closing). */
  get inUse(): number {
    return this.available ? this.slots.length : 0;
  }

  /** False once the pool gave up after a crash loop. */
  get available(): boolean {
    return this.disabledReason === undefined && !this.closing;
  }

  /**
   * Decodes, parses and validates the body in the least busy worker; resolves the batch in its compact form
   * (decodeBatch, or eventsOf, gives the events). A body spanning its whole ArrayBuffer (as readRaw returns
   * them) is handed over, not copied: the caller must not use it afterwards.
   */
  check(body: Buffer, c: BodyCheck): Promise<EncodedBatch> {
    if (!this.available) return Promise.reject(new WorkerUnavailable(this.disabledReason ?? 'the exporter is shutting down'));
    let slot = this.slots[0];
    for (const s of this.slots) if (s.inFlight.size < slot.inFlight.size) slot = s;
    const id = this.nextId++;
    // readRaw's buffers own their ArrayBuffer whole; anything else is copied before its memory is handed over.
    const whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    const bytes = whole ? new Uint8Array(body.buffer, 0, body.byteLength) : new Uint8Array(body);
    const job: WorkerJob = { id, bytes, ...c };
    return new Promise<EncodedBatch>((resolve, reject) => {
      // Referenced only while it has work, so an idle pool never holds the process open.
      if (slot.inFlight.size === 0) slot.worker.ref();
      slot.inFlight.set(id, { resolve, reject });
      slot.worker.postMessage(job, [bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = startWorker();
    const slot: Slot = { worker, inFlight: new Map() };
    worker.on('message', (reply: WorkerReply) => this.settle(slot, reply));
    const fail = (why: string) => {
      const at = this.slots.indexOf(slot);
      if (this.closing || at < 0) return;
      for (const p of slot.inFlight.values()) p.reject(new WorkerUnavailable(`ingest worker failed (${why}); nothing of the batch was applied, resend it`));
      slot.inFlight.clear();
      const now = Date.now();
      this.restarts = this.restarts.filter((t) => t > now - RESTART_WINDOW_MS);
      this.restarts.push(now);
      if (this.restarts.length > MAX_RESTARTS) {
        this.slots.splice(at, 1);
        if (this.disabledReason === undefined) {
          this.disabledReason = `ingest workers died ${this.restarts.length} times within ${RESTART_WINDOW_MS / 1000}s (last: ${why}); bodies are checked on the main thread`;
          this.opts.onDisabled?.(this.disabledReason);
        }
        return;
      }
      this.slots[at] = this.spawn();
      this.opts.onRestart(why);
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    // Idle workers never hold the process open. After the listeners, which would reference it again.
    worker.unref();
    return slot;
  }

  private settle(slot: Slot, reply: WorkerReply): void {
    const p = slot.inFlight.get(reply.id);
    if (!p) return;
    slot.inFlight.delete(reply.id);
    if (slot.inFlight.size === 0) slot.worker.unref();
    if (reply.ok) {
      p.resolve(reply.batch);
    } else if ('refusal' in reply) {
      const r = reply.refusal;
      const err = new IngestError(r.status, r.reason, r.message, r.index, r.field);
      err.batchSize = r.batchSize;
      p.reject(err);
    } else {
      p.reject(new Error(`ingest worker: ${reply.failure}`));
    }
  }
}
