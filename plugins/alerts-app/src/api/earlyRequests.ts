// Requests a page will make, started before the page mounts (as its route is taken, while React renders it or its
// code loads) and handed to the page once: the page's hook takes the request in flight instead of sending it again.

/** An answer that came longer ago than this is not handed out: the page asks again. */
export const EARLY_FRESH_MS = 5_000;

interface Early {
  promise: Promise<unknown>;
  settledAt?: number;
}

const early = new Map<string, Early>();

const fresh = (e: Early) => e.settledAt === undefined || Date.now() - e.settledAt <= EARLY_FRESH_MS;

/** Starts `load` under `key`, replacing a request under that key that no page took. */
export function startEarly<T>(key: string, load: () => Promise<T>): void {
  const entry: Early = { promise: load() };
  const settle = () => {
    entry.settledAt = Date.now();
    // Not kept once it is too old to be handed out (a page that never mounted would hold its answer otherwise).
    setTimeout(() => early.get(key) === entry && early.delete(key), EARLY_FRESH_MS + 1);
  };
  // Also marks a failure as handled here: the page that takes the promise sees the failure.
  entry.promise.then(settle, settle);
  early.set(key, entry);
}

/** The request started under `key` if it is in flight or answered recently; once only. */
export function takeEarly<T>(key: string): Promise<T> | undefined {
  const e = early.get(key);
  early.delete(key);
  return e && fresh(e) ? (e.promise as Promise<T>) : undefined;
}

/** Drops every request not taken (tests). */
export function clearEarly(): void {
  early.clear();
}
