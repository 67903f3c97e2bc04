// The messages between the main thread and a poller worker thread.
import type { TracingOptions } from '@vigil/exporter-kit';
import type { ExchangeCredentials } from '../venues/credentials.js';
import type { VenueConfig } from '../venues/venue-config.js';
import type { PollOp } from './poll-ops.js';

/** workerData: what every poller in the worker shares. */
export interface PollerWorkerInit {
  apiBase?: string;
  marketsDir?: string;
  timeoutMs: number;
  weightLimits: Record<string, number>;
  /** Send polled quotes (the forwarding bridge's market.quote events). */
  quotes: boolean;
  /** The main thread's tracing set-up, when it traces: the worker's spans go to the same collector. */
  tracing?: TracingOptions;
}

/** How often a worker says it is alive (a 'tick'), whatever it is doing. */
export const HEARTBEAT_MS = 1000;

/**
 * Main → worker. start: poll a venue as poller `gen` (a number never reused: ops of a stopped poller can never
 * be taken for those of a same-id venue started since), with the credentials the main thread read and validated
 * (the worker reads no file of them), and not before `resumeAtMs` (a pause a venue was in when its worker died).
 * stop: stop poller `gen`. close: stop them all, send the last spans, exit.
 * block: test hook, only when VIGIL_EXCHANGE_TEST_HOOKS=1: busy-loop the worker's thread for `ms`.
 */
export type ToWorker =
  | { type: 'start'; gen: number; venue: VenueConfig; credentials: ExchangeCredentials; resumeAtMs?: number }
  | { type: 'stop'; gen: number }
  | { type: 'close' }
  | { type: 'block'; ms: number };

/** An operation of poller `g`. */
export type TaggedOp = PollOp & { g: number };

/** Worker → main: alive, ccxt is loaded, operations to apply, a poller has stopped (after its last operations),
 * or a message the worker could not handle (its error, not yet redacted). */
export type FromWorker =
  | { type: 'tick' }
  | { type: 'ready' }
  | { type: 'ops'; ops: TaggedOp[] }
  | { type: 'stopped'; gen: number }
  | { type: 'failed'; err: string };
