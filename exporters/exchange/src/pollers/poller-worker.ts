// A worker thread running venue pollers (--pollers.threads): ccxt, its HTTP requests and JSON parsing, the
// schedule, rate limiting and backoff all run here; every figure a poll produces goes to the main thread as
// PollOps tagged with their poller, flushed once per turn of this thread's event loop (one message for what landed
// in that turn). Messages are handled one by one as they come (starts and stops in order, a stop never waiting
// for another); a venue whose poller cannot be built here shows as its own failure and is retried, the others
// go on. A 'tick' every second tells the main thread this thread is not stuck.
import { parentPort, workerData } from 'node:worker_threads';
import { currentTracing, startTracing } from '@vigil/exporter-kit';
import { Backoff } from '../backoff.js';
import { loadCcxt, type CcxtModule } from '../ccxt-client.js';
import { redactedError } from '../redact.js';
import { VenuePoller } from '../venue-poller.js';
import { recorders } from './poll-ops.js';
import { HEARTBEAT_MS, type FromWorker, type PollerWorkerInit, type TaggedOp, type ToWorker } from './protocol.js';

const init = workerData as PollerWorkerInit;
const port = parentPort!;
if (init.tracing) startTracing(init.tracing);

const post = (m: FromWorker) => port.postMessage(m);
setInterval(() => post({ type: 'tick' }), HEARTBEAT_MS);

let pending: TaggedOp[] = [];
let scheduled = false;
function flush(): void {
  scheduled = false;
  if (pending.length === 0) return;
  const ops = pending;
  pending = [];
  post({ type: 'ops', ops });
}

type Start = Extract<ToWorker, { type: 'start' }>;
interface Running {
  poller?: VenuePoller;
  retry?: NodeJS.Timeout;
}
/** The pollers of this thread, by generation. */
const running = new Map<number, Running>();
let ccxt: CcxtModule | undefined;
const early: ToWorker[] = [];
let closing = false;

/** Builds and starts poller m.gen; a venue that cannot be built (its market list unreadable since the main thread
 * checked it, ...) is counted and logged as its own poll failure and tried again after a doubling wait. */
function start(m: Start, r: Running, out: ReturnType<typeof recorders>, backoff: Backoff): void {
  const { venue } = m;
  try {
    r.poller = new VenuePoller(venue, {
      ccxt: ccxt!,
      apiBase: init.apiBase,
      marketsDir: init.marketsDir,
      timeoutMs: init.timeoutMs,
      credentials: m.credentials,
      weightLimit: init.weightLimits[venue.id] ?? init.weightLimits[venue.exchange],
      resumeAtMs: m.resumeAtMs,
      logger: out.logger,
      metrics: out.metrics,
      book: out.book,
      account: out.account,
      onQuote: init.quotes ? (symbol, bid, ask, ts) => out.quote(venue.id, symbol, bid, ask, ts) : undefined,
    });
    r.poller.start();
  } catch (err) {
    const wait = backoff.next();
    const now = Date.now();
    out.metrics.error(venue.id, 'poll', 'other');
    out.metrics.pollDone(venue.id, false, now);
    out.metrics.paused(venue.id, now + wait);
    out.logger.error({ venue: venue.id, error_class: 'other', retry_in_seconds: wait / 1000, err: redactedError(err, m.credentials) }, 'venue poller could not be set up in its thread: retrying');
    r.retry = setTimeout(() => running.get(m.gen) === r && start(m, r, out, backoff), wait);
  }
}

function handle(m: ToWorker): void {
  if (m.type === 'start') {
    const r: Running = {};
    running.set(m.gen, r);
    const out = recorders((op) => {
      pending.push({ ...op, g: m.gen });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
    start(m, r, out, new Backoff(m.venue.pollIntervalMs, Math.max(m.venue.pollIntervalMs * 8, 1000)));
  } else if (m.type === 'stop') {
    const r = running.get(m.gen);
    running.delete(m.gen);
    clearTimeout(r?.retry);
    void (r?.poller?.stop() ?? Promise.resolve()).then(() => {
      // Everything the poller wrote goes before the answer.
      flush();
      post({ type: 'stopped', gen: m.gen });
    });
  } else if (m.type === 'block' && process.env.VIGIL_EXCHANGE_TEST_HOOKS === '1') {
    const until = Date.now() + m.ms;
    while (Date.now() < until);
  }
}

/** Stops every poller at once, sends what they wrote and the last spans, and ends the thread. */
async function close(): Promise<void> {
  closing = true;
  await Promise.all([...running.values()].map((r) => (clearTimeout(r.retry), r.poller?.stop())));
  flush();
  await currentTracing()?.shutdown();
  process.exit(0);
}

function receive(m: ToWorker): void {
  if (closing) return;
  if (m.type === 'close') return void close();
  if (!ccxt) return void early.push(m);
  try {
    handle(m);
  } catch (err) {
    post({ type: 'failed', err: String((err as Error)?.stack ?? err) });
  }
}
port.on('message', receive);

// A thread that cannot load ccxt dies (its exit is counted and it is started again).
void loadCcxt().then((c) => {
  ccxt = c;
  post({ type: 'ready' });
  for (const m of early.splice(0)) receive(m);
});
