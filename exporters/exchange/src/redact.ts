// ccxt error messages hold URLs and response bodies; a venue may echo an API key or secret back in them.
// Every exchange error message goes through here before it reaches the log.
import type { ExchangeCredentials } from './venues/credentials.js';

/** The error's message with each configured secret (4 characters or more; of one venue, or of several) and every
 * URL query string (signed requests carry the key, timestamp and signature there) replaced, then cut to 300
 * characters (cut after redacting: a secret straddling the cut would leave its start). */
export function redactedError(err: unknown, credentials: ExchangeCredentials | readonly ExchangeCredentials[] | undefined): string {
  let out = String((err as Error | undefined)?.message ?? err).replace(/(\b(?:https?|wss?):\/\/[^\s?#"']*)\?[^\s"']*/g, '$1?[redacted]');
  for (const c of Array.isArray(credentials) ? credentials : [credentials]) {
    for (const secret of Object.values((c as ExchangeCredentials | undefined) ?? {})) {
      if (typeof secret === 'string' && secret.length >= 4) out = out.split(secret).join('[redacted]');
    }
  }
  return out.slice(0, 300);
}
