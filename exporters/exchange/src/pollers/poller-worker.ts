// A worker thread running venue pollers (--pollers.threads): ccxt, its HTTP requests and JSON parsing, the
// schedule, rate limiting and backoff all run here; every figure a poll produces goes to the main thread as
// PollOps, flushed once per turn of this thread's event loop (one message for what landed in that turn).
// Credentials are read here from the venue's credentials file: the messages carry the file's path, never a key.
import { parentPort, workerData } from 'node:worker_threads';
import { currentTracing, startTracing } from '@vigil/exporter-kit';
import { loadCcxt } from '../ccxt-client.js';
import { VenuePoller } from '../venue-poller.js';
import { loadCredentials } from '../venues/credentials.js';
import { recorders, type PollOp } from './poll-ops.js';
import type { FromWorker, PollerWorkerInit, ToWorker } from './protocol.js';

const init = workerData as PollerWorkerInit;
const port = parentPort!;
if (init.tracing) startTracing(init.tracing);

let pending: PollOp[] = [];
let scheduled = false;
const post = (m: FromWorker) => port.postMessage(m);
function flush(): void {
  scheduled = false;
  if (pending.length === 0) return;
  const ops = pending;
  pending = [];
  post({ type: 'ops', ops });
}
const out = recorders((op) => {
  pending.push(op);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
});

const ccxt = loadCcxt();
void ccxt.then(() => post({ type: 'ready' }));
const pollers = new Map<string, VenuePoller>();
let closing = false;

/** Stops every poller, sends what they wrote and the last spans, and ends the thread. */
async function close(): Promise<void> {
  closing = true;
  await Promise.all([...pollers.values()].map((p) => p.stop()));
  flush();
  await currentTracing()?.shutdown();
  process.exit(0);
}

async function handle(m: Exclude<ToWorker, { type: 'close' }>): Promise<void> {
  if (m.type === 'start') {
    const venue = m.venue;
    const loaded = await ccxt;
    if (closing) return;
    const credentials = venue.credentialsFile ? loadCredentials(venue.credentialsFile, venue.id) : {};
    const poller = new VenuePoller(venue, {
      ccxt: loaded,
      apiBase: init.apiBase,
      marketsDir: init.marketsDir,
      timeoutMs: init.timeoutMs,
      credentials,
      weightLimit: init.weightLimits[venue.id] ?? init.weightLimits[venue.exchange],
      logger: out.logger,
      metrics: out.metrics,
      book: out.book,
      account: out.account,
      onQuote: init.quotes ? (symbol, bid, ask, ts) => out.quote(venue.id, symbol, bid, ask, ts) : undefined,
    });
    pollers.set(venue.id, poller);
    poller.start();
  } else {
    await pollers.get(m.id)?.stop();
    pollers.delete(m.id);
    // Everything the venue's poller wrote goes before the answer: nothing of it arrives after the main thread
    // has dropped the venue's figures.
    flush();
    post({ type: 'stopped', id: m.id });
  }
}

// One message at a time, in order (a venue's stop never overtakes its start); closing at once.
let queue = Promise.resolve();
port.on('message', (m: ToWorker) => {
  if (m.type === 'close') void close();
  else queue = queue.then(() => handle(m));
});
