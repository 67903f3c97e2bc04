// HTTP basic auth against bcrypt hashes, as the exporter-toolkit does it: 401 with WWW-Authenticate on a
// missing or wrong password. bcrypt is slow on purpose (tens of milliseconds of this process's only thread per
// comparison), so it runs at most once per distinct credential: a verified one is cached per user (keyed by a
// SHA-256 of user and password), a refused one in a bounded set of digests, so a client with a stale password
// scraping every 15 s costs one comparison, not one per scrape. A client (remote address) refused more than
// `maxFailures` times within `failureWindowMs` gets 429 with Retry-After without any comparison until the
// window passes, which bounds what guessing can cost. Unknown users still pay one comparison, so timing does
// not reveal which usernames exist; every digest comparison is constant-time.
import { createHash, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FailureLimiter, remember } from './failure-limiter.js';

const DUMMY_HASH = '$2a$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi';

export interface BasicAuthResult {
  ok: boolean;
  user?: string;
  /** Refused without a check because the client failed too often; seconds until it may try again. */
  retryAfterSeconds?: number;
}

export interface BasicAuthOptions {
  /** Refusals per client within the window before it is refused outright (429). Default 10. */
  maxFailures?: number;
  /** Default 60 s. */
  failureWindowMs?: number;
  /** Distinct refused credentials remembered (oldest forgotten first). Default 1024. */
  maxRememberedFailures?: number;
  /** Distinct clients whose failures are tracked (oldest forgotten first). Default 10 000. */
  maxClients?: number;
  /** Called on every refusal: `credential` (missing or wrong) or `rate_limited`. */
  onRefused?: (reason: 'credential' | 'rate_limited') => void;
  now?: () => number;
}

export class BasicAuthenticator {
  private readonly verified = new Map<string, Buffer>();
  private readonly refused = new Map<string, true>();
  private readonly limiter: FailureLimiter;

  constructor(
    private readonly users: Map<string, string>,
    private readonly opts: BasicAuthOptions = {},
  ) {
    this.limiter = new FailureLimiter({ maxFailures: opts.maxFailures, windowMs: opts.failureWindowMs, maxClients: opts.maxClients, now: opts.now });
  }

  get enabled(): boolean {
    return this.users.size > 0;
  }

  private fail(client: string): BasicAuthResult {
    this.limiter.fail(client);
    return { ok: false };
  }

  async check(header: string | undefined, client = ''): Promise<BasicAuthResult> {
    const wait = this.limiter.blockedFor(client);
    if (wait > 0) return { ok: false, retryAfterSeconds: wait };
    if (!header?.startsWith('Basic ')) return this.fail(client);
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return this.fail(client);
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const digest = createHash('sha256').update(user).update('\0').update(password).digest();
    const cached = this.verified.get(user);
    if (cached && timingSafeEqual(cached, digest)) return { ok: true, user };
    // Map lookup by the digest's hex: the digest is of a secret, but an attacker cannot choose its value.
    const key = digest.toString('hex');
    if (this.refused.has(key)) return this.fail(client);
    const hash = this.users.get(user);
    const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
    if (ok && hash) {
      this.verified.set(user, digest);
      return { ok: true, user };
    }
    remember(this.refused, key, true, this.opts.maxRememberedFailures ?? 1024);
    return this.fail(client);
  }

  /**
   * Lets the request go on (true) or answers 401 with WWW-Authenticate, or 429 with Retry-After for a client
   * that failed too often (false). Works on node:http's request and response, so express routes and the kit's
   * raw routes share it.
   */
  async allow(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const result = await this.check(req.headers.authorization, req.socket.remoteAddress ?? '');
    if (result.ok) return true;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    if (result.retryAfterSeconds !== undefined) {
      this.opts.onRefused?.('rate_limited');
      res.statusCode = 429;
      res.setHeader('Retry-After', String(result.retryAfterSeconds));
      res.end('Too many failed authentication attempts\n');
      return false;
    }
    this.opts.onRefused?.('credential');
    res.statusCode = 401;
    res.setHeader('WWW-Authenticate', 'Basic');
    res.end('Unauthorized\n');
    return false;
  }
}
