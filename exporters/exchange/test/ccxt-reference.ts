// ccxt's recorded exchange responses and market lists (peers' reference data, read at test time and never
// committed), served by the tests' local venue servers. A test file importing this fails at once, in one line
// naming the command that fetches the data, when it is missing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDir } from '@vigil/test-support';

export const REFERENCE = referenceDir('ccxt');
/** For --exchange.markets-dir. */
export const MARKETS_DIR = join(REFERENCE, 'markets');

const cache = new Map<string, { methods: Record<string, Array<{ httpResponse: unknown }>> }>();

/** The raw body the venue sent for entry `index` of a unified method in ccxt's recordings. */
export function recorded(id: string, method: string, index = 0): unknown {
  let file = cache.get(id);
  if (!file)
    cache.set(
      id,
      (file = JSON.parse(readFileSync(join(REFERENCE, 'response', `${id}.json`), 'utf8')) as NonNullable<
        typeof file
      >),
    );
  const entry = file.methods[method]?.[index];
  if (!entry) throw new Error(`no recorded ${id} ${method}[${index}] in ${REFERENCE}`);
  return entry.httpResponse;
}
