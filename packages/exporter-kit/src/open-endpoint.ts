// Secure by default: an endpoint that writes (trading ingest, the journal's webhook) refuses to start without
// a credential when the exporter listens on an address other hosts can reach, unless the operator says so
// with an explicit flag. Either way the log says what is open to whom.
import type { Exporter } from './exporter.js';
import { FlagError, type FlagValues } from './flags.js';
import { isLoopbackListen } from './listen-address.js';

export interface WritingEndpoint {
  /** What writes, as the log and the error name it: "POST /v1/events". */
  what: string;
  /** Whether the endpoint's own credential is configured. */
  authenticated: boolean;
  /** How to configure one, for the error: "--ingest.token-file". */
  credentialFlag: string;
  /** The boolean flag that allows it open on a network address: "ingest.allow-unauthenticated". */
  allowFlag: string;
}

/**
 * Throws a FlagError when `e` would be open on a non-loopback address without `--<allowFlag>`; logs a
 * warning whenever it is open. The web config's basic auth covers every route, so it counts as a credential.
 */
export function guardWritingEndpoint(exporter: Exporter, flags: FlagValues, e: WritingEndpoint): void {
  const webAuth = (exporter.options.webConfig?.basicAuthUsers.size ?? 0) > 0;
  if (e.authenticated || webAuth) return;
  const address = String(flags['web.listen-address'] ?? '');
  if (isLoopbackListen(address)) {
    exporter.logger.warn({ endpoint: e.what, address }, `${e.what} accepts writes without a credential from any process on this machine (${e.credentialFlag} sets one)`);
    return;
  }
  if (flags[e.allowFlag] !== true) {
    throw new FlagError(
      `${e.what} would accept writes from anyone who can reach ${address}: set ${e.credentialFlag} (or basic auth in --web.config.file), listen on 127.0.0.1, or pass --${e.allowFlag} to run it open on purpose`,
      e.allowFlag,
    );
  }
  exporter.logger.warn({ endpoint: e.what, address }, `${e.what} is OPEN: anyone who can reach ${address} can write to it (--${e.allowFlag})`);
}
