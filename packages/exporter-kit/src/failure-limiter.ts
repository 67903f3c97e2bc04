// Per-client limit on failed authentication: a client (remote address; an IPv6 address by its /64, the block
// one host or household is given, so that rotating addresses inside it buys no fresh budget) refused
// `maxFailures` times within `windowMs` is refused outright, without a comparison, until its window passes.
// Bounds what guessing a password, token or key can cost and achieve. Clients tracked are bounded: when the table
// is full, clients still trying are forgotten first (oldest first) and a blocked client only once every other is,
// so failures from many fresh addresses cannot flush a blocked client out and buy it a fresh budget.
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
  /** Clients with fewer than `maxFailures` refusals in their window, oldest first. */
  private readonly trying = new Map<string, ClientFailures>();
  /** Blocked clients and the time their block ends, in the order they were blocked. */
  private readonly blocked = new Map<string, number>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(opts: FailureLimiterOptions = {}) {
    this.maxFailures = opts.maxFailures ?? 10;
    this.windowMs = opts.windowMs ?? 60_000;
    this.maxClients = opts.maxClients ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  /** Clients tracked (trying or blocked); never above `maxClients`. */
  get size(): number {
    return this.trying.size + this.blocked.size;
  }

  /** Seconds the client must wait, or 0 when it may try. */
  blockedFor(client: string): number {
    return this.blockLeft(clientKey(client), this.now());
  }

  /** Records one refusal of the client. */
  fail(client: string): void {
    client = clientKey(client);
    const now = this.now();
    if (this.blockLeft(client, now) > 0) return;
    let f = this.trying.get(client);
    if (!f || f.windowStart + this.windowMs <= now) {
      f = { windowStart: now, count: 0 };
      remember(this.trying, client, f, Infinity);
    }
    if (++f.count >= this.maxFailures) {
      this.trying.delete(client);
      this.blocked.set(client, f.windowStart + this.windowMs);
    }
    this.trim(now);
  }

  private blockLeft(client: string, now: number): number {
    const until = this.blocked.get(client);
    if (until === undefined) return 0;
    if (until <= now) {
      this.blocked.delete(client);
      return 0;
    }
    return Math.ceil((until - now) / 1000);
  }

  /** Forgets clients until at most `maxClients` are tracked: an ended block, else the oldest client trying, else
   *  the oldest block. */
  private trim(now: number): void {
    while (this.size > this.maxClients) {
      const [first, until] = this.blocked.entries().next().value ?? [];
      // the last client trying is the one just recorded: it stays tracked, or it could fail without end
      if (first !== undefined && (until! <= now || this.trying.size <= 1)) this.blocked.delete(first);
      else this.trying.delete(this.trying.keys().next().value!);
    }
  }
}
