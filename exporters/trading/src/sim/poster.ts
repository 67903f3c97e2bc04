// Posts the simulator's events to the exporter's real ingest API, one request at a time, merging what
// queued up meanwhile. Network errors, 5xx and 429 are retried with backoff (the exporter may start after
// the simulator or restart); any other 4xx means the simulator sent something wrong and is logged loudly.
import type { Logger } from '@vigil/exporter-kit';
import type { RawEvent } from './order-flow.js';

export interface PosterOptions {
  url: string;
  token?: string;
  /** Most events kept while the exporter is unreachable; older ones are dropped past it. */
  maxBacklog: number;
  maxBatch: number;
  logger: Logger;
}

export interface PosterStats {
  sent: number;
  requests: number;
  refused: number;
  retries: number;
  dropped: number;
  backlog: number;
}

export class Poster {
  private queue: RawEvent[] = [];
  private inFlight?: Promise<void>;
  private backoffMs = 0;
  private stopped = false;
  readonly stats: PosterStats = { sent: 0, requests: 0, refused: 0, retries: 0, dropped: 0, backlog: 0 };

  constructor(private readonly opts: PosterOptions) {}

  enqueue(events: RawEvent[]): void {
    if (events.length === 0) return;
    this.queue.push(...events);
    const excess = this.queue.length - this.opts.maxBacklog;
    if (excess > 0) {
      this.queue.splice(0, excess);
      this.stats.dropped += excess;
    }
    this.stats.backlog = this.queue.length;
    this.pump();
  }

  private pump(): void {
    if (this.inFlight || this.queue.length === 0 || this.stopped) return;
    const batch = this.queue.splice(0, this.opts.maxBatch);
    this.stats.backlog = this.queue.length;
    this.inFlight = this.send(batch).finally(() => {
      this.inFlight = undefined;
      if (this.backoffMs > 0) setTimeout(() => this.pump(), this.backoffMs).unref();
      else this.pump();
    });
  }

  private async send(batch: RawEvent[]): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    this.stats.requests++;
    let retry = false;
    try {
      const res = await fetch(`${this.opts.url}/v1/events`, { method: 'POST', headers, body: JSON.stringify(batch), signal: AbortSignal.timeout(10_000) });
      const text = await res.text();
      if (res.status === 202) {
        this.stats.sent += batch.length;
        this.backoffMs = 0;
        return;
      }
      if (res.status === 429 || res.status >= 500) retry = true;
      else {
        this.stats.refused += batch.length;
        this.backoffMs = 0;
        this.opts.logger.error({ status: res.status, response: text.slice(0, 500) }, 'the exporter refused a batch');
        return;
      }
      this.opts.logger.warn({ status: res.status }, 'the exporter could not take a batch; retrying');
    } catch (err) {
      retry = true;
      this.opts.logger.warn({ err: (err as Error).message, url: this.opts.url }, 'cannot reach the exporter; retrying');
    }
    if (retry) {
      this.stats.retries++;
      this.backoffMs = Math.min(5_000, Math.max(250, this.backoffMs * 2));
      // Put the batch back at the front so event order is kept.
      this.queue.unshift(...batch);
      this.stats.backlog = this.queue.length;
    }
  }

  /** Sends what is queued, giving up after timeoutMs. */
  async flush(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.queue.length > 0 || this.inFlight) && Date.now() < deadline) {
      this.pump();
      await (this.inFlight ?? new Promise((r) => setTimeout(r, 50)));
    }
    this.stopped = true;
  }
}
