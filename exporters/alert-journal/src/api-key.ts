// The API key comes from API_KEY or API_KEY_FILE; the local stack may ask for one to be generated into the
// file. A missing key stops start-up: an unauthenticated REST API is never the fallback.
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { FlagError, readSecretFile } from '@vigil/exporter-kit';

export function loadApiKey(key: string, file: string, generateIfMissing: boolean): string {
  if (key) return key;
  if (file) {
    if (!existsSync(file)) {
      if (!generateIfMissing) {
        throw new FlagError(`API_KEY_FILE (--api-key.file): ${file} does not exist; create it or pass --api-key.generate-if-missing`, 'api-key.file');
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(24).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    }
    return readSecretFile('api-key.file', file);
  }
  throw new FlagError('no API key: set API_KEY or API_KEY_FILE (flag --api-key.file)', 'api-key.file');
}

/** Constant-time comparison: both sides are hashed first so their lengths match and nothing leaks through timing. */
export function keysEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
