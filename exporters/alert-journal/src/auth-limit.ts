// Guessing the webhook credential or the API key is bounded: a client (remote address) that presented a wrong
// one --auth.max-failures times within a minute gets 429 with Retry-After, without a comparison, until the
// minute has passed. The webhook and the API count apart (one AuthLimit each): a script with a stale API key on
// Alertmanager's host must not get Alertmanager's notifications refused. A missing credential is not counted:
// it is a misconfigured client, not a guess. Refusals are counted in unauthorized_requests_total{route}.
import type { Request, Response } from 'express';
import { FailureLimiter } from '@vigil/exporter-kit';

export class AuthLimit {
  private readonly limiter?: FailureLimiter;

  /** `maxFailures` 0 turns the limit off. */
  constructor(maxFailures: number, now?: () => number) {
    if (maxFailures > 0) this.limiter = new FailureLimiter({ maxFailures, windowMs: 60_000, now });
  }

  private client(req: Request): string {
    return req.socket.remoteAddress ?? '';
  }

  /** Answers 429 (true) when the client is refused outright for now. */
  refused(req: Request, res: Response): boolean {
    const wait = this.limiter?.blockedFor(this.client(req)) ?? 0;
    if (wait === 0) return false;
    res.status(429).setHeader('Retry-After', String(wait)).json({ error: `too many wrong credentials from this client: retry after ${wait} s` });
    return true;
  }

  /** Records a wrong credential presented by the client. */
  wrong(req: Request): void {
    this.limiter?.fail(this.client(req));
  }
}
