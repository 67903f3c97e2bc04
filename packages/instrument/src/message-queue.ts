// Message-queue metrics for any broker (Kafka, NATS, RabbitMQ, Redis Streams, SQS, ...): the service calls this
// API where it publishes and consumes, so every queue reads the same on the dashboards and in the alerts.
//   messaging_messages_published_total, messaging_publish_failures_total{error_type}
//   messaging_messages_processed_total{outcome}, messaging_process_failures_total{error_type}
//   messaging_process_duration_seconds{outcome}, messaging_messages_in_flight
//   messaging_message_age_seconds (publish → processing start), messaging_consumer_lag_messages
// Labels: service, queue (topic/subject/stream; capped), system (kafka, nats, ...).
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { BoundedLabel } from './bounded-labels.js';
import { errorType } from './error-type.js';

export interface QueueMetricsOptions {
  registry: Registry;
  service: string;
  /** Distinct queue names kept before folding into "other" (default 50). */
  maxQueues?: number;
  durationBuckets?: number[];
  ageBuckets?: number[];
}

export interface ConsumeOptions {
  /** When the message was published (Date or epoch ms): observed as its age when processing starts. */
  publishedAt?: Date | number;
}

export interface QueueInstrument {
  /** `count` messages were published (acknowledged by the broker). */
  published(count?: number): void;
  /** A publish failed; returns the error type counted. */
  publishFailed(err: unknown): string;
  /**
   * Processes one message with `handler`: counts it in flight meanwhile, observes its duration and outcome, and
   * counts a failure by error type. The handler's result or error is passed through.
   */
  process<T>(handler: () => Promise<T> | T, opts?: ConsumeOptions): Promise<T>;
  /** Consumer lag in messages, as the broker reports it (Kafka: high watermark − committed offset). */
  setLag(messages: number): void;
  /** Reads the lag at scrape time instead (errors leave the last value). */
  lagFrom(read: () => number | Promise<number>): void;
}

export const DEFAULT_PROCESS_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
export const DEFAULT_AGE_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

type Labels = { service: string; queue: string; system: string };

export interface QueueMetrics {
  /** The instrument for one queue (topic, subject, stream) of a messaging `system`. Same name, same instrument. */
  queue(name: string, opts: { system: string }): QueueInstrument;
}

export function queueMetrics(opts: QueueMetricsOptions): QueueMetrics {
  const { registry, service } = opts;
  const r = [registry];
  const base = ['service', 'queue', 'system'] as const;
  const published = new Counter({ name: 'messaging_messages_published_total', help: 'Messages published and acknowledged by the broker.', labelNames: base, registers: r });
  const publishFailures = new Counter({ name: 'messaging_publish_failures_total', help: 'Publishes that failed, by error type.', labelNames: [...base, 'error_type'], registers: r });
  const processed = new Counter({ name: 'messaging_messages_processed_total', help: 'Messages consumed and processed, by outcome (success or failure).', labelNames: [...base, 'outcome'], registers: r });
  const processFailures = new Counter({ name: 'messaging_process_failures_total', help: 'Messages whose processing failed, by error type.', labelNames: [...base, 'error_type'], registers: r });
  const duration = new Histogram({
    name: 'messaging_process_duration_seconds',
    help: 'Time to process one consumed message, by outcome.',
    labelNames: [...base, 'outcome'],
    buckets: opts.durationBuckets ?? DEFAULT_PROCESS_BUCKETS,
    registers: r,
  });
  const inFlight = new Gauge({ name: 'messaging_messages_in_flight', help: 'Messages being processed right now.', labelNames: base, registers: r });
  const age = new Histogram({
    name: 'messaging_message_age_seconds',
    help: 'Time from publishing a message to the start of its processing (end-to-end lag in time).',
    labelNames: base,
    buckets: opts.ageBuckets ?? DEFAULT_AGE_BUCKETS,
    registers: r,
  });
  const lagReaders = new Map<string, { labels: Labels; read: () => number | Promise<number> }>();
  const lag = new Gauge({
    name: 'messaging_consumer_lag_messages',
    help: 'Messages published but not yet consumed by this consumer, as the broker reports it.',
    labelNames: base,
    registers: r,
    async collect() {
      await Promise.all(
        [...lagReaders.values()].map(async ({ labels, read }) => {
          try {
            const v = await read();
            if (Number.isFinite(v)) this.set(labels, v);
          } catch {
            // The broker could not be asked: the last value stays, its age shows in the scrape timestamps.
          }
        }),
      );
    },
  });
  const queues = new BoundedLabel(registry, service, 'queue', opts.maxQueues ?? 50);
  const instruments = new Map<string, QueueInstrument>();

  return {
    queue(name, { system }) {
      const labels: Labels = { service, queue: queues.value(name), system };
      const key = `${labels.queue}\u0000${system}`;
      const existing = instruments.get(key);
      if (existing) return existing;
      const instrument: QueueInstrument = {
        published: (count = 1) => published.inc(labels, count),
        publishFailed(err) {
          const type = errorType(err);
          publishFailures.inc({ ...labels, error_type: type });
          return type;
        },
        async process(handler, consume = {}) {
          if (consume.publishedAt !== undefined) {
            const at = consume.publishedAt instanceof Date ? consume.publishedAt.getTime() : consume.publishedAt;
            if (Number.isFinite(at)) age.observe(labels, Math.max(0, (Date.now() - at) / 1000));
          }
          inFlight.inc(labels);
          const t0 = process.hrtime.bigint();
          let outcome = 'success';
          try {
            return await handler();
          } catch (err) {
            outcome = 'failure';
            processFailures.inc({ ...labels, error_type: errorType(err) });
            throw err;
          } finally {
            inFlight.dec(labels);
            processed.inc({ ...labels, outcome });
            duration.observe({ ...labels, outcome }, Number(process.hrtime.bigint() - t0) / 1e9);
          }
        },
        setLag: (messages) => lag.set(labels, messages),
        lagFrom: (read) => void lagReaders.set(key, { labels, read }),
      };
      // Zero series from the start, so rate() and absent() work before the first message.
      published.inc(labels, 0);
      inFlight.inc(labels, 0);
      instruments.set(key, instrument);
      return instrument;
    },
  };
}
