// Reading an exporter's /metrics in tests: the text exposition parsed into name{labels} → value, a lookup by
// label subset, and a scrape loop that waits with a deadline until the samples satisfy a condition.
import { waitFor } from './wait.js';

export async function scrape(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  return res.text();
}

/** Scrapes every 100 ms until `test` holds for the samples (returned), or fails naming `what` after timeoutMs. */
export function waitForSamples(url: string, what: string, test: (m: Map<string, number>) => boolean, timeoutMs = 15_000): Promise<Map<string, number>> {
  return waitFor(
    async () => {
      const m = parseSamples(await scrape(url));
      return test(m) ? m : undefined;
    },
    { what, timeoutMs },
  );
}

/** name{labels} → value, for every sample line; label order as exposed. */
export function parseSamples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const sp = line.lastIndexOf(' ');
    const v = line.slice(sp + 1);
    out.set(line.slice(0, sp), v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v));
  }
  return out;
}

const byName = new WeakMap<Map<string, number>, Map<string, Array<[string, number]>>>();

/** The value of the sample whose name matches and whose labels include all of `labels`; sums several. */
export function sample(samples: Map<string, number>, name: string, labels: Record<string, string> = {}): number | undefined {
  let index = byName.get(samples);
  if (!index) {
    index = new Map();
    for (const [key, v] of samples) {
      const brace = key.indexOf('{');
      const n = brace < 0 ? key : key.slice(0, brace);
      let list = index.get(n);
      if (!list) index.set(n, (list = []));
      list.push([key, v]);
    }
    byName.set(samples, index);
  }
  const wanted = Object.entries(labels).map(([k, lv]) => `${k}="${lv}"`);
  let total: number | undefined;
  for (const [key, v] of index.get(name) ?? []) {
    if (!wanted.every((w) => key.includes(w))) continue;
    total = (total ?? 0) + v;
  }
  return total;
}
