// HTTP basic auth against bcrypt hashes, as the exporter-toolkit does it: 401 with WWW-Authenticate on a
// missing or wrong password; a successful check is cached (keyed by a SHA-256 of the credentials) so a scrape
// every few seconds does not pay bcrypt's cost each time; unknown users still pay one bcrypt comparison so a
// timing difference does not reveal which usernames exist.
import { createHash, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { IncomingMessage, ServerResponse } from 'node:http';

const DUMMY_HASH = '$2a$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi';

export interface BasicAuthResult {
  ok: boolean;
  user?: string;
}

export class BasicAuthenticator {
  private readonly verified = new Map<string, Buffer>();

  constructor(private readonly users: Map<string, string>) {}

  get enabled(): boolean {
    return this.users.size > 0;
  }

  async check(header: string | undefined): Promise<BasicAuthResult> {
    if (!header?.startsWith('Basic ')) return { ok: false };
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { ok: false };
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const digest = createHash('sha256').update(user).update('\0').update(password).digest();
    const cached = this.verified.get(user);
    if (cached && timingSafeEqual(cached, digest)) return { ok: true, user };
    const hash = this.users.get(user);
    const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
    if (ok && hash) {
      this.verified.set(user, digest);
      return { ok: true, user };
    }
    return { ok: false };
  }

  /**
   * Lets the request go on (true) or answers 401 with WWW-Authenticate (false). Works on node:http's
   * request and response, so express routes and the kit's raw routes share it.
   */
  async allow(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if ((await this.check(req.headers.authorization)).ok) return true;
    res.statusCode = 401;
    res.setHeader('WWW-Authenticate', 'Basic');
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Unauthorized\n');
    return false;
  }
}
