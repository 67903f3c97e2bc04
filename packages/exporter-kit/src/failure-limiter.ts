// Per-client limit on failed authentication: a client (remote address; an IPv6 address by its /64, the block
// one host or household is given, so that rotating addresses inside it buys no fresh budget) refused
// `maxFailures` times within `windowMs` is refused outright, without a comparison, until its window passes.
// Bounds what guessing a password, token or key can cost and achieve. Clients tracked are bounded (oldest
// forgotten first).
export interface FailureLimiterOptions {
  /** Refusals per client within the window before it is refused outright. Default 10. */
  maxFailures?: number;
  /** Default 60 s. */
  windowMs?: number;
  /** Distinct clients tracked. Default 10 000. */
  maxClients?: number;
  now?: () => number;
}

interface ClientFailures {
  windowStart: number;
  count: number;
}

/** Insertion-ordered map trimmed to `max` entries, oldest first. */
export function remember<K, V>(m: Map<K, V>, key: K, value: V, max: number): void {
  m.delete(key);
  m.set(key, value);
  if (m.size > max) m.delete(m.keys().next().value as K);
}

/** The key a remote address is limited by: IPv4 (plain or IPv4-mapped) as is, IPv6 by its first 64 bits. */
export function clientKey(address: string): string {
  if (!address.includes(':') || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) return address;
  const [head, tail = ''] = address.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export class FailureLimiter {
  private readonly clients = new Map<string, ClientFailures>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: FailureLimiterOptions = {}) {
    this.maxFailures = opts.maxFailures ?? 10;
    this.windowMs = opts.windowMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** Seconds the client must wait, or 0 when it may try. */
  blockedFor(client: string): number {
    client = clientKey(client);
    const f = this.clients.get(client);
    if (!f || f.count < this.maxFailures) return 0;
    const left = f.windowStart + this.windowMs - this.now();
    if (left <= 0) {
      this.clients.delete(client);
      return 0;
    }
    return Math.ceil(left / 1000);
  }

  /** Records one refusal of the client. */
  fail(client: string): void {
    client = clientKey(client);
    const now = this.now();
    const f = this.clients.get(client);
    if (!f || f.windowStart + this.windowMs <= now) remember(this.clients, client, { windowStart: now, count: 1 }, this.opts.maxClients ?? 10_000);
    else f.count++;
  }
}
