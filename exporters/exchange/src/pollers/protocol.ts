// The messages between the main thread and a poller worker thread.
import type { TracingOptions } from '@vigil/exporter-kit';
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

/** Main → worker: start polling a venue (its config carries the credentials file's path, never a key), stop one,
 * or stop them all, send the last spans and exit. */
export type ToWorker = { type: 'start'; venue: VenueConfig } | { type: 'stop'; id: string } | { type: 'close' };

/** Worker → main: ccxt is loaded, operations to apply, or a venue's poller has stopped (after its last operations). */
export type FromWorker = { type: 'ready' } | { type: 'ops'; ops: PollOp[] } | { type: 'stopped'; id: string };
