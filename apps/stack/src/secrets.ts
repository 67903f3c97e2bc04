// Secrets the local stack shares between its components (the trading exporter's ingest token and the
// simulator posting with it; the journal's webhook token and Alertmanager sending it): one random token per
// name in <data dir>/secrets/<name>, made once with mode 0600 and kept across runs.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const JOURNAL_WEBHOOK_SECRET = 'journal-webhook-token';

/** The file of the secret `name` under dataDir, created with a random token when it does not exist. */
export function stackSecret(dataDir: string, name: string): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`secret name ${JSON.stringify(name)}: expected lower-case letters, digits and dashes`);
  const dir = join(dataDir, 'secrets');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, name);
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  return file;
}
