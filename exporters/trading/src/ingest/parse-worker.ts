// An ingest worker: checks raw bodies (decompress, parse, validate) off the main thread and sends back the
// validated batch in its compact form, or the refusal. Holds no state; started by IngestWorkers. The native
// scanner, when it loaded, answers the common bodies; whatever it is unsure of takes the JS path.
import { parentPort } from 'node:worker_threads';
import { encodeBatch, transferList, type EncodedBatch } from './batch-codec.js';
import { checkInflated, scanNatively } from './check-body.js';
import { IngestError } from './ingest-error.js';
import { inflate } from './read-body.js';
import type { WorkerJob, WorkerReply } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('parse-worker.js runs as a worker thread of the trading exporter');

async function check(job: WorkerJob): Promise<EncodedBatch> {
  const bytes = await inflate(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), job.gzip, job.maxBodyBytes);
  return scanNatively(bytes, job) ?? encodeBatch(checkInflated(bytes, job));
}

port.on('message', (job: WorkerJob) => {
  check(job).then(
    (batch) => port.postMessage({ id: job.id, ok: true, batch } satisfies WorkerReply, transferList(batch)),
    (err: unknown) => {
      const reply: WorkerReply =
        err instanceof IngestError
          ? { id: job.id, ok: false, refusal: { status: err.status, reason: err.reason, message: err.message, index: err.index, field: err.field, batchSize: err.batchSize } }
          : { id: job.id, ok: false, failure: err instanceof Error ? (err.stack ?? err.message) : String(err) };
      port.postMessage(reply);
    },
  );
});
