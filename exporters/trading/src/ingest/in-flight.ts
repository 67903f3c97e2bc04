// Backpressure for POST /v1/events: a bound on requests and on body bytes in flight (read, being checked,
// or waiting to be applied). Past either bound a request is refused with 429 and Retry-After before more
// of its body is read, so memory under a flood of large bodies stays bounded by the limits, not the clients.
import type { MetricFamily } from '@vigil/exporter-kit';
import { GaugeVec } from '../metrics/series.js';
import { IngestError } from './ingest-error.js';

export interface InFlightLimits {
  /** Most ingest requests between arrival and answer. */
  maxRequests: number;
  /** Most body bytes held by those requests (raw, as received). */
  maxBytes: number;
}

/** Seconds a refused client is asked to wait. */
export const RETRY_AFTER_SECONDS = 1;

export class InFlight {
  private requests = 0;
  private bytes = 0;
  private readonly requestsGauge = new GaugeVec('trading_ingest_in_flight_requests', 'Ingest requests being read, checked or applied.', []);
  private readonly requestsLimit = new GaugeVec('trading_ingest_in_flight_requests_limit', 'Most ingest requests in flight (--ingest.max-in-flight); past it 429.', []);
  private readonly bytesGauge = new GaugeVec('trading_ingest_queue_bytes', 'Body bytes held by ingest requests in flight.', []);
  private readonly bytesLimit = new GaugeVec(
    'trading_ingest_queue_limit_bytes',
    'Most body bytes held by ingest requests in flight (--ingest.max-in-flight-bytes); past it 429.',
    [],
  );

  constructor(readonly limits: InFlightLimits) {
    this.requestsLimit.child([]).value = limits.maxRequests;
    this.bytesLimit.child([]).value = limits.maxBytes;
  }

  /** Admits one request, or throws the 429 naming the limit. Pair with leave(). */
  enter(): Ticket {
    if (this.requests >= this.limits.maxRequests) {
      throw overloaded(`ingest is at its limit of ${this.limits.maxRequests} requests in flight (--ingest.max-in-flight)`);
    }
    this.requests++;
    return new Ticket(this);
  }

  /** @internal */
  take(ticket: Ticket, n: number): void {
    // One request alone is always admitted (up to --ingest.max-body-bytes), so a limit below the body size cannot wedge ingest.
    if (this.bytes + n > this.limits.maxBytes && this.bytes > ticket.held) {
      throw overloaded(`ingest is at its limit of ${this.limits.maxBytes} body bytes in flight (--ingest.max-in-flight-bytes)`);
    }
    this.bytes += n;
    ticket.held += n;
  }

  /** @internal */
  give(ticket: Ticket): void {
    this.bytes -= ticket.held;
    ticket.held = 0;
    this.requests--;
  }

  families(): MetricFamily[] {
    this.requestsGauge.child([]).value = this.requests;
    this.bytesGauge.child([]).value = this.bytes;
    return [this.requestsGauge.family(), this.requestsLimit.family(), this.bytesGauge.family(), this.bytesLimit.family()];
  }
}

/** One admitted request's share of the bounds. */
export class Ticket {
  held = 0;
  private left = false;

  constructor(private readonly owner: InFlight) {}

  /** Accounts `n` more body bytes to this request, or throws the 429 when they do not fit. */
  hold(n: number): void {
    this.owner.take(this, n);
  }

  leave(): void {
    if (this.left) return;
    this.left = true;
    this.owner.give(this);
  }
}

function overloaded(what: string): IngestError {
  return new IngestError(429, 'overloaded', `${what}; retry after ${RETRY_AFTER_SECONDS} s`);
}
